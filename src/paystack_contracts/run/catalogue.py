"""What a run can be restricted to, read from the contracts: operations (by id, tag, method, path pattern) and the
designed scenarios; and the vetting of a selection, so a name that matches nothing is one `UsageError` that lists
what is valid instead of a run that checks nothing.

The selection resolves to operationIds (`SuiteOptions.operations`): one representation whatever the filter, so the
workers' shares, the reproduce line and the state machine's "whole contract only" rule need nothing new.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from paystack_contracts.errors import UsageError
from paystack_contracts.run.scenarios import SCENARIO_NAMES
from paystack_contracts.run.session import contract_documents

__all__ = ["OperationEntry", "contract_operations", "select_operations", "vet_scenarios"]

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
