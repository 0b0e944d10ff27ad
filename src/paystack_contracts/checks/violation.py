"""What our checks report, and the adapter from a Schemathesis response to the plain values checks look at.

`Violation` is data (rule, JSON path, expected, actual). `ContractViolation` is the Schemathesis `Failure` a
registered check raises: Schemathesis keeps `Failure` subclasses as they are, so the runner reads these fields back
without parsing messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from schemathesis.core.failures import Failure, Severity

__all__ = [
    "NOT_JSON",
    "ContractViolation",
    "Violation",
    "applies_to",
    "decoded_body",
    "first_headers",
    "json_path",
    "raise_for",
    "short",
]

NOT_JSON: Any = object()
"""Sentinel for a body that is not JSON."""

_OUR_OPERATION_PREFIXES = ("customer_", "globalstack_")


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str
    location: str  # JSON path of the offending value, "$" for the whole body
    expected: str
    actual: str

    def __str__(self) -> str:
        return f"{self.rule} at {self.location}: expected {self.expected}, got {self.actual}"


class ContractViolation(Failure):
    """One or more violations found by one of our checks on one response."""

    code = "ST901"
    kind_title = "Paystack contract violated"

    __slots__ = ("check", "violations")

    def __init__(self, *, operation: str, check: str, violations: Sequence[Violation]) -> None:
        first = violations[0]
        super().__init__(
            operation=operation,
            title=f"{check}: {first.rule}",
            message="\n".join(str(v) for v in violations),
            severity=Severity.HIGH,
        )
        self.check = check
        self.violations = tuple(violations)

    @property
    def _unique_key(self) -> str:
        return ";".join(f"{v.rule}@{v.location}" for v in self.violations)


def applies_to(case: Any) -> bool:
    """Our checks judge our contracts' declared operations only; other schemas in the process are left alone."""
    operation_id = case.operation.definition.raw.get("operationId") or ""
    if str(case.method).upper() != str(case.operation.method).upper():
        return False  # a probe with an undeclared method: not_a_server_error alone judges it ("4xx, never 5xx")
    return bool(operation_id.startswith(_OUR_OPERATION_PREFIXES))


def first_headers(headers: Any) -> dict[str, str]:
    """Schemathesis keeps header values as lists; checks want the first value, keyed in lower case."""
    return {k.lower(): (v[0] if isinstance(v, list) and v else str(v)) for k, v in dict(headers).items()}


def decoded_body(content: bytes) -> Any:
    if not content:
        return None
    try:
        return json.loads(content)
    except ValueError:
        return NOT_JSON


def json_path(*tokens: str | int) -> str:
    """`json_path("data", 0, "id") == "$.data[0].id"`."""
    path = "$"
    for token in tokens:
        path += f"[{token}]" if isinstance(token, int) else f".{token}"
    return path


def short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if value is not NOT_JSON else "a non-JSON body"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def raise_for(check: str, case: Any, violations: Iterable[Violation]) -> None:
    found = list(violations)
    if found:
        raise ContractViolation(operation=case.operation.label, check=check, violations=found)
