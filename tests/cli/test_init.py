"""`paystack-contracts init [DIR]`: a user repository that every other command then works in."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
import yaml

from paystack_contracts import __version__
from paystack_contracts.cli import run
from paystack_contracts.scaffold import requirement

EXPECTED = [
    "paystack-contracts.toml",
    "contracts/paystack-customers.openapi.yaml",
    "contracts/paystack-customer.schema.json",
    "contracts/globalstack-customers.openapi.yaml",
    "contracts/drift-policy.yaml",
    "contracts/discrepancies.yaml",
    "contracts/baseline/README.md",
    ".github/workflows/contract-drift.yml",
]


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.fixture
def user_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert cli("init")[0] == 0
    return tmp_path


def test_init_writes_the_config_the_contract_an_empty_baseline_and_a_workflow(tmp_path: Path) -> None:
    code, out, err = cli("init", str(tmp_path / "repo"))
    assert (code, err) == (0, "")
    written = sorted(p.relative_to(tmp_path / "repo").as_posix() for p in (tmp_path / "repo").rglob("*") if p.is_file())
    assert written == sorted(EXPECTED)
    assert "baseline-dir  contracts/baseline" in out


def test_init_refuses_to_overwrite_without_force(user_repo: Path) -> None:
    (user_repo / "contracts" / "drift-policy.yaml").write_text("mine\n", "utf-8")
    code, out, err = cli("init")
    assert (code, out) == (2, "")
    assert err == "error: paystack-contracts.toml exists and 7 more; pass --force to overwrite\n"
    assert (user_repo / "contracts" / "drift-policy.yaml").read_text("utf-8") == "mine\n"
    assert cli("init", "--force")[0] == 0
    assert (user_repo / "contracts" / "drift-policy.yaml").read_text("utf-8") != "mine\n"


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("0.1.0", "paystack-contracts>=0.1,<0.2"),
        ("0.12.3", "paystack-contracts>=0.12,<0.13"),
        ("2.3.0", "paystack-contracts>=2.3,<3"),
    ],
)
def test_the_workflow_pins_a_compatible_range_of_the_tool(version: str, expected: str) -> None:
    assert requirement(version) == expected


def test_the_workflow_installs_the_tool_from_the_package_index(user_repo: Path) -> None:
    workflow = yaml.safe_load((user_repo / ".github/workflows/contract-drift.yml").read_text("utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["contract-drift"]["steps"]]
    assert f'python -m pip install "{requirement(__version__)}"' in runs
    assert not any("pip install ." in r or "git+" in r for r in runs)
    assert "paystack-contracts validate" in runs
    assert "paystack-contracts discrepancies --check" in runs


def test_validate_and_the_ledger_check_pass_in_a_fresh_user_repo(user_repo: Path) -> None:
    code, out, err = cli("validate")
    assert code == 0, out + err
    assert out.splitlines()[0].startswith("validating contracts (project: ")
    code, out, _ = cli("discrepancies", "--check")
    assert code == 0, out
    assert out.splitlines()[0].startswith("using specs /")
    assert out.splitlines()[0].endswith(", contracts contracts, ledger contracts/discrepancies.yaml")


def test_without_a_project_validate_says_to_run_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("validate")
    assert (code, out) == (2, "")
    assert "has no project files (run `paystack-contracts init`)" in err
