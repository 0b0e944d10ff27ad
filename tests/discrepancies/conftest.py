"""A copy of the project's specs/ and contracts/ that a test may edit; the repository is never touched."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from paystack_contracts.cli import run


@pytest.fixture
def tree(tmp_path: Path, repo_root: Path) -> Path:
    for folder in ("specs", "contracts"):
        shutil.copytree(repo_root / folder, tmp_path / folder)
    return tmp_path


@pytest.fixture
def edit() -> Callable[[Path, Callable[[Any], None]], None]:
    def apply(path: Path, change: Callable[[Any], None]) -> None:
        data = yaml.safe_load(path.read_text("utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")

    return apply


def discrepancies(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["discrepancies", *argv], out, err)
    return code, out.getvalue(), err.getvalue()
