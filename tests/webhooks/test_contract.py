"""The contract's `webhooks`: declared events, examples that validate, errors that locate the field."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
import yaml

from paystack_contracts.errors import DocumentError
from paystack_contracts.validation.runner import validate_document
from paystack_contracts.webhooks import WebhookContract

SUCCESS, FAILED = "customeridentification.success", "customeridentification.failed"


CREATED, ACTIVE = "direct_debit.authorization.created", "direct_debit.authorization.active"


def test_the_contract_declares_the_identification_outcomes_and_the_direct_debit_authorization_events(contract):
    assert set(contract.events) == {SUCCESS, FAILED, CREATED, ACTIVE}


@pytest.mark.parametrize("event", [SUCCESS, FAILED, CREATED, ACTIVE])
def test_every_example_validates_against_its_event(contract, event):
    examples = contract.examples(event)
    assert examples
    for payload in examples.values():
        assert contract.errors(event, payload) == []


@pytest.mark.parametrize(
    ("event", "customer_id"),
    [(SUCCESS, "9387490384"), (SUCCESS, 9387490384), (FAILED, 82796315), (FAILED, "82796315")],
)
def test_customer_id_may_be_an_integer_or_a_digit_string_in_either_event(contract, event, customer_id):
    payload = copy.deepcopy(contract.examples(event)["docs"])
    payload["data"]["customer_id"] = customer_id
    assert contract.errors(event, payload) == []


@pytest.mark.parametrize(
    ("event", "change", "location"),
    [
        (SUCCESS, lambda d: d["data"].pop("customer_code"), "$.data.customer_code"),
        (SUCCESS, lambda d: d["data"].update(customer_id=None), "$.data.customer_id"),
        (SUCCESS, lambda d: d["data"].update(customer_id="CUS_1"), "$.data.customer_id"),
        (FAILED, lambda d: d["data"].pop("reason"), "$.data.reason"),
        (FAILED, lambda d: d["data"]["identification"].update(country="Nigeria"), "$.data.identification.country"),
        (SUCCESS, lambda d: d.update(event=FAILED), "$.event"),
        (ACTIVE, lambda d: d["data"]["customer"].pop("code"), "$.data.customer.code"),
        (CREATED, lambda d: d["data"].update(channel="card"), "$.data.channel"),
    ],
    ids=[
        "missing-code",
        "null-id",
        "code-as-id",
        "failed-without-reason",
        "long-country",
        "wrong-event-name",
        "dd-customer-code-missing",
        "dd-channel-card",
    ],
)
def test_a_broken_payload_is_reported_at_the_field_that_breaks(contract, event, change, location):
    payload = copy.deepcopy(contract.examples(event)["docs"])
    change(payload)
    assert location in [error.location for error in contract.errors(event, payload)]


def _copy_contract(repo_root: Path, tmp_path: Path) -> Path:
    for name in ("paystack-customers.openapi.yaml", "paystack-customer.schema.json"):
        shutil.copy(repo_root / "contracts" / name, tmp_path / name)
    return tmp_path / "paystack-customers.openapi.yaml"


def test_validate_reports_a_webhook_example_that_breaks_its_schema(repo_root, tmp_path):
    path = _copy_contract(repo_root, tmp_path)
    document = yaml.safe_load(path.read_text())
    example = document["webhooks"][FAILED]["post"]["requestBody"]["content"]["application/json"]["examples"]["docs"]
    del example["value"]["data"]["reason"]
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    findings = [f for f in validate_document(path) if f.rule == "example-invalid"]
    assert [f.pointer for f in findings] == [
        f"/webhooks/{FAILED}/post/requestBody/content/application~1json/examples/docs/value/data"
    ]


def test_a_document_without_webhooks_is_refused_in_one_line(repo_root, tmp_path):
    path = _copy_contract(repo_root, tmp_path)
    document = yaml.safe_load(path.read_text())
    del document["webhooks"]
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    with pytest.raises(DocumentError, match="declares no `webhooks`"):
        WebhookContract(path)
