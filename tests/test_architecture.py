"""ARCHITECTURE.md tells the truth: every import in src/ follows its documented direction of dependencies."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "src" / "paystack_contracts"
PREFIX = "paystack_contracts"


@dataclass(frozen=True)
class Rules:
    core: frozenset[str]
    allowed: dict[str, frozenset[str]]
    run_layers: tuple[str, ...]


def documented_rules(text: str) -> Rules:
    """The dependency table of ARCHITECTURE.md (the ```text block under "Modules and the direction ...")."""
    block = re.search(r"## Modules and the direction of dependencies.*?```text\n(.*?)```", text, re.S)
    assert block, "ARCHITECTURE.md has no dependency table"
    core: frozenset[str] = frozenset()
    allowed: dict[str, frozenset[str]] = {}
    layers: tuple[str, ...] = ()
    for line in block.group(1).splitlines():
        if line.startswith("core:"):
            core = frozenset(line.removeprefix("core:").split())
        elif line.startswith("run layers:"):
            layers = tuple(line.removeprefix("run layers:").split())
        elif "->" in line:
            unit, _, targets = line.partition("->")
            allowed[unit.strip()] = frozenset(targets.split())
    return Rules(core, allowed, layers)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str, module: str) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every project import, resolving relative ones; skips TYPE_CHECKING blocks."""
    tree = ast.parse(source)
    skipped = {
        id(child)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for child in ast.walk(node)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names if alias.name.startswith(PREFIX))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith(PREFIX):
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def unit_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def violations(module: str, imported: str, rules: Rules) -> str | None:
    """Why `module` may not import `imported`, or None when the table allows it."""
    mine, theirs = unit_of(module), unit_of(imported)
    if mine.startswith("__") or theirs.startswith("__"):
        return None  # the package root: its table of contents and its version
    if mine == theirs:
        return _run_layer_violation(module, imported, rules) if mine == "run" else None
    if theirs in rules.core:
        return None
    if mine in rules.core:
        return f"core module {module} imports {imported} ({theirs} is not core)"
    if mine not in rules.allowed:
        return f"{mine} is not in ARCHITECTURE.md's table"
    return None if theirs in rules.allowed[mine] else f"{mine} may not import {theirs} ({module} -> {imported})"


def _run_layer_violation(module: str, imported: str, rules: Rules) -> str | None:
    """Inside run/: a module imports only layers before its own (run/__init__ is the table of contents)."""
    layer = _layer(module)
    wanted = _layer(imported)
    if layer is None or wanted is None or layer == wanted:
        return None
    order = rules.run_layers
    if order.index(wanted) < order.index(layer):
        return None
    return f"run.{layer} may not import run.{wanted} (it comes later in the run's layers)"


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "run" else None


def all_violations(rules: Rules) -> list[str]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = module_name(path)
        for line, imported in imports_of(path.read_text(encoding="utf-8"), module):
            problem = violations(module, imported, rules)
            if problem:
                found.append(f"{path.relative_to(REPO_ROOT)}:{line}: {problem}")
    return found


RULES = documented_rules((REPO_ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))


def test_every_import_follows_the_documented_direction() -> None:
    assert all_violations(RULES) == []


def test_every_unit_of_the_package_is_in_the_table() -> None:
    units = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir() if p.suffix == ".py" or p.is_dir()}
    units -= {"__init__", "__main__", "__pycache__", "_bundled", "py"}
    assert units - RULES.core - set(RULES.allowed) == set()


def test_every_run_module_is_a_layer() -> None:
    modules = {p.stem if p.is_file() else p.name for p in (PACKAGE / "run").iterdir()} - {"__init__", "__pycache__"}
    assert modules == set(RULES.run_layers)


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("paystack_contracts.checks.envelope", "paystack_contracts.run.client.ContractClient"),
        ("paystack_contracts.reports.html", "paystack_contracts.run.runner.run_suite"),
        ("paystack_contracts.findings", "paystack_contracts.validation.validate_paths"),
        ("paystack_contracts.mock.app", "paystack_contracts.run.plan.RunPlan"),
        ("paystack_contracts.run.judge", "paystack_contracts.run.session.open_session"),
        ("paystack_contracts.run.plan", "paystack_contracts.run.runner.run_suite"),
    ],
)
def test_an_import_against_the_direction_is_caught(module: str, imported: str) -> None:
    assert violations(module, imported, RULES) is not None


@pytest.mark.parametrize(
    ("module", "imported"),
    [
        ("paystack_contracts.run.runner", "paystack_contracts.drift.gates.apply_gates"),
        ("paystack_contracts.run.session", "paystack_contracts.run.client.ContractClient"),
        ("paystack_contracts.checks.envelope", "paystack_contracts.seam.Case"),
        ("paystack_contracts.cli.suite", "paystack_contracts.run.run_suite"),
    ],
)
def test_an_import_along_the_direction_is_allowed(module: str, imported: str) -> None:
    assert violations(module, imported, RULES) is None


def test_imports_under_type_checking_are_not_dependencies() -> None:
    source = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from paystack_contracts.run import plan\n"
    assert list(imports_of(source, "paystack_contracts.checks.x")) == []


@pytest.mark.parametrize("package", ["run", "drift", "checks"])
def test_every_module_of_the_run_the_drift_gates_and_the_checks_has_its_test_module(package: str) -> None:
    missing = []
    for path in sorted((PACKAGE / package).rglob("*.py")):
        if path.name == "__init__.py":
            continue
        relative = path.relative_to(PACKAGE)
        test = REPO_ROOT / "tests" / relative.parent / f"test_{path.stem.lstrip('_')}.py"
        if not test.is_file():
            missing.append(str(test.relative_to(REPO_ROOT)))
    assert missing == []
