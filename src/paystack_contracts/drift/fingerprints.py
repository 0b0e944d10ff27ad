"""Response fingerprints: the shape (field paths and JSON types) of every response, per operation and status.

Schemas that allow additional properties let silent drift through: a renamed field is "an extra field plus a
missing optional one". Fingerprints close that hole. A run records the shape of what it saw; a baseline under
`contracts/baseline/` (written with `run --update-baseline`) is what was seen before; `compare` reports added
fields (warning), removed fields and type changes (errors) per the drift policy.

    shape = shape_of({"data": [{"id": 1, "phone": None}]})
    # {"data": {"array"}, "data[]": {"object"}, "data[].id": {"integer"}, "data[].phone": {"null"}}

Tolerant where the world varies, strict where the contract is known (issue 10):
- types seen across responses are unioned, and null is never a change: a nullable field seen only as a string
  accepts null, one seen only as null accepts any type, and a field that was null may be absent (and back);
- a field missing from some responses (while its parent object is present) is optional, never reported removed;
- free-form fields (metadata, custom_fields, whatever the contract leaves open) are not fingerprinted, and in
  lists only the records this run created count (`fingerprint_scope.Scope`);
- a fingerprint records the profiles (`full`, `live`) whose runs saw it, and a status is reported as new only when
  the baseline was recorded for the run's profile and never saw it under any profile.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paystack_contracts.documents import load_document
from paystack_contracts.drift.fingerprint_changes import compare, has_container, parent_of
from paystack_contracts.drift.fingerprint_scope import Scope
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


def shape_of(value: Any, scope: Scope | None = None, key: tuple[str, int] = ("", 0)) -> Shape:
    """Every field path in a JSON value with the types seen there (array items under `name[]`); with a scope,
    without the paths it skips for `key` (operation, status) and the array items (records) it does not keep."""
    shape: dict[str, set[str]] = {}
    _walk(value, "", shape, (scope or Scope(), key))
    return {path: frozenset(types) for path, types in shape.items()}


def _walk(value: Any, path: str, shape: dict[str, set[str]], within: tuple[Scope, tuple[str, int]]) -> None:
    scope, key = within
    if path and scope.skips(key, path):
        return
    if path:
        shape.setdefault(path, set()).add(json_type(value))
    if isinstance(value, dict):
        for name, child in value.items():
            _walk(child, f"{path}.{name}" if path else str(name), shape, within)
    elif isinstance(value, list):
        for item in value:
            if scope.keeps(item):
                _walk(item, f"{path}[]", shape, within)


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
    profiles: frozenset[str] = frozenset()  # the run profiles that saw it; empty: not recorded (older baselines)

    @property
    def key(self) -> tuple[str, int]:
        return (self.operation, self.status)

    def add(self, value: Any, scope: Scope | None = None) -> None:
        """Fold one more response body into this fingerprint."""
        shape = shape_of(value, scope, self.key)
        self.absorb(Fingerprint(self.operation, self.status, {p: FieldShape(t) for p, t in shape.items()}, 1))

    def absorb(self, other: Fingerprint) -> None:
        self.profiles |= other.profiles
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
                missing_under_parent = has_container(lacking, parent_of(path))
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
            **({"profiles": sorted(self.profiles)} if self.profiles else {}),
            "fields": {p: {"types": sorted(s.types), "optional": s.optional} for p, s in self.fields.items()},
        }


class Fingerprints(dict[tuple[str, int], Fingerprint]):
    """Fingerprints by (operation, status); `record` folds in one response.

    From a run's recorded exchanges: `Fingerprints.from_exchanges(recorder.exchanges)` with (operation, exchange)
    pairs; exchanges without a status (connection errors) or with a non-JSON body are skipped. Without a `scope`,
    only `metadata`/`custom_fields` are skipped and only the records these exchanges created are kept in lists.
    """

    @classmethod
    def from_exchanges(
        cls, pairs: Iterable[tuple[str, Exchange]], scope: Scope | None = None, profile: str | None = None
    ) -> Fingerprints:
        pairs = list(pairs)
        scope = scope if scope is not None and scope.keep is not None else (scope or Scope()).for_run(pairs)
        found = cls()
        for operation, exchange in pairs:
            if exchange.status_code is not None and exchange.response_body:
                found.record(operation, exchange.status_code, exchange.response_body, scope, profile)
        return found

    def record(
        self, operation: str, status: int, body: Any, scope: Scope | None = None, profile: str | None = None
    ) -> None:
        if isinstance(body, str | bytes):
            try:
                body = json.loads(body)
            except (ValueError, RecursionError):
                return  # not JSON (an edge HTML page): nothing to fingerprint
        profiles = frozenset({profile} if profile else ())
        self.setdefault((operation, status), Fingerprint(operation, status, profiles=profiles)).add(body, scope)


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
            profiles = frozenset(str(p) for p in data.get("profiles", ()))
            identity = (str(data["operation"]), int(data["status"]))
            fingerprint = Fingerprint(*identity, fields, int(data.get("samples", 1)), profiles)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise DocumentError(path.as_posix(), f"not a valid response fingerprint ({exc})") from exc
        found[fingerprint.key] = fingerprint
    return found


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
    profile: str | None = None,
    scope: Scope | None = None,
) -> BaselineOutcome:
    """The suite's one call: fingerprint a run's (operation, exchange) pairs, then record or compare them.

    With `update` the run's fingerprints become the baseline of the operations it saw (`run --update-baseline`);
    with a `profile` too, they are unioned into fingerprints other profiles recorded. Otherwise they are compared
    with `baseline_dir` (an empty or missing baseline compares nothing). `scope` defaults to the free-form fields
    of the OpenAPI contracts beside `baseline_dir`, keeping in lists only the records these pairs created; pass
    `Scope(open_paths(...), keep=predicate)` to say which records are the run's yourself.
    """
    pairs = list(pairs)
    if scope is None:
        scope = Scope.from_contracts(sorted(baseline_dir.parent.glob("*.openapi.yaml")))
    observed = Fingerprints.from_exchanges(pairs, scope, profile)
    baseline = _within(load_baseline(baseline_dir), scope)
    if update:
        merged = [_merged(baseline.get(key), seen, profile) for key, seen in observed.items()]
        return BaselineOutcome(written=tuple(write_baseline(baseline_dir, merged)))
    findings = compare(baseline, observed, policy, today, profile)
    return BaselineOutcome(tuple(findings), compared=sum(1 for key in observed if key in baseline))


def _within(baseline: Fingerprints, scope: Scope) -> Fingerprints:
    """The baseline without the paths the scope skips (a baseline recorded before a field was declared open)."""
    for key, fingerprint in baseline.items():
        fingerprint.fields = {p: s for p, s in fingerprint.fields.items() if not scope.skips(key, p)}
    return baseline


def _merged(before: Fingerprint | None, seen: Fingerprint, profile: str | None) -> Fingerprint:
    """What --update-baseline writes: the new fingerprint, unioned with one other profiles recorded."""
    if before is None or profile is None or before.profiles <= {profile}:
        return seen
    before.absorb(seen)
    return before
