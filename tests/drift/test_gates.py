"""The drift gates read the run's recorded exchanges: fingerprints against the project's baseline, ledger verdicts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paystack_contracts.drift.gates import apply_gates, gate_inputs
from paystack_contracts.errors import DocumentError
from paystack_contracts.project import current_project, forget_projects
from paystack_contracts.results import Exchange, RunResult, Target

LISTED = Exchange(
    "GET",
    "http://testserver/customer",
    status_code=200,
    response_headers={"content-type": "application/json"},
    response_body='{"status": true, "message": "Customers retrieved", "data": [], "meta": {"total": 0}}',
)


@pytest.fixture
def project(tmp_path: Path, repo_root: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(repo_root / "contracts", tmp_path / "contracts")
    monkeypatch.setenv("PAYSTACK_CONTRACTS_ROOT", str(tmp_path))
    forget_projects()
    yield tmp_path
    forget_projects()


def test_no_exchanges_compare_nothing_and_every_observable_verdict_is_not_observed(project: Path) -> None:
    result = RunResult(target=Target("x"))
    apply_gates(result, [], [], update_baseline=False)
    assert result.facts.fingerprints_compared == 0
    assert result.verdicts
    assert {v.observed for v in result.verdicts} == {"not observed"}
    assert result.drifted_verdicts == []


def test_an_update_writes_the_baseline_into_the_projects_own_baseline_dir(project: Path) -> None:
    baseline = project / "contracts" / "baseline"
    shutil.rmtree(baseline)
    result = RunResult(target=Target("x"))
    apply_gates(result, [("GET /customer", LISTED)], [("GET /customer", LISTED)], update_baseline=True)
    assert result.facts.baseline_written == ["get-customer.200.json"]
    assert (baseline / "get-customer.200.json").is_file()


def test_the_inputs_are_read_once_per_version_of_their_files(project: Path) -> None:
    first = gate_inputs(current_project())
    assert gate_inputs(current_project()) is first
    ledger = project / "contracts" / "discrepancies.yaml"
    ledger.write_text(ledger.read_text() + "\n")  # another size: another version
    again = gate_inputs(current_project())
    assert again is not first
    assert again.ledger == first.ledger
    ledger.write_text("kind: something-else\n")
    with pytest.raises(DocumentError, match="discrepancy-ledger"):
        gate_inputs(current_project())
    with pytest.raises(DocumentError):
        apply_gates(RunResult(target=Target("x")), [], [], update_baseline=False)


def test_a_changed_schema_beside_the_contract_is_read_again(project: Path) -> None:
    first = gate_inputs(current_project())
    schema = project / "contracts" / "paystack-customer.schema.json"
    schema.write_text(schema.read_text() + " ")  # a file the contract refers to
    assert gate_inputs(current_project()) is not first
