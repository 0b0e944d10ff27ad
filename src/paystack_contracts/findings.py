"""Findings: the data every gate produces when something disagrees with the contract.

A finding names *where* (a file and JSON pointer, or an operation and the JSON path of a response value),
*which rule*, and *what was expected and what was seen*. Validation, the discrepancy detector, the spec diff,
fingerprints and the conformance suite all emit `Finding`s, and every report writer consumes them.
"""

from __future__ import annotations

import enum
from dataclasses import asdict, dataclass, field
from typing import Any

__all__ = ["Finding", "Severity", "escape_pointer_token", "pointer", "unescape_pointer_token"]


class Severity(enum.StrEnum):
    """How much a finding matters to a build: errors fail it, warnings are reported, notes inform."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Finding:
    """One disagreement. Frozen and hashable so gates can de-duplicate and compare sets of findings."""

    rule: str
    message: str
    source: str = "validate"  # which gate: validate | suite | discrepancies | diff | fingerprint | verdict
    severity: Severity = Severity.ERROR
    file: str | None = None  # project-relative path, posix separators
    pointer: str | None = None  # RFC 6901 JSON pointer inside `file`, "" for the whole document
    operation: str | None = None  # "POST /customer"
    location: str | None = None  # JSON path of the offending value in a response, e.g. "$.data.id"
    expected: str | None = None
    actual: str | None = None
    replay: str | None = None  # one-line reproduction (curl) with the key redacted
    check: str | None = None  # the check that produced it (one check emits several rules); None outside a run
    exchange: str | None = None  # id of the recorded exchange that showed it (`RunResult.exchanges`)
    extra: tuple[tuple[str, str], ...] = field(default=())  # further labelled facts, kept ordered

    @property
    def check_name(self) -> str:
        """The check to file this finding under: its `check`, else its rule."""
        return self.check or self.rule

    @property
    def checks(self) -> tuple[str, ...]:
        """Every check that reported this finding's cause, its own first (`extra["checks"]` when the run merged
        findings of several checks at the same operation and JSON path into this one)."""
        merged = dict(self.extra).get("checks")
        return tuple(merged.split(", ")) if merged else (self.check_name,)

    @property
    def where(self) -> str:
        """`file#/pointer`, or the operation and value path, whichever this finding has."""
        if self.file is not None:
            return self.file if self.pointer is None else f"{self.file}#{self.pointer}"
        parts = [p for p in (self.operation, self.location) if p]
        return " ".join(parts) or "-"

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["extra"] = dict(self.extra)
        return {k: v for k, v in data.items() if v not in (None, {}, ())}


def escape_pointer_token(token: object) -> str:
    """Escape one reference token for a JSON pointer (RFC 6901: `~` -> `~0`, `/` -> `~1`)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape_pointer_token(token: str) -> str:
    """The raw key of one JSON pointer reference token (RFC 6901: `~1` -> `/`, then `~0` -> `~`)."""
    return token.replace("~1", "/").replace("~0", "~")


def pointer(*tokens: object) -> str:
    """Build a JSON pointer from raw tokens: pointer("paths", "/customer", "post") == "/paths/~1customer/post"."""
    return "".join("/" + escape_pointer_token(t) for t in tokens)
