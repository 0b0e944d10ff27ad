from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

import pytest
import requests
from tests.run.conftest import Embedded

from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.results import InconclusiveReason, RunResult, Target
from paystack_contracts.run.client import BudgetExhausted, TargetDown, classify_error, classify_response
from paystack_contracts.run.plan import RunPlan, SuiteOptions, TargetSpec
from paystack_contracts.run.recorder import Recorder
from paystack_contracts.run.session import open_session


@contextlib.contextmanager
def embedded_target(spec: TargetSpec) -> Iterator[Embedded]:
    """A session against another target over HTTP (`Embedded` works for any target)."""
    plan = RunPlan.resolve(SuiteOptions(target=spec))
    recorder = Recorder(RunResult(target=Target(plan.label)))
    with open_session(plan, recorder) as session:
        yield Embedded(plan, session, recorder)


JSON = {"content-type": "application/json"}
EDGE = InconclusiveReason.EDGE_ERROR


@pytest.mark.parametrize(
    ("status", "headers", "body", "reason"),
    [
        (429, JSON, b'{"status":false,"message":"Rate limit exceeded!"}', InconclusiveReason.RATE_LIMITED),
        (
            400,
            {"content-type": "text/html"},
            b"<html><center>cloudflare</center></html>",
            InconclusiveReason.EDGE_ERROR,
        ),
        (403, {"content-type": "text/html", "cf-ray": "8a1b2c3d4e5f-LOS"}, b"<html>denied</html>", EDGE),
        (502, {"content-type": "text/html", "server": "cloudflare"}, b"<html>Bad gateway</html>", EDGE),
        (400, {}, b"<!DOCTYPE html><html><center>cloudflare</center></html>", EDGE),
        (200, {"content-type": "text/html"}, b"<html><body>customers</body></html>", None),  # the origin drifted
        (404, {}, b"<!DOCTYPE html><html>Not Found</html>", None),
        (200, JSON, b'{"status":true,"message":"ok"}', None),
        (500, JSON, b'{"status":false,"message":"boom"}', None),
        (200, {"content-type": "text/plain"}, b'{"status":true}', None),
    ],
)
def test_responses_that_say_nothing_about_the_contract_are_inconclusive(status, headers, body, reason) -> None:
    assert classify_response(status, headers, body) is reason


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (requests.ReadTimeout("slow"), InconclusiveReason.TIMEOUT),
        (requests.ConnectionError("refused"), InconclusiveReason.CONNECTION_ERROR),
        (ConnectionRefusedError(), InconclusiveReason.CONNECTION_ERROR),
        (TimeoutError(), InconclusiveReason.TIMEOUT),
        (ValueError("a bug"), None),
    ],
)
def test_transport_errors_are_inconclusive_and_bugs_are_not(error: BaseException, reason) -> None:
    assert classify_error(error) is reason


def test_the_budget_stops_the_run_before_a_request_is_sent(embedded) -> None:
    client = embedded.session.client
    client.budget.limit = 1
    assert client.send(embedded.case("customer_list")) is not None
    with pytest.raises(BudgetExhausted, match="budget of 1 spent"):
        client.send(embedded.case("customer_list"))
    assert client.budget.used == 1
    assert len(embedded.recorder.exchanges) == 1


def test_a_conclusive_answer_is_judged_and_recorded(embedded) -> None:
    judged = embedded.session.client.send(embedded.case("customer_list"))
    assert judged is not None
    assert (judged.status_code, judged.failed) == (200, False)
    assert "paystack_envelope" in judged.checks_run
    assert embedded.recorder.result.operation("GET /customer").cases == 1


def test_an_edge_page_is_inconclusive_and_never_judged(edge) -> None:
    spec = TargetSpec(base_url=edge.base_url, secret_key=DEFAULT_TEST_KEY)
    with embedded_target(spec) as opened:
        assert opened.session.client.send(opened.case("customer_list")) is None
        [inconclusive] = opened.recorder.result.inconclusives
    assert inconclusive.reason is InconclusiveReason.EDGE_ERROR
    assert inconclusive.replay is not None
    assert "$PAYSTACK_SECRET_KEY" in inconclusive.replay
    assert opened.recorder.exchanges == []


def test_three_refused_connections_in_a_row_mean_the_target_is_down() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with embedded_target(TargetSpec(base_url=f"http://127.0.0.1:{port}", secret_key=DEFAULT_TEST_KEY)) as opened:
        client = opened.session.client
        assert client.send(opened.case("customer_list")) is None
        assert client.send(opened.case("customer_list")) is None
        with pytest.raises(TargetDown, match=f"cannot connect to 127.0.0.1:{port}"):
            client.send(opened.case("customer_list"))
