from __future__ import annotations

import io

import pytest
from rich.console import Console

from paystack_contracts.findings import Finding
from paystack_contracts.progress import NullProgress, PlainProgress, RichProgress, make_progress
from paystack_contracts.results import Inconclusive, InconclusiveReason, RunResult, Target

OPERATIONS = ["POST /customer", "GET /customer"]


def _drive(progress: NullProgress | PlainProgress | RichProgress) -> None:
    progress.run_started(OPERATIONS, 10)
    for status in (200, 200, 500):
        progress.case_finished("POST /customer", status, failed=status == 500, inconclusive=False)
    progress.case_finished("GET /customer", 200, failed=False, inconclusive=False)
    progress.case_finished("GET /customer", 429, failed=False, inconclusive=True)
    result = RunResult(target=Target("in-process mock"), duration_s=1.25, requests_sent=5, request_budget=10)
    result.inconclusives.append(Inconclusive("GET /customer", InconclusiveReason.RATE_LIMITED, "429"))
    progress.run_finished(result)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_progress_prints_one_line_per_operation_and_a_closing_line() -> None:
    out = io.StringIO()
    _drive(PlainProgress(out))
    assert out.getvalue().splitlines() == [
        "running 2 operations (request budget 10)",
        "FAIL POST /customer: 3 cases, 1 failed, 0 inconclusive, budget left 7",
        "WARN GET /customer: 2 cases, 0 failed, 1 inconclusive, budget left 5",
        "done in 1.2 s: 2 operations, 5 cases, 1 failed, 1 inconclusive, request budget left 5 of 10 "
        "-> inconclusive: nothing failed, some cases could not be judged (exit 3)",
    ]


def test_plain_progress_stays_quiet_while_a_stateful_phase_hops_between_passing_operations() -> None:
    out = io.StringIO()
    progress = PlainProgress(out, every=10)
    progress.run_started(OPERATIONS, None)
    for i in range(40):  # 20 cases each, alternating
        progress.case_finished(OPERATIONS[i % 2], 200, failed=False, inconclusive=False)
    lines = out.getvalue().splitlines()
    assert lines[1:] == [
        "ok   POST /customer: 10 cases, 0 failed, 0 inconclusive",
        "ok   GET /customer: 10 cases, 0 failed, 0 inconclusive",
        "ok   POST /customer: 20 cases, 0 failed, 0 inconclusive",
    ]


def test_the_live_display_shows_operations_cases_failures_inconclusives_and_budget() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    _drive(RichProgress(console, refresh_per_second=1000))
    screen = out.getvalue()
    assert "\x1b[" in screen  # drawn live, with cursor movement
    for cells in (["POST /customer", "3", "1", "0", "500"], ["GET /customer", "2", "0", "1", "429"]):
        row = next(line for line in screen.splitlines() if cells[0] in line and "│" in line and cells[-1] in line)
        assert [cell.strip() for cell in row.split("│")[1:-1]] == cells
    assert "request budget left 5 of 10" in screen
    assert "(exit 3)" in screen


def test_the_live_display_restores_the_terminal_when_the_run_raises() -> None:
    console = Console(file=_Terminal(), force_terminal=True)
    progress = RichProgress(console)

    def crash() -> None:
        with progress:
            progress.run_started(OPERATIONS, None)
            assert progress._live.is_started
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        crash()
    assert not progress._live.is_started


@pytest.mark.parametrize(
    ("tty", "env", "enabled", "expected"),
    [
        (True, {}, True, RichProgress),
        (False, {}, True, PlainProgress),
        (True, {"NO_COLOR": "1"}, True, PlainProgress),
        (True, {"TERM": "dumb"}, True, PlainProgress),
        (True, {}, False, NullProgress),
    ],
)
def test_make_progress_picks_the_display_for_the_stream(
    monkeypatch: pytest.MonkeyPatch, tty: bool, env: dict[str, str], enabled: bool, expected: type
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = _Terminal() if tty else io.StringIO()
    assert type(make_progress(stream, enabled=enabled)) is expected


def test_null_progress_says_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    _drive(NullProgress())
    assert capsys.readouterr() == ("", "")


def test_an_operation_failed_by_a_workflow_or_gate_finding_never_ends_as_ok() -> None:
    out = io.StringIO()
    progress = PlainProgress(out)
    progress.run_started(["GET /customer"], None)
    progress.case_finished("GET /customer", 200, failed=False, inconclusive=False)
    result = RunResult(target=Target("in-process mock"))
    result.findings.append(Finding("workflow.pages_disjoint", "page 2 repeats", "suite", operation="GET /customer"))
    progress.run_finished(result)
    lines = out.getvalue().splitlines()
    assert "FAIL GET /customer: 1 cases, 1 failed, 0 inconclusive" in lines
    assert not any(line.startswith("ok") for line in lines)


def _wait(progress: PlainProgress | RichProgress, seconds: int) -> None:
    """A rate-limit wait of `seconds`, told once a second and at its end, as the gate tells it."""
    for left in range(seconds, 0, -1):
        progress.rate_limited(float(left), "x-ratelimit-reset")
    progress.rate_limited(0.0, "x-ratelimit-reset")


def test_plain_progress_says_it_waits_on_a_rate_limit_when_it_starts_and_every_ten_seconds() -> None:
    out = io.StringIO()
    progress = PlainProgress(out)
    progress.run_started(OPERATIONS, None)
    _wait(progress, 35)
    _wait(progress, 4)
    assert out.getvalue().splitlines()[1:] == [
        "rate limited: waiting 35 s (x-ratelimit-reset)",
        "rate limited: waiting 25 s (x-ratelimit-reset)",
        "rate limited: waiting 15 s (x-ratelimit-reset)",
        "rate limited: waiting 5 s (x-ratelimit-reset)",
        "rate limited: waiting 4 s (x-ratelimit-reset)",
    ]


def test_the_live_display_shows_a_countdown_while_waiting_and_drops_it_after() -> None:
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=100, color_system=None)
    progress = RichProgress(console)
    progress.run_started(OPERATIONS, None)
    progress.rate_limited(35.0, "x-ratelimit-reset")
    progress.rate_limited(34.0, "x-ratelimit-reset")
    assert "rate limited: waiting 35 s (x-ratelimit-reset)" in out.getvalue()
    assert "rate limited: waiting 34 s (x-ratelimit-reset)" in out.getvalue()
    progress.rate_limited(0.0, "x-ratelimit-reset")
    progress.close()
    assert "rate limited" not in out.getvalue().rsplit("paystack-contracts run", 1)[-1]
