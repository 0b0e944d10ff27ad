from __future__ import annotations

import datetime as dt
import functools
import json

import pytest
from tests.mock.conftest import Client
from tests.targets import lookalike

from paystack_contracts.drift.fingerprint_scope import RUN_MARKER, Scope, open_paths
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
from paystack_contracts.project import current_project
from paystack_contracts.results import Exchange
from paystack_contracts.run.session import RUN_METADATA_KEY
from paystack_contracts.validation import validate_document

CREATE = "POST /customer"


def customer(**overrides):
    data = {"id": 1, "customer_code": "CUS_x", "email": "a@b.co", "phone": None, "address": {"city": "Lagos"}}
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
    baseline = recorded(customer(), customer(address=...))
    assert compare(baseline, recorded(customer(address=...))) == []


def test_fields_inside_an_empty_list_are_not_reported_removed() -> None:
    baseline = recorded({"data": [{"id": 1}]}, operation="GET /customer")
    assert compare(baseline, recorded({"data": []}, operation="GET /customer")) == []


def test_only_the_top_of_a_removed_subtree_is_reported() -> None:
    findings = compare(recorded(customer()), recorded(customer(address=...)))
    assert kinds(findings) == [("response-field-removed", "data.address", "error")]


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
    prints = recorded(customer(phone=None), customer(phone="x", address=...))
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


# --- tolerant where the world varies (issue 10) ----------------------------------------------------------------

CONTRACTS = current_project().contracts
LIST = "GET /customer"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param("string", None, id="a string field seen null"),
        pytest.param(None, "string", id="a field only ever seen null gets a type"),
        pytest.param(None, ..., id="a null field goes absent"),
        pytest.param(..., None, id="a new field that is null"),
    ],
)
def test_null_never_flips_a_baseline(before, after) -> None:
    assert compare(recorded(customer(phone=before)), recorded(customer(phone=after))) == []


def test_a_real_type_change_under_a_nullable_field_still_fails() -> None:
    baseline = recorded(customer(phone=None), customer(phone="+234"))
    assert kinds(compare(baseline, recorded(customer(phone=234)))) == [("response-type-changed", "data.phone", "error")]


@pytest.mark.parametrize(
    "metadata",
    [{"calling_code": "+234"}, {"False": 1, "nested": {"x": [1]}}, '{"calling_code": "+234"}', None],
    ids=["object", "fuzzed keys", "a JSON string", "null"],
)
def test_free_form_metadata_is_not_fingerprinted(metadata) -> None:
    baseline = recorded(customer(metadata={"calling_code": "+234"}))
    assert compare(baseline, recorded(customer(metadata=metadata))) == []
    assert not any("metadata" in path for path in shape_of(customer(metadata=metadata), Scope()))


def test_the_contract_says_which_fields_are_open() -> None:
    found = open_paths(CONTRACTS / "paystack-customers.openapi.yaml")
    assert {"data.metadata", "data.transactions[]", "data.dedicated_account"} <= found[
        ("GET /customer/{email_or_code}", 200)
    ]
    assert "data.customer_code" not in found[("GET /customer/{email_or_code}", 200)]
    assert "meta" not in found[(LIST, 200)]  # declared with properties: structure, compared


@pytest.mark.parametrize(
    ("schema", "is_open"),
    [
        ({"type": "object"}, True),
        ({"type": ["object", "null"], "additionalProperties": True}, True),
        ({"type": "object", "additionalProperties": False}, False),
        ({"type": "object", "properties": {"a": {"type": "string"}}}, False),
        ({"type": "array"}, True),
        ({"type": "array", "items": {"type": "string"}}, False),
    ],
)
def test_a_field_is_open_when_its_schema_declares_nothing_and_does_not_close(tmp_path, schema, is_open) -> None:
    data = {"type": "object", "properties": {"extra": schema}}
    document = {
        "openapi": "3.1.0",
        "paths": {"/x": {"get": {"responses": {"200": {"content": {"application/json": {"schema": data}}}}}}},
    }
    path = tmp_path / "x.openapi.yaml"
    path.write_text(json.dumps(document))
    opened = open_paths(path)[("GET /x", 200)]
    assert bool(opened & {"extra", "extra[]"}) is is_open


def exchange(body, *, request=None, status=200) -> Exchange:
    sent = json.dumps(request) if request is not None else None
    return Exchange("POST", "http://t/customer", request_body=sent, status_code=status, response_body=json.dumps(body))


MARKED = {"email": "ours@example.com", "metadata": {RUN_MARKER: "run1"}}


