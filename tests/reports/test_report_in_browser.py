"""report.html as a person sees it: rendered by headless Chromium (Debian's package, installed by .ci/run)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from paystack_contracts.reports import write_reports
from paystack_contracts.results import RunResult

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _locate_chromium() -> str | None:
    return shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


def _require_chromium() -> str:
    """The binary; in CI (CI=true) its absence fails the test, elsewhere it skips with the reason."""
    found = _locate_chromium()
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail("headless Chromium is missing in CI: .ci/run should have installed Debian's chromium package")
    pytest.skip("headless Chromium not installed (apt-get install chromium); CI runs this test")


@pytest.fixture(scope="module")
def chromium() -> str:
    return _require_chromium()


@pytest.mark.parametrize(("ci", "outcome"), [("true", pytest.fail.Exception), (None, pytest.skip.Exception)])
def test_missing_chromium_fails_in_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch, ci: str | None, outcome: type[BaseException]
) -> None:
    monkeypatch.setattr(sys.modules[__name__], "_locate_chromium", lambda: None)
    if ci is None:
        monkeypatch.delenv("CI", raising=False)
    else:
        monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome):
        _require_chromium()


def _chromium(binary: str, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    done = subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))

    def having(self, attribute: str, tag: str | None = None) -> list[dict[str, str | None]]:
        return [a for t, a in self.found if attribute in a and (tag is None or t == tag)]


@pytest.fixture
def page(leaky_run: RunResult, tmp_path: Path) -> Path:
    """report.html of a failing run whose data still carried the raw canary key."""
    written = write_reports(leaky_run, tmp_path / "reports", root=tmp_path)
    return next(p for p in written if p.name == "report.html")


@pytest.mark.browser
def test_the_browser_shows_outcome_counts_operations_histograms_failures_and_verdicts(
    chromium: str, page: Path, tmp_path: Path, canary_key: str
) -> None:
    rendered = _chromium(chromium, tmp_path, "--dump-dom", page.as_uri())
    dom = _Elements()
    dom.feed(rendered)
    assert [a["data-outcome"] for a in dom.having("data-outcome")] == ["failed"]
    counts = {a["data-count"] for a in dom.having("data-count")}
    assert {"cases", "checks failed", "inconclusive", "request budget left"} <= counts
    assert [(a["data-operation"], a["data-state"]) for a in dom.having("data-operation", "section")] == [
        ("GET /customer", "failing"),  # its response-shape drift is attributed to it, never green
        ("POST /customer", "failing"),
    ]
    assert [a["data-status"] for a in dom.having("data-status")] == ["200", "200", "400", "500"]
    assert len([a for t, a in dom.found if t == "details" and a.get("class") == "failing-case"]) == 3
    assert len([a for t, a in dom.found if t == "pre" and a.get("class") in {"request", "response"}]) == 2
    assert [(a["data-entry"], a["class"]) for a in dom.having("data-entry")] == [
        ("D004", "drift"),
        ("D006", "same"),
    ]
    assert not [t for t, _ in dom.found if t in {"script", "img"}]
    assert canary_key not in rendered


@pytest.mark.browser
def test_a_screenshot_of_a_failing_run(chromium: str, page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    _chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000", page.as_uri())
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 2000)
