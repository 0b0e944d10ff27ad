"""What our checks report. `Violation` is data (rule, JSON path, expected, actual). `ContractViolation` is the
Schemathesis `Failure` a registered check raises: Schemathesis keeps `Failure` subclasses as they are, so the run
reads these fields back without parsing messages."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from schemathesis.core.failures import Failure, Severity

from paystack_contracts.seam import Case

__all__ = ["ContractViolation", "Violation", "raise_for"]


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


def raise_for(check: str, case: Case, violations: Iterable[Violation]) -> None:
    found = list(violations)
    if found:
        raise ContractViolation(operation=case.operation.label, check=check, violations=found)
