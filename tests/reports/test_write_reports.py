from __future__ import annotations

import json
from pathlib import Path

import pytest

from paystack_contracts.errors import ConfigError
from paystack_contracts.reports import REPORT_FILES, write_reports
from paystack_contracts.results import RunResult

EXPECTED = {"junit.xml", "report.json", "summary.md", "report.html", "findings.sarif"}


def test_every_report_is_written(tmp_path: Path, failing_run: RunResult, contract_root: Path) -> None:
    written = write_reports(failing_run, tmp_path / "reports", root=contract_root)
    assert {p.name for p in written} == EXPECTED == set(REPORT_FILES)
    assert all(p.stat().st_size > 200 for p in written)


@pytest.mark.parametrize("run", ["failing_run", "leaky_run"])
def test_no_report_contains_the_canary_key(
    run: str, request: pytest.FixtureRequest, tmp_path: Path, canary_key: str, contract_root: Path
) -> None:
    result: RunResult = request.getfixturevalue(run)
    written = write_reports(result, tmp_path / "reports", root=contract_root)
    leaks = [p.name for p in written if canary_key in p.read_text(encoding="utf-8")]
    assert leaks == []
    leaks = [p.name for p in written if canary_key[8:] in p.read_text(encoding="utf-8")]
    assert leaks == []


def test_the_leaky_run_really_carries_the_key_before_writing(leaky_run: RunResult, canary_key: str) -> None:
    assert canary_key in repr(leaky_run)


def test_extra_secrets_that_do_not_look_like_keys_are_scrubbed(tmp_path: Path, failing_run: RunResult) -> None:
    failing_run.facts.reproduce = "paystack-contracts run --globalstack-key gs-0123456789abcdef"
    written = write_reports(failing_run, tmp_path, secrets=["gs-0123456789abcdef"])
    assert not [p.name for p in written if "gs-0123456789abcdef" in p.read_text(encoding="utf-8")]


def test_an_unwritable_directory_is_a_clear_error(tmp_path: Path, passing_run: RunResult) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    with pytest.raises(ConfigError, match="cannot create the report directory"):
        write_reports(passing_run, blocker / "reports")


def test_the_runs_sarif_annotates_the_contract_lines_of_failing_operations(
    tmp_path: Path, failing_run: RunResult, contract_root: Path
) -> None:
    write_reports(failing_run, tmp_path, root=contract_root)
    log = json.loads((tmp_path / "findings.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"contracts/paystack-customers.openapi.yaml", "contracts/fixture.openapi.yaml"}
