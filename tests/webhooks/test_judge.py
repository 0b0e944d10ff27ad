"""The judge: one delivery -> findings that name the event and the field; a sequence adds duplicates."""

from __future__ import annotations

import copy

import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.webhooks import Delivery, judge_deliveries, judge_delivery, sign
from paystack_contracts.webhooks.events import encode

SUCCESS = "customeridentification.success"


def delivered(payload, *, key=DEFAULT_TEST_KEY, answered=200):
    body = encode(payload) if isinstance(payload, dict) else payload
    ok = sign(body, key) == sign(body, DEFAULT_TEST_KEY)
    return Delivery(body, {"x-paystack-signature": sign(body, key)}, ok, answered)


@pytest.fixture
def sample(contract):
    return copy.deepcopy(contract.examples(SUCCESS)["docs"])


def test_a_signed_contract_example_is_judged_clean(contract, sample):
    assert judge_delivery(delivered(sample), contract) == []


@pytest.mark.parametrize(
    ("change", "rule", "location"),
    [
        (lambda p: p["data"].pop("customer_code"), "webhook-payload", "$.data.customer_code"),
        (lambda p: p["data"].update(customer_id=None), "webhook-payload", "$.data.customer_id"),
        (lambda p: p.update(event="customer.identification.success"), "webhook-unknown-event", "$.event"),
    ],
    ids=["missing-field", "id-type", "renamed-event"],
)
def test_a_payload_that_breaks_the_contract_is_one_finding_at_the_field(contract, sample, change, rule, location):
    change(sample)
    (finding,) = judge_delivery(delivered(sample), contract)
    assert (finding.rule, finding.location, finding.source) == (rule, location, "webhook")
    assert finding.operation == f"webhook {sample['event']}"


def test_a_signature_under_another_key_is_a_signature_finding(contract, sample):
    (finding,) = judge_delivery(delivered(sample, key="sk_test_" + "9" * 40), contract)
    assert (finding.rule, finding.operation) == ("webhook-signature", f"webhook {SUCCESS}")
    assert "x-paystack-signature" in finding.location


@pytest.mark.parametrize(
    "body",
    [b"not json", b"[1, 2]", b'{"data": {}}', b'{"a":' * 100_000 + b"1" + b"}" * 100_000],
    ids=["text", "array", "no-event", "nested past the decoder"],
)
def test_a_body_that_is_not_an_event_is_reported_as_such(contract, body):
    rules = [f.rule for f in judge_delivery(delivered(body), contract)]
    assert rules == ["webhook-not-event"]


def test_a_retry_after_a_failure_is_not_a_duplicate_but_a_copy_after_a_2xx_is(contract, sample):
    retried = [delivered(sample, answered=500), delivered(sample, answered=200)]
    assert judge_deliveries(retried, contract) == []
    (finding,) = judge_deliveries([*retried, delivered(sample, answered=200)], contract)
    assert finding.rule == "webhook-duplicate"
    assert finding.operation == f"webhook {SUCCESS}"
