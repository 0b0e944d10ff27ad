"""The mock sends identification outcomes as signed webhooks: success for the test credentials, failure otherwise.

Each webhook drift profile yields a delivery the judge flags, naming the event and the field; clean events judge
clean. Deliveries are logged (event, attempt, status, latency) and pending ones survive a restart with a db file.
"""

from __future__ import annotations

import dataclasses
import io
import json
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest

from paystack_contracts.errors import ConfigError, UnsafeTargetError
from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.mock.webhook_drift import WEBHOOK_DRIFT_PROFILES
from paystack_contracts.webhooks import Receiver, judge_deliveries, project_contract

HEADERS = {"Authorization": f"Bearer {DEFAULT_TEST_KEY}"}
GOOD = {"account_number": "0111111111", "bvn": "222222222221", "bank_code": "007"}  # SNIP test-cred
OTHER = {"account_number": "0123456789", "bvn": "20012345677", "bank_code": "058"}


@dataclass
class Hooked:
    base: str
    receiver: Receiver
    app: object

    def identify(self, identity: dict[str, str], email: str = "ada@example.com") -> int:
        customer = httpx.post(f"{self.base}/customer", json={"email": email}, headers=HEADERS).json()["data"]
        body = {"country": "NG", "type": "bank_account", "first_name": "Ada", "last_name": "Obi", **identity}
        url = f"{self.base}/customer/{customer['customer_code']}/identification"
        return httpx.post(url, json=body, headers=HEADERS).status_code


@pytest.fixture
def hooked(request: pytest.FixtureRequest) -> Iterator[Hooked]:
    drift = tuple(getattr(request, "param", ()))
    receiver = Receiver(DEFAULT_TEST_KEY)
    with serve_in_thread(receiver.app) as hook:
        settings = MockSettings(drift=drift, webhook_url=hook + "/paystack", webhook_delay=0, webhook_time_scale=1e-4)
        settings = dataclasses.replace(settings, webhook_test_retry_hours=2)
        app = create_app(settings)
        with serve_in_thread(app) as base:
            yield Hooked(base, receiver, app)
        app.state.sandbox.close()


def test_the_test_credentials_yield_a_signed_success_and_others_a_signed_failure(hooked):
    assert hooked.identify(GOOD, "good@example.com") == 202
    assert hooked.identify(OTHER, "other@example.com") == 202
    success, failure = sorted(hooked.receiver.wait_for(2, timeout=5), key=lambda d: b"failed" in d.body)
    assert b'"event":"customeridentification.success"' in success.body
    assert b'"event":"customeridentification.failed"' in failure.body
    assert success.signature_ok
    assert failure.signature_ok
    assert judge_deliveries([success, failure], project_contract()) == []


def test_the_events_follow_the_samples_customer_id_types_and_mask_the_identity(hooked):
    hooked.identify(GOOD, "good@example.com")
    hooked.identify(OTHER, "other@example.com")
    events = {e["event"]: e["data"] for e in (json.loads(d.body) for d in hooked.receiver.wait_for(2, timeout=5))}
    success, failed = events["customeridentification.success"], events["customeridentification.failed"]
    assert isinstance(success["customer_id"], str)  # ledger D069: as the success sample
    assert isinstance(failed["customer_id"], int)  # and as the failed one
    assert success["identification"]["bvn"] == "222******221"
    assert failed["reason"] == "Account number or BVN is incorrect"


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/customer/authorization/initialize", {"email": "dd@example.com", "channel": "direct_debit"}),
        (
            "/customer/{id}/initialize-direct-debit",
            {
                "account": {"number": "0123456789", "bank_code": "058"},
                "address": {"street": "1 Marina", "city": "Lagos", "state": "Lagos"},
            },
        ),
    ],
    ids=["initialize-authorization", "initialize-direct-debit"],
)
def test_a_direct_debit_authorization_sends_created_then_active_signed_and_valid(hooked, path, body):
    customer = httpx.post(f"{hooked.base}/customer", json={"email": "dd@example.com"}, headers=HEADERS).json()["data"]
    reply = httpx.post(hooked.base + path.format(id=customer["id"]), json=body, headers=HEADERS)
    assert reply.status_code == 200
    received = hooked.receiver.wait_for(2, timeout=5)
    events = [json.loads(d.body) for d in received]
    assert [e["event"] for e in events] == ["direct_debit.authorization.created", "direct_debit.authorization.active"]
    assert all(d.signature_ok for d in received)
    assert {e["data"]["customer"]["code"] for e in events} == {customer["customer_code"]}
    assert judge_deliveries(received, project_contract()) == []


def test_every_attempt_is_logged_with_event_attempt_status_and_latency(hooked):
    hooked.identify(GOOD)
    hooked.receiver.wait_for(1, timeout=5)
    outbox = hooked.app.state.sandbox.outbox
    assert outbox.dispatcher.wait_idle(timeout=5)
    (attempt,) = outbox.dispatcher.log
    assert (attempt.event, attempt.attempt, attempt.status, attempt.outcome) == (
        "customeridentification.success", 1, 200, "delivered",
    )  # fmt: skip
    assert attempt.latency_ms >= 0
    assert "attempt 1: 200" in str(attempt)


