"""The recorder groups a problem repeated per array element into one finding with its first path and a count."""

from __future__ import annotations

import pytest

from paystack_contracts.findings import Finding, Severity
from paystack_contracts.results import Exchange, RunResult, Target
from paystack_contracts.suite.recorder import Recorder, path_pattern

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
        extra=(("check", "paystack_resource"),),
    )


def recorder() -> Recorder:
    return Recorder(RunResult(target=Target("in-process mock")))


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
    record.record(LIST, EXCHANGE, [finding(f"$.data[{i}].id") for i in range(3)], ["paystack_resource"])
    record.record(LIST, EXCHANGE, [finding(f"$.data[{i}].id") for i in range(4)], ["paystack_resource"])
    [grouped] = record.result.findings
    assert grouped.location == "$.data[*].id"
    assert dict(grouped.extra) == {"check": "paystack_resource", "first_path": "$.data[0].id", "count": "4"}
    assert [f for f, _ in record.result.operation(LIST).failing] == [grouped]


def test_a_problem_seen_at_one_path_keeps_its_concrete_path_and_no_count() -> None:
    record = recorder()
    for _ in range(3):
        record.record(LIST, EXCHANGE, [finding("$.data[0].id")], ["paystack_resource"])
    [only] = record.result.findings
    assert only.location == "$.data[0].id"
    assert "count" not in dict(only.extra)


def test_different_rules_or_paths_stay_apart() -> None:
    record = recorder()
    found = [finding("$.data[0].id"), finding("$.data[0].email"), finding("$.data[1].id", rule="identifiers.integer")]
    record.record(LIST, EXCHANGE, found, ["paystack_resource"])
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
    worker = recorder()
    worker.record(LIST, EXCHANGE, [finding(f"$.data[{i}].id") for i in range(3)], ["paystack_resource"])
    parent = recorder()
    parent.record(LIST, EXCHANGE, [finding(f"$.data[{i}].id") for i in (2, 3)], ["paystack_resource"])
    parent.absorb(worker.result, [], 0, worker.concrete_paths())
    [merged] = parent.result.findings
    assert merged.location == "$.data[*].id"
    assert dict(merged.extra)["count"] == "4"  # $.data[0..3].id, $.data[2].id counted once
    assert dict(merged.extra)["first_path"] == "$.data[2].id"
