"""What changed between a baseline fingerprint and a run's: added fields (warning), removed fields and type changes
(errors), new statuses (warning), each decided by the drift policy (see fingerprints.py for the tolerance rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from paystack_contracts.drift.policy import Policy
from paystack_contracts.findings import Finding

if TYPE_CHECKING:  # fingerprints imports this module; the types are only annotations here
    from paystack_contracts.drift.fingerprints import Fingerprint

__all__ = ["compare", "has_container", "parent_of"]


def parent_of(path: str) -> str:
    """`data.customer.email` -> `data.customer`; `data[].id` -> `data[]`; `data[]` -> `data`; `status` -> ``."""
    if path.endswith("[]"):
        return path[:-2]
    return path.rsplit(".", 1)[0] if "." in path else ""


def has_container(fingerprint: Fingerprint, path: str) -> bool:
    if not path:
        return fingerprint.samples > 0
    found = fingerprint.fields.get(path)
    return found is not None and bool({"object", "array"} & found.types)


def compare(
    baseline: Mapping[tuple[str, int], Fingerprint],
    observed: Mapping[tuple[str, int], Fingerprint],
    policy: Policy | None = None,
    today: dt.date | None = None,
    profile: str | None = None,
) -> list[Finding]:
    """Added fields (warn), removed fields and type changes (fail), new status codes (warn), per the policy.

    A status is new only when the baseline holds the operation as recorded by `profile` (fingerprints without
    profiles count for every profile): a profile never hears about statuses another profile's runs planned."""
    policy = policy or Policy()
    findings: list[Finding] = []
    recorded = {f.operation for f in baseline.values() if profile is None or not f.profiles or profile in f.profiles}
    for key, seen in sorted(observed.items()):
        before = baseline.get(key)
        if before is not None:
            findings += [_finding(policy, today, seen, *change) for change in _changes(before, seen)]
        elif seen.operation in recorded:
            message = f"{seen.operation}: status {seen.status} was never seen when the baseline was recorded"
            findings.append(_finding(policy, today, seen, "response-new-status", "", message, None, str(seen.status)))
    return findings


def _changes(before: Fingerprint, seen: Fingerprint) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    for path, shape in seen.fields.items():
        old = before.fields.get(path)
        if old is None:
            if shape.types != {"null"} and (parent_of(path) == "" or parent_of(path) in before.fields):
                yield "response-field-added", path, f"{path} is new (not in the baseline)", None, _types(shape.types)
        elif unexpected := _unexpected(old.types, shape.types):
            message = f"{path} now has type {_types(unexpected)} (baseline: {_types(old.types)})"
            yield "response-type-changed", path, message, _types(old.types), _types(shape.types)
    for path, shape in before.fields.items():
        emptied = path.endswith("[]")  # an empty list is not a removed field
        tolerated = shape.optional or emptied or "null" in shape.types  # absent and null are the same answer
        if path not in seen.fields and not tolerated and has_container(seen, parent_of(path)):
            yield (
                "response-field-removed",
                path,
                f"{path} is gone (always present in the baseline)",
                _types(shape.types),
                None,
            )


def _unexpected(known: frozenset[str], now: frozenset[str]) -> frozenset[str]:
    """Types never seen at a path; null is never one, and a path only ever seen null has no type to keep."""
    if known <= {"null"}:
        return frozenset()
    allowed = known | {"integer"} if "number" in known else known
    return now - allowed - {"null"}


def _types(types: Iterable[str]) -> str:
    return "|".join(sorted(types))


def _finding(
    policy: Policy,
    today: dt.date | None,
    seen: Fingerprint,
    kind: str,
    path: str,
    message: str,
    expected: str | None,
    actual: str | None,
) -> Finding:
    decision = policy.decide(kind, today)
    return Finding(
        rule=kind,
        message=f"{seen.operation} {seen.status}: {message}",
        source="fingerprint",
        severity=decision.severity,
        operation=seen.operation,
        location=path or None,
        expected=expected,
        actual=actual,
        extra=(("status", str(seen.status)), ("policy", f"{decision.action.value}: {decision.reason}")),
    )
