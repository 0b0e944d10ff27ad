from __future__ import annotations

import copy
import json

import pytest

from paystack_contracts.checks.resource import customer_violations, undocumented_fields, upstream_notes
from paystack_contracts.project import current_project


@pytest.fixture
def created() -> dict:
    """The contract's own example of a created customer (the 2022 live recording)."""
    schema = json.loads(current_project().contract("paystack-customer.schema.json").read_text())
    return copy.deepcopy(schema["examples"][0])


def test_the_recorded_customer_validates_against_the_contract(created: dict) -> None:
    assert customer_violations((None, False), created) == []
    assert undocumented_fields((None, False), created) == []


def test_a_string_id_is_reported_at_its_path(created: dict) -> None:
    created["id"] = "95485991"
    found = customer_violations((None, False), created)
    assert [(v.rule, v.location) for v in found] == [("resource.schema", "$.data.id")]
    assert found[0].actual == '"95485991"'


def test_list_items_are_validated_one_by_one(created: dict) -> None:
    item = {
        k: created[k]
        for k in (
            "email",
            "integration",
            "domain",
            "customer_code",
            "id",
            "createdAt",
            "updatedAt",
            "first_name",
            "last_name",
            "phone",
            "metadata",
            "risk_action",
        )
    }
    broken = {**item, "customer_code": "cus_lower"}
    found = customer_violations(("ListItem", True), [item, broken])
    assert [v.location for v in found] == ["$.data[1].customer_code"]


def test_an_added_field_is_reported_as_undocumented_not_invalid(created: dict) -> None:
    created["loyalty_tier"] = "gold"
    assert customer_violations((None, False), created) == []
    assert [v.location for v in undocumented_fields((None, False), created)] == ["$.data.loyalty_tier"]


def test_the_upstream_seed_schema_only_yields_notes(created: dict) -> None:
    created["customer_code"] = "CUS_ok"
    notes = upstream_notes((None, False), {**created, "created_at": "not a date"})
    assert notes
    assert all(v.rule == "resource.upstream" for v in notes)
