from __future__ import annotations

import pytest

from paystack_contracts.checks.envelope import envelope_violations

JSON = {"content-type": "application/json; charset=utf-8"}


def rules(status: int, body, *, headers=JSON, data_required: bool = False) -> list[tuple[str, str]]:
    return [(v.rule, v.location) for v in envelope_violations(status, headers, body, data_required=data_required)]


@pytest.mark.parametrize(
    ("status", "body", "data_required"),
    [
        (200, {"status": True, "message": "Customer created", "data": {"id": 1}}, True),
        (202, {"status": True, "message": "Customer Identification in progress"}, False),
        (401, {"status": False, "message": "Invalid key"}, False),
        (
            400,
            {"status": False, "message": "x", "meta": {"nextStep": "y"}, "type": "validation_error", "code": "m"},
            False,
        ),
    ],
)
def test_documented_envelopes_pass(status: int, body, data_required: bool) -> None:
    assert rules(status, body, data_required=data_required) == []


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (200, {"status": "true", "message": "ok"}, [("envelope.status", "$.status")]),
        (200, {"status": False, "message": "ok"}, [("envelope.status", "$.status")]),
        (404, {"status": True, "message": "Customer not found"}, [("envelope.status", "$.status")]),
        (200, {"status": True}, [("envelope.message", "$.message")]),
        (200, {"status": True, "message": "  "}, [("envelope.message", "$.message")]),
        (400, {"status": False, "message": "x", "meta": "later"}, [("envelope.error", "$.meta")]),
        (400, {"status": False, "message": "x", "code": 12}, [("envelope.error", "$.code")]),
        (401, {"error": "Unauthorized"}, [("envelope.status", "$.status"), ("envelope.message", "$.message")]),
        (200, ["not", "an", "object"], [("envelope.object", "$")]),
    ],
)
def test_broken_envelopes_name_the_rule_and_path(status: int, body, expected) -> None:
    assert rules(status, body) == expected


def test_data_is_required_only_where_the_contract_says_so() -> None:
    body = {"status": True, "message": "Customer created"}
    assert rules(200, body, data_required=True) == [("envelope.data", "$.data")]
    assert rules(200, body, data_required=False) == []


def test_a_non_json_content_type_is_reported_before_anything_else() -> None:
    found = envelope_violations(200, {"content-type": "text/plain"}, {"status": True}, data_required=True)
    assert [(v.rule, v.actual) for v in found] == [("envelope.content_type", "'text/plain'")]
    assert "Content-Type" in found[0].expected
