"""The example workflow users copy: .github/workflows/contract-drift.yml."""

from __future__ import annotations

import io
import os
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from paystack_contracts.cli import run

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "contract-drift.yml"


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    data: dict[Any, Any] = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    return data


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow["jobs"]["contract-drift"]["steps"]
    return steps


def _step(workflow: dict[Any, Any], needle: str) -> dict[str, Any]:
    found = [s for s in _steps(workflow) if needle in s.get("run", "") or needle in s.get("uses", "")]
    assert len(found) == 1, f"expected one step with {needle!r}"
    return found[0]


def test_it_runs_nightly_and_on_pull_requests(workflow: dict[Any, Any]) -> None:
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "*"]
    assert "pull_request" in triggers


def test_the_gates_run_in_order(workflow: dict[Any, Any]) -> None:
    runs = [s.get("run", "") for s in _steps(workflow)]
    order = [
        next(i for i, r in enumerate(runs) if needle in r)
        for needle in (
            "paystack-contracts validate contracts/",
            "paystack-contracts discrepancies --check",
            "paystack-contracts run",
        )
    ]
    assert order == sorted(order)


@pytest.mark.parametrize("gate", ["paystack-contracts validate", "paystack-contracts discrepancies"])
def test_the_offline_gates_pass_on_this_repository(
    workflow: dict[Any, Any], gate: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The example must be green on the project itself: a gate that always fails teaches users to ignore it."""
    argv = shlex.split(_step(workflow, gate)["run"])
    monkeypatch.chdir(REPO)
    err = io.StringIO()
    assert run(argv[1:], io.StringIO(), err) == 0, err.getvalue()


def test_the_suite_uses_the_repository_secret_and_runs_even_after_a_failed_gate(workflow: dict[Any, Any]) -> None:
    suite = _step(workflow, "paystack-contracts run")
    assert suite["env"]["PAYSTACK_SECRET_KEY"] == "${{ secrets.PAYSTACK_SECRET_KEY }}"
    assert "--report-dir reports" in suite["run"]
    assert "!cancelled()" in suite["if"]
    assert "PAYSTACK_SECRET_KEY" not in str(workflow["jobs"]["contract-drift"]["env"].keys())


def test_reports_are_uploaded_and_summarised_whatever_the_outcome(workflow: dict[Any, Any]) -> None:
    upload = _step(workflow, "actions/upload-artifact")
    assert upload["with"]["path"] == "reports/"
    assert "always()" in upload["if"]
    summary = _step(workflow, "GITHUB_STEP_SUMMARY")
    assert "always()" in summary["if"]
    assert "cat reports/summary.md" in summary["run"]


@pytest.mark.parametrize(
    ("tool_exit", "job_exit", "annotation"),
    [
        (0, 0, "::notice"),
        (1, 1, "::error title=Contract drift"),
        (2, 2, "::error title=Configuration error"),  # a rejected key or an unreachable sandbox is not drift
        (4, 4, "::error title=Contract suite error"),
        (3, 0, "::warning title=Contract suite inconclusive"),
    ],
)
def test_drift_fails_the_job_but_an_inconclusive_run_only_warns(
    workflow: dict[Any, Any], tmp_path: Path, tool_exit: int, job_exit: int, annotation: str
) -> None:
    fake = tmp_path / "bin" / "paystack-contracts"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\nexit {tool_exit}\n", encoding="utf-8")
    fake.chmod(0o755)
    script = _step(workflow, "paystack-contracts run")["run"]
    env = {**os.environ, "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}"}
    # GitHub runs `shell: bash` steps as `bash --noprofile --norc -eo pipefail {0}`.
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    assert done.returncode == job_exit
    assert done.stdout.startswith(annotation)


@pytest.mark.parametrize("has_summary", [True, False])
def test_the_summary_step_appends_summary_md_when_there_is_one(
    workflow: dict[Any, Any], tmp_path: Path, has_summary: bool
) -> None:
    if has_summary:
        (tmp_path / "reports").mkdir()
        (tmp_path / "reports" / "summary.md").write_text("## red\n", encoding="utf-8")
    target = tmp_path / "step-summary.md"
    target.write_text("earlier\n", encoding="utf-8")
    script = _step(workflow, "GITHUB_STEP_SUMMARY")["run"]
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(target)}
    done = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=tmp_path, env=env, timeout=10, check=False)
    assert done.returncode == 0
    assert target.read_text(encoding="utf-8") == ("earlier\n## red\n" if has_summary else "earlier\n")
