"""What a response fingerprint looks at: the contract's structure, not data (issue 10).

Two things are left out. **Free-form fields**: a field is free-form
when its schema is an object that declares no properties and does not close itself
(`additionalProperties` absent or not false), or an array whose items are not described: `metadata`
(`{type: [object, null, string]}`), `dedicated_account`, the items of `transactions`. Their contents are whatever
a merchant or another integration put there (issue 10: "metadata.False is new" after fuzzing), so comparing them
would make every baseline flap. `metadata` and `custom_fields` are free-form wherever they appear, whether or not a
schema is at hand (Paystack's merchant key/value fields, reference §2.1).

    open_paths(Path("contracts/paystack-customers.openapi.yaml"))
    # {("POST /customer", 200): frozenset({"data.metadata", "data.transactions[]", ...}), ...}

**Records the run did not create**: a list answers whatever earlier runs, fuzzing and other people's tests left
in the account ("first_name now has type null" on a second run against a stateful target), so array items that
are customer records (they carry `customer_code`) count only when this run created them. The run's exchanges say
which those are: the 2xx answers to requests whose body carried the run marker (`RUN_MARKER` in `metadata`, the
key suite/identifiable.py stamps on every record a run creates), or a record whose own metadata carries it.

    scope = Scope.from_contracts(contract_paths).for_run(pairs)   # pairs: this run's (operation, exchange)
    scope.skips(("GET /customer", 200), "data[].metadata")        # True
    scope.keeps({"customer_code": "CUS_someone_elses"})           # False

Paths use the fingerprint syntax: `data.metadata`, `data[].metadata`, `data.transactions[]`. The walk follows
`$ref`s with `diff.resolved.ResolvedDocument` and merges `allOf`/`anyOf`/`oneOf` members.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from paystack_contracts.resolved import Node, ResolvedDocument
from paystack_contracts.results import Exchange

__all__ = ["FREE_FORM_NAMES", "RUN_MARKER", "OpenPaths", "Scope", "created_by", "is_free_form", "open_paths"]

RUN_MARKER = "paystack_contracts_run"
"""The metadata key a run stamps on what it creates (= run.session.RUN_METADATA_KEY; a test keeps them equal)."""

FREE_FORM_NAMES = frozenset({"metadata", "custom_fields"})
_METHODS = ("get", "put", "post", "delete", "patch")
_MAX_DEPTH = 12

OpenPaths = dict[tuple[str, int], frozenset[str]]


@dataclass(frozen=True, slots=True)
class Scope:
    """Which paths a fingerprint skips (`open`, per operation and status) and which records it keeps.

    `keep` is a predicate on array items that are records (dicts with `customer_code`); None keeps them all. Give
    your own (`Scope(keep=lambda item: ...)`) or derive it from a run's exchanges with `for_run`.
    """

    open: OpenPaths = field(default_factory=dict)
    keep: Callable[[dict[str, Any]], bool] | None = None

    @classmethod
    def from_contracts(cls, contracts: Iterable[Path]) -> Scope:
        return cls(open_paths(*contracts))

    def for_run(self, pairs: Iterable[tuple[str, Exchange]]) -> Scope:
        """This scope, keeping only the records the run behind `pairs` created (see `created_by`)."""
        return replace(self, keep=created_by(pairs))

    def skips(self, key: tuple[str, int], path: str) -> bool:
        return is_free_form(path, self.open.get(key, frozenset()))

    def keeps(self, item: Any) -> bool:
        if self.keep is None or not isinstance(item, dict) or "customer_code" not in item:
            return True
        return self.keep(item)


def created_by(pairs: Iterable[tuple[str, Exchange]]) -> Callable[[dict[str, Any]], bool]:
    """A predicate keeping the records the exchanges' run created: the 2xx answers to requests carrying the run
    marker, or records whose metadata (an object or a JSON string) carries the same run id."""
    codes, runs = set(), set()
    for _, exchange in pairs:
        run = _run_of(_loaded(exchange.request_body))
        ok = exchange.status_code is not None and 200 <= exchange.status_code < 300
        data = _loaded(exchange.response_body).get("data") if ok and run is not None else None
        if run is not None:
            runs.add(run)
        if isinstance(data, dict):
            codes.add(data.get("customer_code"))
    return lambda item: item.get("customer_code") in codes or _run_of(item) in runs


def _loaded(text: str | None) -> dict[str, Any]:
    try:
        value = json.loads(text) if text else None
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _run_of(record: dict[str, Any]) -> Any:
    metadata = record.get("metadata")
    if isinstance(metadata, str):
        metadata = _loaded(metadata)
    return metadata.get(RUN_MARKER) if isinstance(metadata, dict) else None


def is_free_form(path: str, declared: frozenset[str] = frozenset()) -> bool:
    """`path` is a free-form field (by name, or declared open), or lies inside one."""
    tail = path.rsplit(".", 1)[-1].removesuffix("[]")
    return tail in FREE_FORM_NAMES or any(path == p or path.startswith((f"{p}.", f"{p}[]")) for p in declared)


def open_paths(*contracts: Path) -> OpenPaths:
    """(operation label, status) -> the response field paths its schema leaves open, for every OpenAPI file."""
    found: OpenPaths = {}
    for contract in contracts:
        document = ResolvedDocument.load(contract)
        for template, item in document.items(document.get(document.root, "paths")):
            for method, operation in ((m, item.child(m)) for m in _METHODS):
                for status, response in document.items(document.get(operation, "responses")):
                    if status.isdigit():
                        schema = document.get(response, "content", "application/json", "schema")
                        found[(f"{method.upper()} {template}", int(status))] = frozenset(_walk(document, [schema], ""))
    return found


def _walk(document: ResolvedDocument, schemas: list[Node | None], path: str, depth: int = 0) -> Iterable[str]:
    """Open paths under `path`, whose schema is all of `schemas` (the same property declared by several members)."""
    members = [member for schema in schemas for member in _members(document, schema)]
    if not members or depth > _MAX_DEPTH:
        return
    properties: dict[str, list[Node | None]] = {}
    items: list[Node | None] = []
    for member in members:
        for name, child in document.items(member.child("properties")):
            properties.setdefault(name, []).append(child)
        if "items" in member.value:
            items.append(document.get(member, "items"))
    closed = any(member.value.get("additionalProperties") is False for member in members)
    if path and _is_array(members) and not any(_members(document, item) for item in items):
        yield f"{path}[]"
    elif path and _is_object(members) and not properties and not closed:
        yield path
    for name, children in properties.items():
        yield from _walk(document, children, f"{path}.{name}" if path else name, depth + 1)
    if items:
        yield from _walk(document, items, f"{path}[]", depth + 1)


def _members(document: ResolvedDocument, schema: Node | None) -> list[Node]:
    """The schema and, recursively, its allOf/anyOf/oneOf members (dereferenced)."""
    node = document.deref(schema)
    if node is None or not isinstance(node.value, dict):
        return []
    found = [node]
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index in range(len(node.value.get(keyword, []))):
            found += _members(document, node.child(keyword, index))
    return found


def _types(members: list[Node]) -> set[str]:
    found: set[str] = set()
    for member in members:
        declared = member.value.get("type")
        found |= {declared} if isinstance(declared, str) else set(declared or ())
    return found


def _is_array(members: list[Node]) -> bool:
    return "array" in _types(members)


def _is_object(members: list[Node]) -> bool:
    return "object" in _types(members) and not any("enum" in m.value or "const" in m.value for m in members)
