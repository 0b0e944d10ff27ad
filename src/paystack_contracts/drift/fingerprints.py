"""Response fingerprints: the shape (field paths and JSON types) of every response, per operation and status.

Schemas that allow additional properties let silent drift through: a renamed field is "an extra field plus a
missing optional one". Fingerprints close that hole. A run records the shape of what it saw; a baseline under
`contracts/baseline/` (written with `run --update-baseline`) is what was seen before; `compare` reports added
fields (warning), removed fields and type changes (errors) per the drift policy.

    shape = shape_of({"data": [{"id": 1, "phone": None}]})
    # {"data": {"array"}, "data[]": {"object"}, "data[].id": {"integer"}, "data[].phone": {"null"}}

Types seen across responses are unioned, so a field that is sometimes null and sometimes a string never flaps;
a field missing from some responses (while its parent object is present) is recorded as optional and is never
reported as removed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paystack_contracts.documents import load_document
from paystack_contracts.drift.policy import Policy
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import Finding
from paystack_contracts.results import Exchange

__all__ = [
    "BaselineOutcome",
    "FieldShape",
    "Fingerprint",
    "Fingerprints",
    "check_run",
    "compare",
    "json_type",
    "load_baseline",
    "shape_of",
    "write_baseline",
]

FINGERPRINT_KIND = "response-fingerprint"
Shape = dict[str, frozenset[str]]


def json_type(value: Any) -> str:
    """The JSON Schema type name of a parsed JSON value (booleans are not integers)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def shape_of(value: Any) -> Shape:
    """Every field path in a JSON value with the types seen there (array items under `name[]`)."""
    shape: dict[str, set[str]] = {}
    _walk(value, "", shape)
    return {path: frozenset(types) for path, types in shape.items()}


def _walk(value: Any, path: str, shape: dict[str, set[str]]) -> None:
    if path:
        shape.setdefault(path, set()).add(json_type(value))
    if isinstance(value, dict):
        for key, child in value.items():
            _walk(child, f"{path}.{key}" if path else str(key), shape)
    elif isinstance(value, list):
        for item in value:
            _walk(item, f"{path}[]", shape)


def parent_of(path: str) -> str:
    """`data.customer.email` -> `data.customer`; `data[].id` -> `data[]`; `data[]` -> `data`; `status` -> ``."""
    if path.endswith("[]"):
        return path[:-2]
    return path.rsplit(".", 1)[0] if "." in path else ""


@dataclass(frozen=True, slots=True)
class FieldShape:
    types: frozenset[str]
    optional: bool = False


@dataclass
class Fingerprint:
    operation: str
    status: int
    fields: dict[str, FieldShape] = field(default_factory=dict)
    samples: int = 0

    @property
    def key(self) -> tuple[str, int]:
        return (self.operation, self.status)

    def add(self, value: Any) -> None:
        """Fold one more response body into this fingerprint."""
        self.absorb(Fingerprint(self.operation, self.status, {p: FieldShape(t) for p, t in shape_of(value).items()}, 1))

    def absorb(self, other: Fingerprint) -> None:
        if not self.samples:
            self.fields, self.samples = dict(other.fields), other.samples
            return
        merged: dict[str, FieldShape] = {}
        for path in self.fields.keys() | other.fields.keys():
            mine, theirs = self.fields.get(path), other.fields.get(path)
            if mine and theirs:
                merged[path] = FieldShape(mine.types | theirs.types, mine.optional or theirs.optional)
            else:
                present = mine or theirs
                assert present is not None
                lacking = other if mine else self
                missing_under_parent = _has_container(lacking, parent_of(path))
                merged[path] = FieldShape(present.types, present.optional or missing_under_parent)
        self.fields = dict(sorted(merged.items()))
        self.samples += other.samples

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": FINGERPRINT_KIND,
            "version": 1,
            "operation": self.operation,
            "status": self.status,
            "samples": self.samples,
            "fields": {p: {"types": sorted(s.types), "optional": s.optional} for p, s in self.fields.items()},
        }


def _has_container(fingerprint: Fingerprint, path: str) -> bool:
    if not path:
        return fingerprint.samples > 0
    found = fingerprint.fields.get(path)
    return found is not None and bool({"object", "array"} & found.types)


class Fingerprints(dict[tuple[str, int], Fingerprint]):
    """Fingerprints by (operation, status); `record` folds in one response.

    From a run's recorded exchanges: `Fingerprints.from_exchanges(recorder.exchanges)` with (operation, exchange)
    pairs; exchanges without a status (connection errors) or with a non-JSON body are skipped.
    """

    @classmethod
    def from_exchanges(cls, pairs: Iterable[tuple[str, Exchange]]) -> Fingerprints:
        found = cls()
        for operation, exchange in pairs:
            if exchange.status_code is not None and exchange.response_body:
                found.record(operation, exchange.status_code, exchange.response_body)
        return found

    def record(self, operation: str, status: int, body: Any) -> None:
        if isinstance(body, str | bytes):
            try:
                body = json.loads(body)
            except ValueError:
                return  # not JSON (an edge HTML page): nothing to fingerprint
        self.setdefault((operation, status), Fingerprint(operation, status)).add(body)


