"""What a run tells a watching human while it works. The suite calls a `ProgressListener`; the CLI picks one.

`NullProgress` says nothing (library use, pytest). `RichProgress` is the live display (rich `Live`: operations,
cases, failures, inconclusives, request budget left) for a terminal; `PlainProgress` writes plain lines for logs
(stdout not a TTY, `NO_COLOR` set, `TERM=dumb`). `make_progress(stream)` chooses. All three are context
managers, so a run that raises still restores the terminal: `with make_progress(out) as progress: ...`.

The request budget left is counted from finished cases (one request each); the final line uses the run's own
`requests_sent`.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import Protocol, TextIO

from rich.console import Console, Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from paystack_contracts.results import ExitCode, RunResult

__all__ = ["NullProgress", "PlainProgress", "ProgressListener", "RichProgress", "make_progress"]


class ProgressListener(Protocol):
    def run_started(self, operations: Sequence[str], budget: int | None) -> None: ...

    def case_finished(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None: ...

    def run_finished(self, result: RunResult) -> None: ...

    def rate_limited(self, seconds_left: float, why: str) -> None:
        """The run is waiting for the target's rate-limit window: `seconds_left` (0 when the wait is over), and
        `why` (the header that said how long: `retry-after`, `x-ratelimit-reset`)."""
        ...


def _waiting_line(seconds_left: float, why: str) -> str:
    return f"rate limited: waiting {math.ceil(seconds_left)} s ({why})"


class _Closing:
    """Context-manager support: `close()` runs on the way out, whether the run finished or raised."""

    def close(self) -> None:
        return None

    def __enter__(self) -> _Closing:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


class NullProgress(_Closing):
    """Says nothing."""

    def run_started(self, operations: Sequence[str], budget: int | None) -> None:
        return None

    def case_finished(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None:
        return None

    def run_finished(self, result: RunResult) -> None:
        return None

    def rate_limited(self, seconds_left: float, why: str) -> None:
        return None


@dataclass(slots=True)
class _OperationTally:
    cases: int = 0
    failures: int = 0
    inconclusives: int = 0
    last_status: int | None = None


class _Tally:
    """The counts both displays show."""

    def __init__(self) -> None:
        self.operations: dict[str, _OperationTally] = {}
        self.budget: int | None = None

    def start(self, operations: Sequence[str], budget: int | None) -> None:
        self.operations = {label: _OperationTally() for label in operations}
        self.budget = budget

    def record(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None:
        slot = self.operations.setdefault(operation, _OperationTally())
        slot.cases += 1
        slot.failures += failed
        slot.inconclusives += inconclusive
        slot.last_status = status_code if status_code is not None else slot.last_status

    def settle(self, result: RunResult) -> None:
        """At the end: an operation with findings from workflows or gates (not from one case) counts as failed."""
        for finding in result.failures:
            slot = self.operations.get(finding.operation or "")
            if slot is not None and slot.failures == 0:
                slot.failures = 1

    def total(self, field: str) -> int:
        return sum(getattr(slot, field) for slot in self.operations.values())

    def budget_left(self, sent: int | None = None) -> int | None:
        if self.budget is None:
            return None
        return max(self.budget - (self.total("cases") if sent is None else sent), 0)

    def line(self, sent: int | None = None) -> str:
        left = self.budget_left(sent)
        budget = "no request budget" if left is None else f"request budget left {left} of {self.budget}"
        return (
            f"{len(self.operations)} operations, {self.total('cases')} cases, {self.total('failures')} failed, "
            f"{self.total('inconclusives')} inconclusive, {budget}"
        )


_OUTCOME = {
    ExitCode.CONFORMS: "conforms",
    ExitCode.FINDINGS: "FAILED: contract failures or drift",
    ExitCode.INCONCLUSIVE: "inconclusive: nothing failed, some cases could not be judged",
    ExitCode.INTERRUPTED: "interrupted: partial results",
}


def _closing_line(tally: _Tally, result: RunResult) -> str:
    code = result.exit_code()
    return (
        f"done in {result.duration_s:.1f} s: {tally.line(result.requests_sent or None)} -> {_OUTCOME[code]} "
        f"(exit {int(code)})"
    )


class PlainProgress(_Closing):
    """Plain lines, readable in any CI log: one when the run moves on from an operation that failed or turned
    inconclusive for the first time, or ran `every` more cases since its last line; a catch-up per operation at
    the end; a closing line. Stateful phases hop between operations case by case; this keeps the log short."""

    WAIT_EVERY = 10.0
    """Seconds of a rate-limit wait between two lines about it."""

    def __init__(self, stream: TextIO, *, every: int = 25) -> None:
        self._stream = stream
        self._every = every
        self._wait_shown: float | None = None  # seconds left at the last line about the current wait
        self._tally = _Tally()
        self._current: str | None = None
        self._shown: dict[str, tuple[int, int, int]] = {}

    def run_started(self, operations: Sequence[str], budget: int | None) -> None:
        self._tally.start(operations, budget)
        limit = "no request budget" if budget is None else f"request budget {budget}"
        self._write(f"running {len(operations)} operations ({limit})")

    def case_finished(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None:
        if self._current is not None and operation != self._current:
            self._report(self._current, force=False)
        self._current = operation
        self._tally.record(operation, status_code, failed=failed, inconclusive=inconclusive)

    def run_finished(self, result: RunResult) -> None:
        self._tally.settle(result)
        for operation in self._tally.operations:
            self._report(operation, force=True)
        self._current = None
        self._write(_closing_line(self._tally, result))

    def rate_limited(self, seconds_left: float, why: str) -> None:
        """A line when a wait starts, then one every `WAIT_EVERY` seconds of it."""
        if seconds_left <= 0:
            self._wait_shown = None
            return
        if self._wait_shown is None or self._wait_shown - seconds_left >= self.WAIT_EVERY:
            self._wait_shown = seconds_left
            self._write(_waiting_line(seconds_left, why))

    def _report(self, operation: str, *, force: bool) -> None:
        slot = self._tally.operations[operation]
        cases, failures, inconclusives = self._shown.get(operation, (0, 0, 0))
        news = (slot.failures > 0, slot.inconclusives > 0) != (failures > 0, inconclusives > 0)  # first of a kind
        if not (news or slot.cases - cases >= self._every or (force and slot.cases != cases)):
            return
        self._shown[operation] = (slot.cases, slot.failures, slot.inconclusives)
        mark = "FAIL" if slot.failures else ("WARN" if slot.inconclusives else "ok  ")
        left = self._tally.budget_left()
        budget = "" if left is None else f", budget left {left}"
        self._write(
            f"{mark} {operation}: {slot.cases} cases, {slot.failures} failed, {slot.inconclusives} inconclusive{budget}"
        )

    def _write(self, line: str) -> None:
        self._stream.write(line + "\n")
        self._stream.flush()


class RichProgress(_Closing):
    """A live table in the terminal, redrawn at most `refresh_per_second` times (no background thread)."""

    def __init__(self, console: Console, *, refresh_per_second: float = 8.0) -> None:
        self._console = console
        self._tally = _Tally()
        self._interval = 1.0 / refresh_per_second
        self._drawn_at = 0.0
        self._waiting: str | None = None  # the countdown line while the run waits on a rate limit
        self._live = Live(
            console=console,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
            get_renderable=self._render,
        )

    def run_started(self, operations: Sequence[str], budget: int | None) -> None:
        self._tally.start(operations, budget)
        self._live.start(refresh=True)

    def case_finished(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None:
        self._tally.record(operation, status_code, failed=failed, inconclusive=inconclusive)
        now = time.monotonic()
        if now - self._drawn_at >= self._interval:
            self._drawn_at = now
            self._live.refresh()

    def run_finished(self, result: RunResult) -> None:
        self._tally.settle(result)
        self._live.refresh()
        self.close()
        style = {ExitCode.CONFORMS: "green", ExitCode.FINDINGS: "bold red"}.get(result.exit_code(), "yellow")
        self._console.print(Text(_closing_line(self._tally, result), style=style))

    def rate_limited(self, seconds_left: float, why: str) -> None:
        self._waiting = _waiting_line(seconds_left, why) if seconds_left > 0 else None
        if self._live.is_started:
            self._live.refresh()

    def close(self) -> None:
        if self._live.is_started:
            self._live.stop()

    def _render(self) -> Group:
        table = Table(title="paystack-contracts run", title_justify="left", expand=False)
        table.add_column("operation")
        for name in ("cases", "failures", "inconclusive"):
            table.add_column(name, justify="right")
        table.add_column("last status", justify="right")
        for label, slot in self._tally.operations.items():
            table.add_row(
                label,
                str(slot.cases),
                Text(str(slot.failures), style="bold red" if slot.failures else ""),
                Text(str(slot.inconclusives), style="yellow" if slot.inconclusives else ""),
                "-" if slot.last_status is None else str(slot.last_status),
            )
        tally = Text(self._tally.line(), style="bold")
        if self._waiting is None:
            return Group(table, tally)
        return Group(table, tally, Text(self._waiting, style="yellow"))


def make_progress(stream: TextIO, *, enabled: bool = True) -> NullProgress | PlainProgress | RichProgress:
    """The live display on an interactive terminal, plain lines otherwise, nothing when not `enabled`."""
    if not enabled:
        return NullProgress()
    if _wants_plain(stream):
        return PlainProgress(stream)
    return RichProgress(Console(file=stream))


def _wants_plain(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return True
    isatty = getattr(stream, "isatty", None)
    return not (callable(isatty) and isatty())
