"""What a run tells a watching human while it works. The suite calls a `ProgressListener`; the CLI picks one.

`NullProgress` says nothing (library use, pytest). The live display (rich) and the plain line printer for
non-TTY/NO_COLOR output implement the same protocol.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from paystack_contracts.results import RunResult

__all__ = ["NullProgress", "ProgressListener"]


class ProgressListener(Protocol):
    def run_started(self, operations: Sequence[str], budget: int | None) -> None: ...

    def case_finished(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None: ...

    def run_finished(self, result: RunResult) -> None: ...


class NullProgress:
    """Says nothing."""

    def run_started(self, operations: Sequence[str], budget: int | None) -> None:
        return None

    def case_finished(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None:
        return None

    def run_finished(self, result: RunResult) -> None:
        return None