def test_lists_count_only_the_records_this_run_created() -> None:
    ours = {"customer_code": "CUS_ours", "first_name": "Ada", "metadata": None}
    by_marker = {"customer_code": "CUS_also", "first_name": "Bo", "metadata": json.dumps({RUN_MARKER: "run1"})}
    foreign = {"customer_code": "CUS_theirs", "first_name": None, "extra": 1, "metadata": {RUN_MARKER: "run0"}}
    pairs = [
        (CREATE, exchange({"status": True, "data": ours}, request=MARKED)),
        (LIST, exchange({"status": True, "data": [ours, foreign, by_marker]})),
    ]
    listed = Fingerprints.from_exchanges(pairs)[(LIST, 200)]
    assert listed.fields["data[].first_name"].types == {"string"}
    assert "data[].extra" not in listed.fields


def test_a_predicate_can_say_which_records_are_the_runs() -> None:
    pairs = [(LIST, exchange({"data": [{"customer_code": "CUS_a", "x": 1}, {"customer_code": "CUS_b", "y": 1}]}))]
    keep_b = Scope(keep=lambda item: item["customer_code"] == "CUS_b")
    assert "data[].y" in Fingerprints.from_exchanges(pairs, keep_b)[(LIST, 200)].fields
    assert "data[].x" not in Fingerprints.from_exchanges(pairs, keep_b)[(LIST, 200)].fields


def test_the_run_marker_is_the_key_the_suite_stamps() -> None:
    assert RUN_MARKER == RUN_METADATA_KEY


def profiled(profile, *bodies, status=200) -> Fingerprints:
    prints = Fingerprints()
    for body in bodies:
        prints.record(CREATE, status, json.dumps(body), profile=profile)
    return prints


@pytest.mark.parametrize(
    ("recorded_by", "run_profile", "warned"),
    [("full", "live", False), ("live", "live", True), (None, "live", True), ("full", None, True)],
)
def test_a_new_status_is_reported_only_to_the_profile_that_recorded_the_operation(recorded_by, run_profile, warned):
    findings = compare(
        profiled(recorded_by, customer()), profiled(run_profile, {"status": False}, status=400), profile=run_profile
    )
    assert bool(findings) is warned


def test_updating_a_baseline_for_one_profile_keeps_what_the_other_profile_saw(tmp_path) -> None:
    baseline = tmp_path / "baseline"
    full = [(CREATE, exchange(customer(nickname="x")))]
    live = [(CREATE, exchange(customer(phone="+234")))]
    check_run(full, baseline, update=True, profile="full", scope=Scope())
    check_run(live, baseline, update=True, profile="live", scope=Scope())
    [merged] = load_baseline(baseline).values()
    assert merged.profiles == {"full", "live"}
    assert merged.fields["data.nickname"].optional
    assert merged.fields["data.phone"].types == {"null", "string"}
    assert validate_document(baseline / "post-customer.200.json") == []


# --- the committed baseline is neutral: targets we did not build match it --------------------------------------


def lookalike_exchanges() -> list[tuple[str, Exchange]]:
    app = lookalike.create_app()
    client = Client(app, key=lookalike.LOOKALIKE_KEY)
    try:
        return sample_exchanges(client)
    finally:
        client.close()


def sample_exchanges(client: Client) -> list[tuple[str, Exchange]]:
    body = {"email": "neutral@example.com", "metadata": {RUN_MARKER: "neutral"}}
    created = client.post("/customer", json=body)
    code = created.json()["data"]["customer_code"]
    answers = [
        (CREATE, created, body),
        ("GET /customer/{email_or_code}", client.get(f"/customer/{code}"), None),
        (LIST, client.get("/customer", params={"perPage": 5, "page": 1}), None),
        ("PUT /customer/{email_or_code}", client.put(f"/customer/{code}", json={"first_name": "Ada"}), None),
    ]
    return [(op, exchange(r.json(), request=sent, status=r.status_code)) for op, r, sent in answers]


def mock_exchanges(**settings) -> list[tuple[str, Exchange]]:
    client = Client(create_app(MockSettings(seed_customers=3, **settings)))
    try:
        return sample_exchanges(client)
    finally:
        client.close()


@pytest.mark.parametrize(
    "exchanges",
    [
        pytest.param(lookalike_exchanges, id="the look-alike"),
        pytest.param(mock_exchanges, id="the mock"),
        pytest.param(
            functools.partial(mock_exchanges, per_page_as_sent=True, list_meta_default="cursor"), id="the mock, flipped"
        ),
    ],
)
def test_the_committed_baseline_accepts_targets_we_did_not_build(exchanges) -> None:
    outcome = check_run(exchanges(), CONTRACTS / "baseline")
    assert outcome.compared == 4
    assert [f for f in outcome.findings if f.severity is Severity.ERROR] == []