def _file_name(fingerprint: Fingerprint) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", fingerprint.operation).strip("-").lower()
    return f"{slug}.{fingerprint.status}.json"


def write_baseline(directory: Path, fingerprints: Iterable[Fingerprint]) -> list[Path]:
    """Write one JSON file per (operation, status); files of operations not seen this time are left alone."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for fingerprint in sorted(fingerprints, key=lambda f: f.key):
        path = directory / _file_name(fingerprint)
        path.write_text(json.dumps(fingerprint.to_dict(), indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written


def load_baseline(directory: Path) -> Fingerprints:
    """Every fingerprint file in `directory` (other files, like its README, are ignored). Missing dir: empty."""
    found = Fingerprints()
    for path in sorted(directory.glob("*.json")) if directory.is_dir() else []:
        data = load_document(path)
        if data.get("kind") != FINGERPRINT_KIND:
            continue
        try:
            fields = {p: FieldShape(frozenset(s["types"]), bool(s.get("optional"))) for p, s in data["fields"].items()}
            fingerprint = Fingerprint(str(data["operation"]), int(data["status"]), fields, int(data.get("samples", 1)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DocumentError(path.as_posix(), f"not a valid response fingerprint ({exc})") from exc
        found[fingerprint.key] = fingerprint
    return found


def compare(
    baseline: Mapping[tuple[str, int], Fingerprint],
    observed: Mapping[tuple[str, int], Fingerprint],
    policy: Policy | None = None,
    today: dt.date | None = None,
) -> list[Finding]:
    """Added fields (warn), removed fields and type changes (fail), new status codes (warn), per the policy."""
    policy = policy or Policy()
    findings: list[Finding] = []
    recorded_operations = {operation for operation, _ in baseline}
    for key, seen in sorted(observed.items()):
        before = baseline.get(key)
        if before is not None:
            findings += [_finding(policy, today, seen, *change) for change in _changes(before, seen)]
        elif seen.operation in recorded_operations:
            message = f"{seen.operation}: status {seen.status} was never seen when the baseline was recorded"
            findings.append(_finding(policy, today, seen, "response-new-status", "", message, None, str(seen.status)))
    return findings


def _changes(before: Fingerprint, seen: Fingerprint) -> Iterator[tuple[str, str, str, str | None, str | None]]:
    for path, shape in seen.fields.items():
        old = before.fields.get(path)
        if old is None:
            if parent_of(path) == "" or parent_of(path) in before.fields:
                yield "response-field-added", path, f"{path} is new (not in the baseline)", None, _types(shape.types)
        elif unexpected := _unexpected(old.types, shape.types):
            message = f"{path} now has type {_types(unexpected)} (baseline: {_types(old.types)})"
            yield "response-type-changed", path, message, _types(old.types), _types(shape.types)
    for path, shape in before.fields.items():
        emptied = path.endswith("[]")  # an empty list is not a removed field
        if path not in seen.fields and not shape.optional and not emptied and _has_container(seen, parent_of(path)):
            yield (
                "response-field-removed",
                path,
                f"{path} is gone (always present in the baseline)",
                _types(shape.types),
                None,
            )


def _unexpected(known: frozenset[str], now: frozenset[str]) -> frozenset[str]:
    allowed = known | {"integer"} if "number" in known else known
    return now - allowed


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


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """What the fingerprint gate did in one run: findings to report, or the baseline files it wrote."""

    findings: tuple[Finding, ...] = ()
    written: tuple[Path, ...] = ()
    compared: int = 0  # (operation, status) pairs that had a baseline


def check_run(
    pairs: Iterable[tuple[str, Exchange]],
    baseline_dir: Path,
    policy: Policy | None = None,
    *,
    update: bool = False,
    today: dt.date | None = None,
) -> BaselineOutcome:
    """The suite's one call: fingerprint a run's (operation, exchange) pairs, then record or compare them.

    With `update` the run's fingerprints become the baseline of the operations it saw (`run --update-baseline`);
    otherwise they are compared with `baseline_dir` (an empty or missing baseline compares nothing).
    """
    observed = Fingerprints.from_exchanges(pairs)
    if update:
        return BaselineOutcome(written=tuple(write_baseline(baseline_dir, observed.values())))
    baseline = load_baseline(baseline_dir)
    findings = compare(baseline, observed, policy, today)
    return BaselineOutcome(tuple(findings), compared=sum(1 for key in observed if key in baseline))
