"""What a run can be restricted to, read from the contracts: operations (by id, tag, method, path pattern) and the
designed scenarios; and the vetting of a selection, so a name that matches nothing is one `UsageError` that lists
what is valid instead of a run that checks nothing.

The selection resolves to operationIds (`SuiteOptions.operations`): one representation whatever the filter, so the
workers' groups, the reproduce line and the state machine's "whole contract only" rule need nothing new.

`groups` cuts a plan's operations into what the generated phases play as one unit: a path's operations together
(`run.workers` says why), heaviest first.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from paystack_contracts.errors import UsageError
from paystack_contracts.run.plan import RunPlan
from paystack_contracts.run.scenarios import SCENARIO_NAMES
from paystack_contracts.run.session import contract_documents
from paystack_contracts.run.session import contract_operations as operations_by_path

__all__ = ["Group", "OperationEntry", "contract_operations", "groups", "select_operations", "split", "vet_scenarios"]

Group = tuple[str, ...]  # the operation ids of one path

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True, slots=True)
class OperationEntry:
    """One operation of the contracts, as `--list-operations` shows it and the filters match it."""

    operation_id: str
    method: str  # upper case
    path: str
    tags: tuple[str, ...]

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def contract_operations() -> list[OperationEntry]:
    """Every operation of both contracts, in document order."""
    return [
        OperationEntry(op["operationId"], method.upper(), path, tuple(op.get("tags") or ()))
        for document in contract_documents()
        for path, item in document.get("paths", {}).items()
        for method, op in item.items()
        if method in _METHODS and isinstance(op, dict) and "operationId" in op
    ]


def select_operations(
    ids: Sequence[str] = (), tags: Sequence[str] = (), methods: Sequence[str] = (), path_regex: str | None = None
) -> tuple[str, ...]:
    """The operationIds that pass every given filter (each filter: any of its values); `()` when nothing is
    filtered or everything passes (a whole run). Raises UsageError for an unknown name or an empty selection."""
    entries = contract_operations()
    _known(ids, [e.operation_id for e in entries], "operation", hint=" (see --list-operations)")
    _known(tags, [t for e in entries for t in e.tags], "tag")
    _known([m.upper() for m in methods], sorted({e.method for e in entries}), "method")
    pattern = _compiled(path_regex)
    chosen = [
        e.operation_id
        for e in entries
        if (not ids or e.operation_id in ids)
        and (not tags or {t.lower() for t in tags} & {t.lower() for t in e.tags})
        and (not methods or e.method in {m.upper() for m in methods})
        and (pattern is None or pattern.search(e.path))
    ]
    if not chosen:
        raise UsageError("no operation matches all of the given filters (see --list-operations)")
    return () if len(chosen) == len(entries) else tuple(chosen)


def vet_scenarios(names: Sequence[str]) -> tuple[str, ...] | None:
    """The named scenarios (None when none are named: all of them); UsageError for an unknown name."""
    _known(names, SCENARIO_NAMES, "scenario", hint=" (see --list-scenarios)")
    return tuple(names) if names else None


def _known(given: Sequence[str], valid: Sequence[str], kind: str, *, hint: str = "") -> None:
    folded = {v.lower() for v in valid}
    strict = kind in ("operation", "scenario")  # ids and names exactly; tags and methods in any case
    unknown = [g for g in given if (g not in valid if strict else g.lower() not in folded)]
    if unknown:
        listed = ", ".join(dict.fromkeys(valid))
        raise UsageError(f"unknown {kind} {unknown[0]!r}; the {kind}s are: {listed}{hint}")


def _compiled(path_regex: str | None) -> re.Pattern[str] | None:
    if path_regex is None:
        return None
    try:
        return re.compile(path_regex)
    except re.error as exc:
        raise UsageError(f"--path {path_regex!r}: not a regular expression ({exc})") from None


def split(paths: Sequence[tuple[str, str]], weights: dict[str, int] | None = None) -> list[Group]:
    """Operation ids grouped by path, each group in the contract's order; heaviest group first (ties keep the
    contract's order), so the last groups taken are small ones and the processes finish together."""
    by_path: dict[str, list[str]] = {}
    for path, operation_id in paths:
        by_path.setdefault(path, []).append(operation_id)
    weights = weights or {}
    found = [tuple(ids) for ids in by_path.values()]
    return sorted(found, key=lambda group: -sum(weights.get(i, 1) for i in group))


def groups(plan: RunPlan) -> list[Group]:
    """The plan's operations, by path, heaviest first."""
    wanted = plan.options.operations
    paths = [(p, i) for p, i in operations_by_path() if not wanted or i in wanted]
    if plan.globalstack is None:
        paths = [(p, i) for p, i in paths if not i.startswith("globalstack_")]
    return split(paths, _weights())


def _weights() -> dict[str, int]:
    """An operation's weight: the size of its definition as written, a rough measure of what its strategies
    generate (the generated phases' time grows with it). Following its `$ref`s gave the same order of groups
    for our contracts (compared), so they are not followed."""
    return {
        operation["operationId"]: len(json.dumps(operation))
        for document in contract_documents()
        for item in document.get("paths", {}).values()
        for operation in item.values()
        if isinstance(operation, dict) and "operationId" in operation
    }
