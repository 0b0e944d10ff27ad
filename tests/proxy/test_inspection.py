"""Inspection: one exchange judged by the suite's own judge plus request conformance, into one run result."""

from __future__ import annotations

import json

import httpx
import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.proxy import Inspector
from paystack_contracts.proxy.matching import Matcher
from paystack_contracts.reports import render_json
from paystack_contracts.results import ExitCode

from .conftest import AUTH, exchange


def inspected(drift: tuple[str, ...], *requests: tuple[str, str, object]) -> Inspector:
    inspector = Inspector.for_target("test")
    with (
        serve_in_thread(create_app(MockSettings(drift=drift, random_seed=2))) as url,
        httpx.Client(base_url=url) as client,
    ):
        for method, path, body in requests:
            extra = {"json": body} if body else {}
            inspector.inspect(exchange(client.request(method, path, headers=AUTH, **extra)))
    return inspector


SESSION = [("POST", "/customer", {"email": "ada@example.com"}), ("GET", "/customer", None)]


def test_a_conforming_session_is_judged_by_every_check_and_finds_nothing() -> None:
    result = inspected((), *SESSION).result
    assert result.cases == 2
    assert result.findings == []
    checks = result.operations["POST /customer"].checks
    assert {"response_schema_conformance", "status_code_conformance", "not_a_server_error"} <= set(checks)


@pytest.mark.parametrize(
    ("drift", "named"),
    [("snake-case-dates", "createdAt"), ("status-as-string", "status"), ("create-returns-201", "POST /customer")],
)
def test_drift_in_the_upstream_is_found_and_named(drift: str, named: str) -> None:
    result = inspected((drift,), *SESSION).result
    assert result.failures
    assert any(named in f"{f.where} {f.message}" for f in result.failures)
    assert all(f.source == "suite" for f in result.failures)


def test_a_request_outside_the_contract_is_a_client_finding() -> None:
    result = inspected((), ("GET", "/customers/everyone", None)).result
    (finding,) = result.findings
    assert (finding.rule, finding.source, finding.operation) == (
        "request.unknown-operation",
        "proxy",
        "GET /customers/everyone",
    )
    assert result.exchange_of(finding) is not None


def test_the_clients_key_never_reaches_the_result(canary_key: str) -> None:
    inspector = Inspector.for_target("test")
    app = create_app(MockSettings(accepted_keys=frozenset({canary_key})))
    with serve_in_thread(app) as url, httpx.Client(base_url=url) as client:
        headers = {"Authorization": f"Bearer {canary_key}"}
        sent = client.post("/customer", json={"email": "x@example.com", "metadata": []}, headers=headers)
        inspector.inspect(exchange(sent))
    rendered = render_json(inspector.result)
    assert inspector.result.findings  # the bad metadata was recorded, with its exchange and replay line
    assert canary_key not in rendered
    assert canary_key[8:] not in rendered
    assert DEFAULT_TEST_KEY not in rendered
    assert json.loads(rendered)


def test_an_exchange_whose_judging_raises_is_inconclusive_and_nothing_conforms(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the proxy, check-traffic and the HAR reader all go through: an exchange nobody judged never conforms."""

    def broken(self: Matcher, method: str, path: str) -> None:
        raise SystemError("AST constructor recursion depth mismatch")

    monkeypatch.setattr(Matcher, "match", broken)
    result = inspected((), *SESSION).result
    assert [item.reason.value for item in result.inconclusives] == ["not_judged", "not_judged"]
    assert result.cases == 0
    assert result.exit_code() is not ExitCode.CONFORMS
