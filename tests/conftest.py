"""Shared fixtures. Feature areas keep their own fixtures in their test package's conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]

CANARY_KEY = "sk_test_canary0000000000000000000000000000c4n4"
"""A fake, obviously-canary test key. Tests assert it never appears in any output."""


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """No test sees the developer's real key or target, or writes to their cache."""
    for name in (
        "PAYSTACK_SECRET_KEY",
        "PAYSTACK_BASE_URL",
        "PAYSTACK_GLOBALSTACK_BASE_URL",
        "PAYSTACK_GLOBALSTACK_KEY",
        "PAYSTACK_CONTRACTS_ROOT",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def canary_key() -> str:
    return CANARY_KEY
