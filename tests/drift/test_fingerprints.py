from __future__ import annotations

import datetime as dt
import json

import pytest
from tests.mock.conftest import Client

from paystack_contracts.drift.fingerprints import (
    Fingerprints,
    check_run,
    compare,
    load_baseline,
    shape_of,
    write_baseline,
)
from paystack_contracts.drift.policy import load_policy
from paystack_contracts.findings import Severity
from paystack_contracts.mock import DRIFT_PROFILES, MockSettings, create_app
from paystack_contracts.results import Exchange

CREATE = "POST /customer"


def customer(**overrides):
    data = {"id": 1, "customer_code": "CUS_x", "email": "a@b.co", "phone": None, "metadata": {"calling_code": "+234"}}
    data.update(overrides)
    return {"status": True, "message": "Customer created", "data": {k: v for k, v in data.items() if v is not ...}}


def recorded(*bodies, operation=CREATE, status=200) -> Fingerprints:
    prints = Fingerprints()
    for body in bodies:
        prints.record(operation, status, json.dumps(body))
    return prints


def kinds(findings):
    return sorted((f.rule, f.location, f.severity.value) for f in findings)


def test_shape_of_lists_every_field_path_with_its_type() -> None:
    assert shape_of({"data": [{"id": 1, "phone": None}], "meta": {"perPage": "50"}}) == {
        "data": {"array"},
        "data[]": {"object"},
        "data[].id": {"integer"},
        "data[].phone": {"null"},
        "meta": {"object"},
        "meta.perPage": {"string"},
    }


def test_booleans_are_not_integers() -> None:
    assert shape_of({"status": True})["status"] == {"boolean"}


def test_identical_responses_produce_no_findings() -> None:
    assert compare(recorded(customer()), recorded(customer())) == []


def test_an_added_field_is_a_warning_that_does_not_fail() -> None:
    findings = compare(recorded(customer()), recorded(customer(nickname="x")))
    assert kinds(findings) == [("response-field-added", "data.nickname", "warning")]


def test_a_removed_field_is_an_error() -> None:
    findings = compare(recorded(customer()), recorded(customer(customer_code=...)))
    assert kinds(findings) == [("response-field-removed", "data.customer_code", "error")]
    assert findings[0].operation == CREATE
    assert findings[0].expected == "string"


def test_a_type_change_is_an_error_naming_both_types() -> None:
    [finding] = compare(recorded(customer()), recorded(customer(id="1")))
    assert (finding.rule, finding.location, finding.expected, finding.actual) == (
        "response-type-changed",
        "data.id",
        "integer",
        "string",
    )
    assert finding.severity is Severity.ERROR


def test_a_nullable_field_seen_as_null_and_string_does_not_flap() -> None:
    baseline = recorded(customer(phone=None), customer(phone="+234"))
    assert compare(baseline, recorded(customer(phone="+234"))) == []
    assert compare(baseline, recorded(customer(phone=None))) == []


def test_a_field_absent_from_some_baseline_responses_is_optional_and_never_reported_removed() -> None:
    baseline = recorded(customer(), customer(metadata=...))
    assert compare(baseline, recorded(customer(metadata=...))) == []


def test_fields_inside_an_empty_list_are_not_reported_removed() -> None:
    baseline = recorded({"data": [{"id": 1}]}, operation="GET /customer")
    assert compare(baseline, recorded({"data": []}, operation="GET /customer")) == []


def test_only_the_top_of_a_removed_subtree_is_reported() -> None:
    findings = compare(recorded(customer()), recorded(customer(metadata=...)))
    assert kinds(findings) == [("response-field-removed", "data.metadata", "error")]


def test_a_status_never_seen_for_a_recorded_operation_is_a_warning() -> None:
    findings = compare(recorded(customer()), recorded({"status": False}, status=400))
    assert kinds(findings) == [("response-new-status", None, "warning")]


def test_the_policy_decides_the_severity(tmp_path) -> None:
    policy_path = tmp_path / "policy.yaml"
    rule = "response-field-removed: {action: ignore, reason: migrating, expires: 2026-12-01}"
    policy_path.write_text(f"kind: drift-policy\nrules:\n  {rule}\n")
    policy = load_policy(policy_path)
    before, after = recorded(customer()), recorded(customer(customer_code=...))
    assert compare(before, after, policy, dt.date(2026, 11, 22))[0].severity is Severity.NOTE
    assert compare(before, after, policy, dt.date(2026, 12, 2))[0].severity is Severity.ERROR


