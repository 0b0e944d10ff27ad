"""`paystack-contracts run` validates contracts/ first, and remembers a pass by content hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from paystack_contracts.cli import suite
from paystack_contracts.findings import Finding, Severity


def _refuse(paths: object) -> list[Finding]:
    raise AssertionError("validated again")


def test_a_passing_validation_is_remembered_until_the_contracts_change(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert suite._validate_contracts() == []
    assert list((tmp_path / "paystack-contracts" / "validated").iterdir())
    monkeypatch.setattr("paystack_contracts.validation.validate_paths", _refuse)
    assert suite._validate_contracts() == []


def test_errors_are_never_remembered(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    broken = Finding(rule="openapi.invalid", message="broken", file="contracts/x.yaml", severity=Severity.ERROR)
    monkeypatch.setattr("paystack_contracts.validation.validate_paths", lambda paths: [broken])
    assert suite._validate_contracts() == [broken]
    assert suite._validate_contracts() == [broken]
    assert not (tmp_path / "paystack-contracts" / "validated").exists()


@pytest.mark.parametrize("change", ["edit", "add"])
def test_the_hash_changes_with_any_contract_file(tmp_path: Path, repo_root: Path, change: str) -> None:
    contracts = tmp_path / "contracts"
    shutil.copytree(repo_root / "contracts", contracts)
    before = suite._content_hash(contracts)
    assert suite._content_hash(contracts) == before
    if change == "edit":
        (contracts / "drift-policy.yaml").write_text("# edited\n", encoding="utf-8")
    else:
        (contracts / "baseline" / "new.json").write_text("{}", encoding="utf-8")
    assert suite._content_hash(contracts) != before
