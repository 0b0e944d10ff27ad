"""Usage profiles: fields compared however a finding names them, and `scope: used` turning drift outside what
the consumer uses into a warning (fingerprints, the spec diff, the run's findings)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from paystack_contracts.diff import diff_files
from paystack_contracts.drift.fingerprints import FieldShape, Fingerprint, compare
from paystack_contracts.drift.policy import Action, Policy, PolicyRule, load_policy
from paystack_contracts.drift.usage import (
    OperationUsage,
    UsageProfile,
    field_path,
    load_usage,
    schema_field_path,
    scope_result,
    scoped,
    write_usage,
)
from paystack_contracts.errors import ConfigError
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.results import RunResult, Target

FETCH = "GET /customer/{email_or_code}"
PROFILE = UsageProfile(
    {
        FETCH: OperationUsage(
            2, frozenset({"query.perPage", "metadata"}), frozenset({"data.email", "data[].id", "status"})
        )
    },
    "usage.yaml",
)
SCOPED = Policy({"response-field-removed": PolicyRule(Action.FAIL, "we read these", scope="used")})
TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("location", "path"),
    [
        ("$.data[0].id", "data[].id"),
        ("$.data[*].authorizations[3].bin", "data[].authorizations[].bin"),
        ("data[].id", "data[].id"),
        ("$", ""),
        (None, ""),
        ("$.status", "status"),
    ],
)
def test_a_location_reads_as_a_fingerprint_path(location: str | None, path: str) -> None:
    assert field_path(location) == path


@pytest.mark.parametrize(
    ("pointer", "named"),
    [
        (
            "/paths/~1customer/get/responses/200/content/application~1json/schema/properties/data/properties/id",
            ("data.id", False),
        ),
        (
            "/paths/~1c/get/responses/200/content/application~1json/schema/properties/data/items/properties/code",
            ("data[].code", False),
        ),
        ("/paths/~1customer/post/requestBody/content/application~1json/schema/properties/metadata", ("metadata", True)),
        ("/paths/~1customer/post/responses/200", None),
    ],
)
def test_a_schema_pointer_names_its_field(pointer: str, named: tuple[str, bool] | None) -> None:
    assert schema_field_path(pointer) == named


@pytest.mark.parametrize(
    ("operation", "location", "in_request", "used"),
    [
        (FETCH, None, False, True),
        (FETCH, "$.data.email", False, True),
        (FETCH, "$.data", False, True),  # holds a used field
        (FETCH, "$.data.phone", False, False),
        (FETCH, "$.data[2].id", False, True),
        (FETCH, "data.email.domain", False, True),  # inside a used field
        (FETCH, "$.metadata", True, True),
        (FETCH, "$.email", True, False),
        ("GET /customer", None, False, False),
        (None, None, False, False),
    ],
)
def test_a_finding_is_used_when_its_operation_and_field_are(
    operation: str | None, location: str | None, in_request: bool, used: bool
) -> None:
    assert PROFILE.uses(operation, location, request=in_request) is used


def fingerprint(*paths: str) -> Fingerprint:
    fields = {"status": FieldShape(frozenset({"boolean"})), "data": FieldShape(frozenset({"object"}))}
    return Fingerprint(FETCH, 200, fields | {p: FieldShape(frozenset({"string"})) for p in paths}, 1)


@pytest.mark.parametrize(
    ("removed", "policy", "severity", "usage"),
    [
        ("data.email", SCOPED, Severity.ERROR, "used"),
        ("data.phone", SCOPED, Severity.WARNING, "unused"),
        ("data.phone", Policy(), Severity.ERROR, "unused"),  # without scope: used, drift anywhere fails
    ],
)
def test_a_removed_field_fails_in_what_we_use_and_warns_elsewhere_under_scope_used(
    removed: str, policy: Policy, severity: Severity, usage: str
) -> None:
    baseline = {(FETCH, 200): fingerprint("data.email", "data.phone")}
    observed = {(FETCH, 200): fingerprint(*({"data.email", "data.phone"} - {removed}))}
    found = compare(baseline, observed, policy, TODAY)
    (finding,) = scoped(found, PROFILE, policy, TODAY)
    assert (finding.rule, finding.severity, dict(finding.extra)["usage"]) == ("response-field-removed", severity, usage)
    if severity is Severity.WARNING:
        assert "scope: used" in dict(finding.extra)["policy"]


def test_without_a_profile_nothing_is_marked_or_changed() -> None:
    finding = Finding("response-field-removed", "gone", source="fingerprint", operation=FETCH, location="data.phone")
    assert scoped([finding], None, SCOPED) == [finding]


def test_a_runs_findings_are_filed_again_by_their_scoped_severity() -> None:
    result = RunResult(Target("t"))
    kept = Finding("response-field-removed", "gone", source="fingerprint", operation=FETCH, location="data.email")
    lowered = Finding("response-field-removed", "gone", source="fingerprint", operation=FETCH, location="data.phone")
    suite = Finding(
        "response_schema_conformance/ST108", "bad", source="suite", operation="GET /customer", location="$.data"
    )
    result.findings = [kept, lowered, suite]
    scope_result(result, PROFILE, SCOPED, TODAY)
    assert [(f.location, dict(f.extra)["usage"]) for f in result.findings] == [
        ("data.email", "used"),
        ("$.data", "unused"),
    ]
    assert [(f.location, f.severity) for f in result.warnings] == [("data.phone", Severity.WARNING)]


def spec(fields: dict[str, object]) -> dict[str, object]:
    schema = {
        "type": "object",
        "properties": {"data": {"type": "object", "properties": fields, "required": list(fields)}},
    }
    responses = {"200": {"description": "ok", "content": {"application/json": {"schema": schema}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/customer/{email_or_code}": {"get": {"responses": responses}}},
    }


@pytest.mark.parametrize(("removed", "severity"), [("email", Severity.ERROR), ("phone", Severity.WARNING)])
def test_the_spec_diff_marks_its_findings_and_applies_scope_used(
    tmp_path: Path, removed: str, severity: Severity
) -> None:
    fields = {"email": {"type": "string"}, "phone": {"type": "string"}}
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(spec(fields)))
    new.write_text(json.dumps(spec({k: v for k, v in fields.items() if k != removed})))
    report = diff_files(old, new, policy=SCOPED, today=TODAY, usage=PROFILE)
    (finding,) = [f for f in report.findings if f.rule == "response-field-removed"]
    assert finding.severity is severity
    assert dict(finding.extra)["usage"] == ("used" if removed == "email" else "unused")


def test_a_profile_round_trips_through_its_file(tmp_path: Path) -> None:
    path = write_usage(tmp_path / "contracts" / "usage.yaml", PROFILE)
    loaded = load_usage(path)
    assert loaded is not None
    assert loaded.operations == PROFILE.operations


@pytest.mark.parametrize(
    "text",
    [
        "kind: drift-policy\n",
        "kind: usage-profile\noperations: [1]\n",
        "kind: usage-profile\noperations: {x: {calls: many}}\n",
    ],
)
def test_a_file_that_is_not_a_usage_profile_is_a_config_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "usage.yaml"
    path.write_text(text)
    with pytest.raises(ConfigError):
        load_usage(path)


def test_a_missing_profile_is_none(tmp_path: Path) -> None:
    assert load_usage(tmp_path / "usage.yaml") is None


@pytest.mark.parametrize(("scope", "ok"), [("used", True), ("all", True), ("mine", False)])
def test_a_policy_rule_accepts_scope_all_or_used(tmp_path: Path, scope: str, ok: bool) -> None:
    path = tmp_path / "drift-policy.yaml"
    path.write_text(
        f"kind: drift-policy\nrules:\n  response-field-removed:\n    action: fail\n    scope: {scope}\n    reason: r\n"
    )
    if ok:
        assert load_policy(path).rules["response-field-removed"].scope == scope
    else:
        with pytest.raises(ConfigError, match="scope"):
            load_policy(path)


def test_the_runs_gates_mark_findings_with_the_projects_usage_profile(
    tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from paystack_contracts.drift.gates import apply_gates
    from paystack_contracts.drift.usage import USAGE_FILE

    shutil.copytree(repo_root / "contracts", tmp_path / "contracts")
    write_usage(tmp_path / "contracts" / USAGE_FILE, PROFILE)
    monkeypatch.setenv("PAYSTACK_CONTRACTS_ROOT", str(tmp_path))
    result = RunResult(Target("t"))
    result.findings = [Finding("resource.schema", "bad", source="suite", operation=FETCH, location="$.data.email")]
    apply_gates(result, [], [], update_baseline=False)
    assert [dict(f.extra)["usage"] for f in result.findings] == ["used"]
