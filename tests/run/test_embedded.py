"""The embedded transport: the mock called on the session's own event loop gives what loopback HTTP gives."""

from __future__ import annotations

import asyncio
import re
import socket
from dataclasses import replace
from typing import Any

import pytest
import requests
from schemathesis.core import NotSet

from paystack_contracts.mock import DEFAULT_TEST_KEY, DRIFT_PROFILES, MockSettings, create_app, serve_in_thread
from paystack_contracts.results import Exchange, RunResult
from paystack_contracts.run import SuiteOptions, TargetSpec, run_suite
from paystack_contracts.run.client import ContractClient
from paystack_contracts.run.embedded import EmbeddedClient
from paystack_contracts.run.recorder import path_pattern
from paystack_contracts.run.session import EMBEDDED_CUSTOMERS

_SEED = 7
_CLOCK_DEPENDENT = re.compile(r"\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?Z?|req_[0-9A-Z]{26}")  # times, ULIDs
_PER_REQUEST_HEADERS = {"x-schemathesis-testcaseid", "date", "server"}  # a random id; uvicorn's own headers


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(drift: str, base_url: str | None = None, webhook_port: int | None = None) -> RunResult:
    globalstack = f"{base_url}/v1" if base_url else None  # the embedded mock serves GlobalStack; say so for HTTP
    target = TargetSpec(
        base_url=base_url, secret_key=DEFAULT_TEST_KEY if base_url else None, globalstack_base_url=globalstack
    )
    drifted = () if base_url else (drift,)
    options = SuiteOptions(target=target, seed=_SEED, drift=drifted, phases=("examples",), run_id="r1")
    return run_suite(replace(options, webhook_port=webhook_port))


def _findings(result: RunResult) -> list[tuple[str | None, ...]]:
    """Failures and warnings, with the mock's clock masked (each side's mock reads the wall clock)."""
    found = [*result.failures, *result.warnings]
    # A path pattern, not the path: which list items break a same-second tie depends on the clock, not the transport.
    return sorted(
        (f.check_name, f.rule, f.operation, path_pattern(f.location), _masked(f.expected), _masked(f.actual))
        for f in found
    )


def _masked(text: str | None) -> str:
    return _CLOCK_DEPENDENT.sub("<clock>", text or "")


def _exchange(exchange: Exchange) -> tuple[Any, ...]:
    """The exchange without what differs by construction: the origin, timestamps, per-request headers."""

    def headers(found: dict[str, str]) -> dict[str, str]:
        return {k.lower(): v for k, v in found.items() if k.lower() not in _PER_REQUEST_HEADERS}

    path = exchange.url.split("/", 3)[-1]
    body = _masked(exchange.response_body)
    return (exchange.method, path, headers(exchange.request_headers), exchange.request_body, exchange.status_code,
            headers(exchange.response_headers), body)  # fmt: skip


@pytest.mark.parametrize("drift", sorted(DRIFT_PROFILES))
def test_the_embedded_transport_finds_what_loopback_http_finds_on_every_drift_profile(drift: str) -> None:
    embedded = _run(drift)
    port = _free_port()  # the HTTP mock delivers webhooks where that run listens, as the embedded one does
    webhooks = {"webhook_delay": 0.0, "webhook_time_scale": 1e-4, "webhook_test_retry_hours": 2}
    settings = MockSettings(
        drift=(drift,),
        random_seed=_SEED,
        seed_customers=EMBEDDED_CUSTOMERS,
        webhook_url=f"http://127.0.0.1:{port}/webhook",
        **webhooks,  # type: ignore[arg-type]
    )
    with serve_in_thread(create_app(settings)) as base_url:
        over_http = _run(drift, base_url, port)
    assert _findings(embedded) == _findings(over_http)
    assert _findings(embedded), f"{drift} was not caught"
    assert [_exchange(e) for e in embedded.exchanges.values()] == [_exchange(e) for e in over_http.exchanges.values()]


def test_a_slow_app_is_a_read_timeout_never_a_hang() -> None:
    async def slow(scope: dict[str, Any], receive: Any, send: Any) -> None:
        await asyncio.sleep(5)

    with EmbeddedClient(slow) as client, pytest.raises(requests.ReadTimeout):
        client.get("http://testserver/customer", timeout=0.05)


def test_an_app_that_never_answers_is_an_error() -> None:
    async def silent(scope: dict[str, Any], receive: Any, send: Any) -> None:
        return None

    with EmbeddedClient(silent) as client, pytest.raises(RuntimeError, match="no response"):
        client.get("http://testserver/customer")


def test_headers_and_query_reach_the_app_as_they_would_over_http() -> None:
    seen: dict[str, Any] = {}

    async def echo(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.update(scope)
        await send({"type": "http.response.start", "status": 201, "headers": [(b"x-a", b"1")]})
        await send({"type": "http.response.body", "body": b"ok"})

    with EmbeddedClient(echo) as client:
        response = client.post("http://testserver/customer/%40x?page=2", data=b"{}", headers={"X-Key": "v"})
    assert (response.status_code, response.reason, response.headers["x-a"], response.content) == (
        201,
        "Created",
        "1",
        b"ok",
    )
    assert (seen["path"], seen["raw_path"], seen["query_string"]) == ("/customer/@x", b"/customer/%40x", b"page=2")
    assert (b"host", b"testserver") in seen["headers"]
    assert (b"x-key", b"v") in seen["headers"]


def test_the_state_machine_sends_the_same_cases_in_process_and_over_http(monkeypatch: pytest.MonkeyPatch) -> None:
    """Schemathesis would mix literals from the embedded mock's own source (a checkout is "local" code) into the
    state machine's cases; over HTTP it has no source to read. The same seed must send the same requests."""
    sent: list[tuple[Any, ...]] = []
    real = ContractClient.send

    def recording(client: ContractClient, case: Any, *args: Any, **kwargs: Any) -> Any:
        body = None if isinstance(case.body, NotSet) else case.body
        sent.append((case.method, case.formatted_path, sorted((case.query or {}).items()), repr(body)))
        return real(client, case, *args, **kwargs)

    monkeypatch.setattr(ContractClient, "send", recording)
    options = SuiteOptions(seed=_SEED, phases=("stateful",), scenarios=(), run_id="r1")
    run_suite(options)
    in_process, sent[:] = list(sent), []
    settings = MockSettings(random_seed=_SEED, seed_customers=EMBEDDED_CUSTOMERS)
    with serve_in_thread(create_app(settings)) as base_url:
        target = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY, globalstack_base_url=f"{base_url}/v1")
        run_suite(replace(options, target=target))
    assert in_process
    assert sent == in_process