@pytest.mark.parametrize(
    "hooked", [[name] for name in WEBHOOK_DRIFT_PROFILES], indirect=True, ids=list(WEBHOOK_DRIFT_PROFILES)
)
def test_each_webhook_drift_profile_is_flagged_naming_the_event_and_the_field(hooked):
    (name,) = hooked.app.state.sandbox.drift
    profile = WEBHOOK_DRIFT_PROFILES[name]
    hooked.identify(GOOD)
    received = hooked.receiver.wait_for(2 if name == "webhook-duplicate" else 1, timeout=5)
    findings = judge_deliveries(received, project_contract())
    assert findings, f"{name} went unnoticed"
    assert any(
        "identification" in (f.operation or "") and profile.detected_by in f"{f.rule} {f.location}" for f in findings
    ), [str(f) for f in findings]


def test_a_pending_event_is_delivered_after_the_mock_restarts_on_the_same_db(tmp_path):
    receiver = Receiver(DEFAULT_TEST_KEY)
    with serve_in_thread(receiver.app) as hook:
        settings = MockSettings(db_path=tmp_path / "mock.db", webhook_url=hook, webhook_delay=0.5)
        first = create_app(settings)
        with serve_in_thread(first) as base:
            Hooked(base, receiver, first).identify(GOOD)
        first.state.sandbox.close()  # stopped before the event was due
        assert receiver.deliveries == []
        second = create_app(settings)
        assert second.state.sandbox.outbox.dispatcher.wait_idle(timeout=5)
        second.state.sandbox.close()
    (delivery,) = receiver.deliveries
    assert b"customeridentification.success" in delivery.body
    assert delivery.signature_ok


def test_without_a_webhook_url_nothing_is_sent_and_identification_still_answers_202():
    app = create_app(MockSettings())
    assert app.state.sandbox.outbox is None
    with serve_in_thread(app) as base:
        assert Hooked(base, Receiver(DEFAULT_TEST_KEY), app).identify(GOOD) == 202


@pytest.mark.parametrize(
    ("url", "error"),
    [("http://example.com/hook", UnsafeTargetError), ("not a url", ConfigError)],
)
def test_a_webhook_url_off_loopback_is_refused_before_anything_is_sent(url, error):
    with pytest.raises(error):
        create_app(MockSettings(webhook_url=url))


def test_the_mock_command_with_webhook_url_sends_and_logs_signed_valid_events():
    receiver = Receiver(DEFAULT_TEST_KEY)
    with serve_in_thread(receiver.app) as hook:
        command = [sys.executable, "-m", "paystack_contracts", "mock", "--port", "0", "--webhook-url", hook]
        command += ["--webhook-time-scale", "0.0001", "--setting", "webhook_delay=0"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as proc:
            assert proc.stdout is not None
            ready = proc.stdout.readline()
            base = ready.split(" on ")[1].split(" ")[0]
            mock = Hooked(base, receiver, None)
            mock.identify(GOOD, "good@example.com")
            mock.identify(OTHER, "other@example.com")
            received = receiver.wait_for(2, timeout=10)
            log = [proc.stdout.readline(), proc.stdout.readline()]
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=10)
    assert f"webhooks to {hook}" in ready
    assert sorted(json.loads(d.body)["event"] for d in received) == [
        "customeridentification.failed",
        "customeridentification.success",
    ]
    assert all(d.signature_ok for d in received)
    assert judge_deliveries(received, project_contract()) == []
    assert all(
        re.search(r"^webhook customeridentification\.\w+ #\d attempt 1: 200 in \d+ ms \(delivered\)$", line)
        for line in log
    ), log


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--webhook-time-scale", "0"], "must be greater than 0"),
        (["--webhook-url", "http://example.com/x"], "only loopback"),
    ],
)
def test_the_mock_command_refuses_bad_webhook_options_in_one_line(argv, message):
    from paystack_contracts.cli import run

    err = io.StringIO()
    assert run(["mock", *argv], io.StringIO(), err) == 2
    assert message in err.getvalue()


def test_the_mock_command_lists_and_accepts_the_webhook_drift_profiles():
    from paystack_contracts.cli import run

    out = io.StringIO()
    assert run(["mock", "--list-drifts"], out, io.StringIO()) == 0
    for profile in WEBHOOK_DRIFT_PROFILES.values():
        assert re.search(rf"^{profile.name}\s+webhook\s+{re.escape(profile.description)}$", out.getvalue(), re.M)
    app = create_app(MockSettings(drift=tuple(WEBHOOK_DRIFT_PROFILES)))
    assert app.state.sandbox.drift == frozenset(WEBHOOK_DRIFT_PROFILES)