def test_a_baseline_round_trips_through_files(tmp_path) -> None:
    prints = recorded(customer(phone=None), customer(phone="x", metadata=...))
    written = write_baseline(tmp_path / "baseline", prints.values())
    assert [p.name for p in written] == ["post-customer.200.json"]
    (tmp_path / "baseline" / "README.md").write_text("not a fingerprint")
    loaded = load_baseline(tmp_path / "baseline")
    assert loaded[(CREATE, 200)].fields == prints[(CREATE, 200)].fields
    assert loaded[(CREATE, 200)].samples == 2


def test_a_missing_baseline_directory_is_an_empty_baseline(tmp_path) -> None:
    assert load_baseline(tmp_path / "nowhere") == {}


def test_non_json_bodies_are_not_fingerprinted() -> None:
    prints = Fingerprints()
    prints.record(CREATE, 400, "<html>Bad Request</html>")
    assert prints == {}


@pytest.mark.parametrize("body", [[], {"data": None}, "text", 3])
def test_any_json_value_has_a_shape(body) -> None:
    shape_of(body)


# --- against the mock's drift profiles -------------------------------------------------------------------------


def exchanges_from_mock(*drift: str) -> list[tuple[str, Exchange]]:
    client = Client(create_app(MockSettings(drift=drift, seed_customers=2)))
    try:
        created = client.post("/customer", json={"email": "fp@example.com", "first_name": "Ada"})
        code = created.json()["data"]["customer_code"]
        responses = [
            ("POST /customer", created),
            ("GET /customer/{email_or_code}", client.get(f"/customer/{code}")),
            ("GET /customer", client.get("/customer")),
        ]
    finally:
        client.close()
    return [
        (op, Exchange(r.request.method, str(r.request.url), status_code=r.status_code, response_body=r.text))
        for op, r in responses
    ]


@pytest.fixture(scope="module")
def mock_baseline() -> Fingerprints:
    return Fingerprints.from_exchanges(exchanges_from_mock())


@pytest.mark.parametrize(
    ("profile", "expected"),
    [
        pytest.param("risk-action-missing", ("response-field-removed", "data.risk_action", "error"), id="removed"),
        pytest.param("id-as-string", ("response-type-changed", "data.id", "error"), id="type change"),
        pytest.param("undocumented-field", ("response-field-added", "data.loyalty_tier", "warning"), id="added"),
    ],
)
def test_fingerprints_catch_the_mocks_shape_drift(mock_baseline, profile, expected) -> None:
    findings = compare(mock_baseline, Fingerprints.from_exchanges(exchanges_from_mock(profile)))
    assert expected in kinds(findings)
    assert DRIFT_PROFILES[profile].detected_by in " ".join(f.message for f in findings)
    if expected[2] == "warning":
        assert not any(f.severity is Severity.ERROR for f in findings)  # an additive field never fails a run


def test_the_undrifted_mock_matches_its_own_baseline(mock_baseline) -> None:
    assert compare(mock_baseline, Fingerprints.from_exchanges(exchanges_from_mock())) == []


def test_check_run_records_then_compares(tmp_path) -> None:
    baseline = tmp_path / "baseline"
    first = check_run(exchanges_from_mock(), baseline, update=True)
    assert {p.name for p in first.written} == {
        "post-customer.200.json",
        "get-customer-email-or-code.200.json",
        "get-customer.200.json",
    }
    same = check_run(exchanges_from_mock(), baseline)
    assert (same.findings, same.compared) == ((), 3)
    drifted = check_run(exchanges_from_mock("id-as-string"), baseline)
    assert any(f.rule == "response-type-changed" and f.location == "data.id" for f in drifted.findings)


def test_check_run_without_a_baseline_compares_nothing(tmp_path) -> None:
    outcome = check_run(exchanges_from_mock(), tmp_path / "none")
    assert (outcome.findings, outcome.compared, outcome.written) == ((), 0, ())
