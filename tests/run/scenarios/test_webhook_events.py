"""During a run against the embedded mock, identification outcome webhooks are received, judged and matched to
the customers identified: green on the clean mock, red with a finding naming the event and field on each webhook
drift profile."""

from __future__ import annotations

import pytest

from paystack_contracts.mock.webhook_drift import WEBHOOK_DRIFT_PROFILES
from paystack_contracts.results import ExitCode
from paystack_contracts.run import SuiteOptions, run_suite

WEBHOOKS_ONLY = SuiteOptions(seed=3, phases=(), scenarios=("identification webhooks",))


def test_the_clean_mock_sends_a_signed_conforming_event_for_each_identification() -> None:
    result = run_suite(WEBHOOKS_ONLY)
    assert result.exit_code() is ExitCode.CONFORMS
    assert result.operation("POST /customer/{code}/identification").status_codes[202] == 2


@pytest.mark.parametrize(
    ("drift", "rule", "location"),
    [
        ("webhook-bad-signature", "webhook-signature", "header x-paystack-signature"),
        ("webhook-customer-id-type", "webhook-payload", "$.data.customer_id"),
        ("webhook-missing-field", "webhook-payload", "$.data.customer_code"),
        ("webhook-event-renamed", "webhook-unknown-event", "$.event"),
        ("webhook-duplicate", "webhook-duplicate", "$"),
    ],
)
def test_each_webhook_drift_is_red_and_names_the_event_and_field(drift: str, rule: str, location: str) -> None:
    result = run_suite(SuiteOptions(seed=3, phases=(), scenarios=("identification webhooks",), drift=(drift,)))
    assert result.exit_code() is ExitCode.FINDINGS
    found = {(f.rule, f.location) for f in result.failures if (f.operation or "").startswith("webhook ")}
    assert (rule, location) in found


def test_every_webhook_drift_profile_is_in_the_table_above() -> None:
    assert set(WEBHOOK_DRIFT_PROFILES) == {
        "webhook-bad-signature",
        "webhook-customer-id-type",
        "webhook-missing-field",
        "webhook-event-renamed",
        "webhook-duplicate",
    }
