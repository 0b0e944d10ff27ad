from __future__ import annotations

import pytest

from paystack_contracts.checks.identifiers import identifier_violations, key_mode

GOOD = {
    "id": 95485991,
    "integration": 463433,
    "customer_code": "CUS_pztcpsx5kng2fbk",
    "domain": "test",
    "createdAt": "2022-09-20T12:52:10.583Z",
    "updated_at": "2022-09-20T12:52:10.000Z",
    "authorizations": [{"authorization_code": "AUTH_JV4T9Wawdj"}],
}


def test_documented_identifiers_pass() -> None:
    assert identifier_violations(GOOD, mode="test") == []
    assert identifier_violations([GOOD, GOOD], mode="test") == []


@pytest.mark.parametrize(
    ("field", "value", "rule", "location"),
    [
        ("customer_code", "cus_abc", "identifiers.customer_code", "$.data.customer_code"),
        ("id", "95485991", "identifiers.integer", "$.data.id"),
        ("id", True, "identifiers.integer", "$.data.id"),
        ("integration", "463433", "identifiers.integer", "$.data.integration"),
        ("createdAt", "2024-01-05 10:00:00", "identifiers.timestamp", "$.data.createdAt"),
        ("createdAt", "yesterday", "identifiers.timestamp", "$.data.createdAt"),
        ("domain", "live", "identifiers.domain", "$.data.domain"),
    ],
)
def test_a_wrong_identifier_names_its_path(field: str, value, rule: str, location: str) -> None:
    found = identifier_violations({**GOOD, field: value}, mode="test")
    assert [(v.rule, v.location) for v in found] == [(rule, location)]


def test_nested_customer_codes_are_checked_in_lists() -> None:
    data = [{"customer": {"code": "CUS_ok1"}}, {"customer": {"code": "bad"}}]
    assert [v.location for v in identifier_violations(data, mode="test")] == ["$.data[1].customer.code"]


@pytest.mark.parametrize(
    ("header", "mode"),
    [("Bearer sk_test_abc", "test"), ("bearer sk_live_abc", "live"), ("Bearer pk_test_abc", None), (None, None)],
)
def test_the_mode_comes_from_the_key_that_was_sent(header, mode) -> None:
    assert key_mode(header) == mode
