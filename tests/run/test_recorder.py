"""The recorder groups a problem repeated per array element into one finding with its first path and a count."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace

import pytest

from paystack_contracts.findings import Finding, Severity
from paystack_contracts.results import Exchange, RunResult, Target
from paystack_contracts.run.judge import Judged
from paystack_contracts.run.recorder import Recorder, merge_causes, path_pattern

LIST = "GET /customer"
EXCHANGE = Exchange(method="GET", url="http://testserver/customer", status_code=200)


def finding(location: str | None, rule: str = "resource.schema", severity: Severity = Severity.ERROR) -> Finding:
    return Finding(
        rule=rule,
        message=f"{rule} at {location}",
        source="suite",
        severity=severity,
        operation=LIST,
        location=location,
        check="paystack_resource",
    )


def judged(findings: list[Finding], exchange: Exchange = EXCHANGE) -> Judged:
    """What the judge hands the recorder for one response (only the status of the response is read)."""
    response = SimpleNamespace(status_code=200, headers={})
    return Judged(LIST, response, None, exchange, None, tuple(findings), (), ("paystack_resource",))  # type: ignore[arg-type]


def recorder(prefix: str = "") -> Recorder:
    return Recorder(RunResult(target=Target("in-process mock")), prefix=prefix)


@pytest.mark.parametrize(
    ("location", "pattern"),
    [
        ("$.data[0].id", "$.data[*].id"),
        ("$.data[12].authorizations[3].bin", "$.data[*].authorizations[*].bin"),
        ("$.data.id", "$.data.id"),
        ("status", "status"),
        (None, None),
    ],
)
def test_a_path_pattern_replaces_every_array_index_by_a_star(location, pattern) -> None:
    assert path_pattern(location) == pattern


def test_one_problem_on_every_element_is_one_finding_with_the_first_path_and_a_count() -> None:
    record = recorder()
    record.record(judged([finding(f"$.data[{i}].id") for i in range(3)]))
    record.record(judged([finding(f"$.data[{i}].id") for i in range(4)]))
    [grouped] = record.result.findings
    assert grouped.location == "$.data[*].id"
    assert (grouped.check, dict(grouped.extra)) == ("paystack_resource", {"first_path": "$.data[0].id", "count": "4"})
    assert record.result.exchange_of(grouped) is EXCHANGE


def test_a_finding_is_stored_once_and_names_its_exchange_by_id() -> None:
    record = recorder(prefix="w1.")
    other = Exchange(method="GET", url="http://testserver/customer?page=2", status_code=200)
    record.record(judged([finding("$.data[0].id")], other))
    [stored] = record.result.findings
    assert stored.exchange == "w1.0"
    assert record.result.exchanges == {"w1.0": other}
    assert record.result.warnings == []


def test_checks_are_tallied_per_operation_and_a_failure_counts_against_its_check() -> None:
    record = recorder()
    record.record(judged([]))
    record.record(judged([finding("$.data[0].id")]))
    tally = record.result.operation(LIST).checks["paystack_resource"]
    assert (tally.passed, tally.failed, record.result.operation(LIST).cases) == (1, 1, 2)


def test_a_problem_seen_at_one_path_keeps_its_concrete_path_and_no_count() -> None:
    record = recorder()
    for _ in range(3):
        record.record(judged([finding("$.data[0].id")]))
    [only] = record.result.findings
    assert only.location == "$.data[0].id"
    assert "count" not in dict(only.extra)


def test_different_rules_or_paths_stay_apart() -> None:
    record = recorder()
    found = [finding("$.data[0].id"), finding("$.data[0].email"), finding("$.data[1].id", rule="identifiers.integer")]
    record.record(judged(found))
    assert [(f.rule, f.location) for f in record.result.findings] == [
        ("resource.schema", "$.data[0].id"),
        ("resource.schema", "$.data[0].email"),
        ("identifiers.integer", "$.data[1].id"),
    ]


def test_notes_repeated_per_element_are_grouped_too() -> None:
    record = recorder()
    for i in range(5):
        record.note(finding(f"$.data[{i}].domain", rule="resource.upstream", severity=Severity.NOTE))
    [note] = record.result.warnings
    assert (note.location, dict(note.extra)["count"]) == ("$.data[*].domain", "5")


def test_a_workers_groups_merge_by_distinct_concrete_paths() -> None:
    worker = recorder(prefix="w0.")
    worker.record(judged([finding(f"$.data[{i}].id") for i in range(3)]))
    parent = recorder()
    parent.record(judged([finding(f"$.data[{i}].id") for i in (2, 3)]))
    parent.absorb(worker.recording(requests=3))
    [merged] = parent.result.findings
    assert merged.location == "$.data[*].id"
    assert dict(merged.extra)["count"] == "4"  # $.data[0..3].id, $.data[2].id counted once
    assert dict(merged.extra)["first_path"] == "$.data[2].id"


def test_a_workers_findings_arrive_with_their_exchange_under_a_new_id() -> None:
    worker = recorder(prefix="w0.")
    worker.record(judged([finding("$.data.email")]))
    parent = recorder()
    parent.absorb(worker.recording(requests=1))
    [merged] = parent.result.findings
    assert parent.result.exchange_of(merged) == EXCHANGE
    assert parent.absorbed_requests == 1


def one_cause(check: str, rule: str, location: str, source: str = "suite") -> Finding:
    return Finding(rule, f"{rule} at {location}", source, operation=LIST, location=location, check=check or None)


def test_findings_of_one_operation_and_path_from_several_checks_are_one_listing_every_check() -> None:
    found = [
        one_cause("response_schema_conformance", "response_schema_conformance/ST108", "$.data[0].id"),
        one_cause("paystack_identifiers", "identifiers.integer", "$.data[*].id"),
        one_cause("", "response-type-changed", "data[].id", source="fingerprint"),
        one_cause("paystack_identifiers", "identifiers.code", "$.data[*].customer_code"),
    ]
    merged = merge_causes(found)
    assert [f.location for f in merged] == ["$.data[*].id", "$.data[*].customer_code"]
    first = merged[0]
    assert first.check == "paystack_identifiers"  # ours speaks for the cause: it names the contract's rule
    assert first.checks == ("paystack_identifiers", "response_schema_conformance", "response-type-changed")
    assert dict(first.extra)["rules"] == (
        "identifiers.integer, response_schema_conformance/ST108, response-type-changed"
    )


@pytest.mark.parametrize(
    "other",
    [
        one_cause("paystack_resource", "resource.schema", "$.data.email"),  # another path
        replace(one_cause("paystack_resource", "resource.schema", "$.data.id"), operation="POST /customer"),
        replace(one_cause("paystack_resource", "resource.schema", "$.data.id"), severity=Severity.WARNING),
    ],
    ids=["other path", "other operation", "a warning"],
)
def test_findings_of_different_causes_stay_apart(other: Finding) -> None:
    mine = one_cause("paystack_identifiers", "identifiers.integer", "$.data.id")
    assert merge_causes([mine, other]) == [mine, other]
