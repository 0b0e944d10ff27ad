from __future__ import annotations

import pytest

from paystack_contracts.checks.globalstack import globalstack_violations

META = {"request_id": "req_01HY3Q", "timestamp": "2026-04-16T16:14:08.120Z", "version": "1"}
CREATED = {
    "status": True,
    "message": "Customer created successfully",
    "code": "ok",
    "data": {"id": "cust_01HY"},
    "meta": META,
}


def test_a_documented_success_passes() -> None:
    assert globalstack_violations(201, CREATED) == []


def test_an_error_may_omit_meta_but_not_code() -> None:
    assert globalstack_violations(401, {"status": False, "message": "Unauthorized", "code": "unauthorized"}) == []
    found = globalstack_violations(401, {"status": False, "message": "Unauthorized"})
    assert [(v.rule, v.location) for v in found] == [("globalstack.code", "$.code")]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({**CREATED, "meta": {"version": "1"}}, [("globalstack.meta", "$.meta.request_id")]),
        ({**CREATED, "meta": None}, [("globalstack.meta", "$.meta")]),
        ({**CREATED, "data": {"id": 7}}, [("globalstack.id", "$.data.id")]),
        ({**CREATED, "code": ""}, [("globalstack.code", "$.code")]),
    ],
)
def test_a_broken_globalstack_envelope_names_the_field(body, expected) -> None:
    assert [(v.rule, v.location) for v in globalstack_violations(201, body)] == expected
