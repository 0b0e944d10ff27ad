"""Fixtures for the validation tests: small documents written to tmp_path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.validation.factories import Write


@pytest.fixture
def write(tmp_path: Path) -> Write:
    """write("name.yaml", data) -> path; bytes and str are written as they are, other data as YAML/JSON."""

    def _write(name: str, data: Any) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        elif isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        elif name.endswith(".json"):
            path.write_text(json.dumps(data), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def tree(tmp_path: Path, repo_root: Path) -> Path:
    """A copy of the project's specs/ and contracts/ that a test may edit; the repository is never touched."""
    for folder in ("specs", "contracts"):
        shutil.copytree(repo_root / folder, tmp_path / folder)
    return tmp_path
