"""The proxy over loopback: pypaystack2 through it to the mock, answers relayed byte for byte, drift and client
mistakes found, live keys refused, 20 clients at once, and the upstream going away."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from tests.support.hostile import bomb_body, hostile_target, slow_head_server

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.proxy import Inspector, ProxyConfig, RunningProxy, finished, running_proxy
from paystack_contracts.proxy.matching import Matcher
from paystack_contracts.proxy.server import PROXY_HEADER
from paystack_contracts.reports import REPORT_FILES, write_reports
from paystack_contracts.results import ExitCode

from .conftest import AUTH, sdk_client


def pypaystack2_session(base_url: str) -> int:
    """A realistic integration: create, list, fetch, update, flag. Returns how many calls it made."""
    from pypaystack2.enums import RiskAction

    client = sdk_client(base_url)
    created = client.create(email="sdk@example.com", first_name="Sade", metadata={"plan": "gold"})
    code = created.data.customer_code
    client.get_customers(pagination=10)
    client.get_customer(code)
    client.update(code, last_name="Bello")
    client.flag(code, RiskAction.BLACKLIST)
    return 5


def test_pypaystack2_through_the_proxy_to_the_mock_conforms_and_writes_the_five_reports(
    proxy: RunningProxy, tmp_path: Path
) -> None:
    calls = pypaystack2_session(proxy.url)
    assert proxy.settle()
    result = finished(proxy.inspector)
    assert result.cases == calls  # every exchange checked
    assert result.findings == []
    written = write_reports(result, tmp_path)
    assert sorted(p.name for p in written) == sorted(REPORT_FILES)
    report = json.loads((tmp_path / "report.json").read_text())
    assert (sum(op["cases"] for op in report["operations"]), report["exit_code"]) == (calls, 0)


def test_pypaystack2_through_the_proxy_to_a_drifted_mock_names_the_drift() -> None:
    with (
        serve_in_thread(create_app(MockSettings(drift=("snake-case-dates",)))) as upstream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream)) as running,
    ):
        sdk_client(running.url).create(email="drift@example.com")
    failures = finished(running.inspector).failures
    assert failures
    assert any("createdAt" in f.message for f in failures)
    assert {f.source for f in failures} == {"suite"}


def test_a_malformed_request_is_reported_as_the_clients_fault(proxy: RunningProxy) -> None:
    answer = sdk_client(proxy.url).create(email="bad@example.com", metadata=["not", "an", "object"])  # type: ignore[arg-type]
    assert answer.status_code == 400  # the mock answered; the proxy only watched
    proxy.settle()
    (finding,) = finished(proxy.inspector).failures
    assert (finding.rule, finding.location, finding.source) == ("request.body", "$.metadata", "proxy")
    assert dict(finding.extra)["fault"] == "client"
    assert finding.message.startswith("client request:")


REQUESTS = [
    ("GET", "/customer?perPage=2", None, AUTH),
    ("GET", "/customer/CUS_doesnotexist00", None, AUTH),
    ("GET", "/customer/nobody%40example.com", None, AUTH),
    ("GET", "/customer", None, {}),
    ("POST", "/customer", {"metadata": "oops"}, AUTH),
    ("PUT", "/nowhere", None, AUTH),
]


@pytest.mark.parametrize(("method", "path", "body", "headers"), REQUESTS)
def test_status_headers_and_body_are_relayed_as_the_upstream_sent_them(
    proxy: RunningProxy, mock_url: str, method: str, path: str, body: object, headers: dict[str, str]
) -> None:
    direct = httpx.request(method, mock_url + path, json=body, headers=headers)
    relayed = httpx.request(method, proxy.url + path, json=body, headers=headers)
    assert relayed.status_code == direct.status_code
    assert relayed.content == direct.content

    def without_date(r: httpx.Response) -> list[tuple[str, str]]:
        return [(k, v) for k, v in r.headers.multi_items() if k != "date"]  # the upstream stamps each answer

    assert without_date(relayed) == without_date(direct)
    assert "date" in relayed.headers
    assert PROXY_HEADER not in relayed.headers


def test_an_odd_upstream_is_relayed_byte_for_byte(tmp_path: Path) -> None:
    """Repeated headers, their casing, a gzip body and a fixed date: nothing is re-encoded or re-stamped."""
    body = gzip.compress(b'{"status": true, "message": "ok", "data": []}')

    async def answer(request: Request) -> Response:
        response = Response(body, status_code=200)
        response.raw_headers = [
            (b"Content-Type", b"application/json; charset=utf-8"),
            (b"Content-Encoding", b"gzip"),
            (b"Set-Cookie", b"a=1"),
            (b"Set-Cookie", b"b=2"),
            (b"Date", b"Mon, 01 Jan 2024 00:00:00 GMT"),
            (b"X-Odd", b"a,  b"),
            (b"Content-Length", str(len(body)).encode()),
        ]
        return response

    stub = Starlette(routes=[Route("/customer", answer)])
    with (
        serve_in_thread(stub, date_header=False, server_header=False) as upstream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream)) as running,
        httpx.Client() as client,
    ):
        direct = client.get(upstream + "/customer", headers=AUTH)
        relayed = client.get(running.url + "/customer", headers=AUTH)
    assert relayed.headers.raw == direct.headers.raw
    assert relayed.read() == direct.read()
    assert running.inspector.result.cases == 1  # judged on the decoded body


@pytest.mark.parametrize(
    ("body", "encoding", "said"),
    [(b"x" * (17 * 1024 * 1024), None, "over 16 MB, not"), (bomb_body(), b"gzip", "over 16 MB once decoded")],
    ids=["17 MB", "a decompression bomb"],
)
def test_an_upstream_body_past_the_cap_is_not_relayed_and_is_a_finding(
    body: bytes, encoding: bytes | None, said: str
) -> None:
    async def answer(request: Request) -> Response:
        response = Response(body, media_type="application/json")
        if encoding:
            response.raw_headers.append((b"content-encoding", encoding))
        return response

    stub = Starlette(routes=[Route("/customer", answer)])
    with (
        serve_in_thread(stub) as upstream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream)) as running,
    ):
        relayed = httpx.get(running.url + "/customer", headers=AUTH, timeout=30)
    assert relayed.status_code == 502
    assert relayed.headers[PROXY_HEADER] == "answered"
    (finding,) = running.inspector.result.findings
    assert finding.rule == "response-too-large"
    assert said in finding.message


@pytest.mark.parametrize("where", ["body", "head"])
def test_an_upstream_that_trickles_is_cut_at_the_deadline_and_is_inconclusive(where: str) -> None:
    with contextlib.ExitStack() as stack:
        if where == "body":
            upstream, path = stack.enter_context(hostile_target()).base_url, "/trickle"
        else:
            upstream, path = stack.enter_context(slow_head_server()), "/customer"
        config = ProxyConfig.vetted(upstream, timeout=1)
        running = stack.enter_context(running_proxy(config, Inspector.for_target(upstream)))
        started = time.monotonic()
        answer = httpx.get(running.url + path, headers=AUTH, timeout=30)
        assert time.monotonic() - started < 5  # the trickle alone goes on for minutes
    assert answer.status_code == 502
    (item,) = running.inspector.result.inconclusives
    assert item.reason.value == "timeout"


def test_a_live_key_is_refused_before_anything_is_forwarded() -> None:
    seen: list[str] = []

    async def upstream_answer(request: Request) -> Response:
        seen.append(request.headers.get("authorization", ""))
        return Response("{}", media_type="application/json")

    stub = Starlette(routes=[Route("/customer", upstream_answer, methods=["GET", "POST"])])
    live = "sk_live_" + "1" * 40
    with (
        serve_in_thread(stub) as upstream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream)) as running,
    ):
        answer = httpx.post(
            running.url + "/customer", json={"email": "a@example.com"}, headers={"Authorization": f"Bearer {live}"}
        )
    assert seen == []
    assert answer.status_code == 403
    assert answer.headers[PROXY_HEADER] == "answered"
    assert "live secret key" in answer.json()["message"]
    assert live not in answer.text
    (finding,) = running.inspector.result.findings
    assert finding.rule == "request.live-key"
    assert live not in json.dumps([f.to_dict() for f in running.inspector.result.findings])


@pytest.mark.parametrize(
    "upstream", ["http://example.com", "ftp://127.0.0.1", "not a url", "http://evil\\@127.0.0.1", "http://127.1:4010"]
)
def test_an_upstream_outside_the_target_policy_is_refused(upstream: str) -> None:
    from paystack_contracts.errors import ConfigError

    with pytest.raises(ConfigError):
        ProxyConfig.vetted(upstream)


def test_fail_on_violation_answers_a_violating_exchange_with_a_500_naming_the_finding(mock_url: str) -> None:
    config = ProxyConfig.vetted(mock_url, fail_on_violation=True)
    with running_proxy(config, Inspector.for_target(mock_url)) as running:
        bad = httpx.post(running.url + "/customer", json={"email": "a@example.com", "metadata": [1]}, headers=AUTH)
        good = httpx.get(running.url + "/customer", headers=AUTH)
    assert bad.status_code == 500
    assert bad.headers[PROXY_HEADER] == "answered"
    assert "request.body" in bad.json()["message"]
    assert "$.metadata" in bad.json()["message"]
    assert good.status_code == 200
    assert PROXY_HEADER not in good.headers


def test_twenty_concurrent_clients_are_all_answered_and_judged(proxy: RunningProxy) -> None:
    barrier = threading.Barrier(20)

    def client(n: int) -> int:
        with httpx.Client(base_url=proxy.url, headers=AUTH) as http:
            barrier.wait(timeout=10)
            statuses = [http.post("/customer", json={"email": f"c{n}@example.com"}).status_code]
            statuses += [http.get("/customer", params={"perPage": 5}).status_code for _ in range(4)]
            return sum(s == 200 for s in statuses)

    with ThreadPoolExecutor(20) as pool:
        answered = sum(pool.map(client, range(20)))
    assert answered == 100
    assert proxy.settle()
    result = finished(proxy.inspector)
    assert (result.cases, result.findings) == (100, [])


def test_an_upstream_that_went_away_is_a_502_and_inconclusive() -> None:
    with serve_in_thread(create_app()) as gone:
        pass
    with running_proxy(ProxyConfig.vetted(gone, timeout=2), Inspector.for_target(gone)) as running:
        answer = httpx.get(running.url + "/customer", headers=AUTH)
    assert answer.status_code == 502
    assert answer.headers[PROXY_HEADER] == "answered"
    (item,) = running.inspector.result.inconclusives
    assert item.reason.value == "connection_error"


def test_every_exchange_is_recorded_redacted_and_reads_back(mock_url: str, canary_key: str) -> None:
    app = create_app(MockSettings(accepted_keys=frozenset({canary_key, DEFAULT_TEST_KEY})))
    stream = io.StringIO()
    with (
        serve_in_thread(app) as upstream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream), stream) as running,
    ):
        sdk_client(running.url, canary_key).create(email="rec@example.com")
        sdk_client(running.url).get_customers()
    text = stream.getvalue()
    assert canary_key not in text
    assert canary_key[8:] not in text
    assert len(text.splitlines()) == 2


def test_an_exchange_whose_judging_raised_is_inconclusive_never_conforming(
    proxy: RunningProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: Matcher, method: str, path: str) -> None:
        raise SystemError("AST constructor recursion depth mismatch (before=63, after=47)")  # seen in CI

    monkeypatch.setattr(Matcher, "match", broken)
    answer = httpx.get(proxy.url + "/customer", headers=AUTH)
    assert proxy.settle(5)
    assert answer.status_code == 200  # the client still has its answer
    (item,) = proxy.inspector.result.inconclusives
    assert item.reason.value == "not_judged"
    assert "SystemError" in item.message
    assert finished(proxy.inspector).exit_code() is not ExitCode.CONFORMS
