"""The `Change` record a spec diff yields. The catalogue of change classes lives with the policy that governs
them (`policy.CHANGE_CLASSES`) and is re-exported here."""

from __future__ import annotations

from dataclasses import dataclass

from paystack_contracts.drift.policy import CHANGE_CLASSES, ChangeClass, is_breaking

__all__ = ["CHANGE_CLASSES", "Change", "ChangeClass", "is_breaking"]


@dataclass(frozen=True, slots=True)
class Change:
    """One classified difference. `old`/`new` are `file#/pointer` locations (None when the side has none)."""

    kind: str
    message: str
    operation: str | None = None
    old: str | None = None
    new: str | None = None
    before: str | None = None  # the OLD value, rendered
    after: str | None = None  # the NEW value, rendered

    @property
    def breaking(self) -> bool:
        return is_breaking(self.kind)
