"""Refresh the ledger file from computed discrepancies (`discrepancies --update`), keeping the human's part.

The detector owns `detector` and `claims`; people own `topic`, `severity`, `ref`, `contract` and `observe`.
`refresh_ledger` rewrites the claims of recorded entries, appends unrecorded discrepancies as entries whose
topic/severity/contract say TODO (so `validate` and review catch them), and leaves entries that no longer occur
in place: deleting a record is a decision for a person. The result goes through git review like any edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from paystack_contracts.discrepancies.model import Discrepancy

__all__ = ["Refresh", "dump_ledger", "refresh_ledger"]

HEADER = """\
# The discrepancy ledger: every disagreement between the upstream sources in specs/ and between them and the
# contract. `paystack-contracts discrepancies --check` recomputes the `detector` entries from the files and fails
# on any difference; `computed: false` entries are about live behaviour only (or about evidence outside specs/)
# and are settled by `observe` during a run (see contracts/baseline/README.md and src/paystack_contracts/verdicts.py).
#
# Per entry: id (stable), ref (the numbering of the research note's 56-entry ledger, paystack-behaviour.md §4),
# topic, severity (breaks-client | cosmetic), claims (file, at = JSON pointer, says), contract.follows/why,
# observe: {operation, when, sides: {side: expectation}, recorded: side the live API follows per the evidence}.
"""


@dataclass
class Refresh:
    data: dict[str, Any]
    updated: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    vanished: list[str] = field(default_factory=list)


def refresh_ledger(data: dict[str, Any], computed: Sequence[Discrepancy], next_id: str) -> Refresh:
    entries: list[dict[str, Any]] = [e for e in data.get("entries") or [] if isinstance(e, dict)]
    by_key = {e["detector"]["key"]: e for e in entries if isinstance(e.get("detector"), dict)}
    result = Refresh({**data, "entries": entries})
    number = int(next_id.lstrip("D"))
    for discrepancy in computed:
        claims = [c.to_dict() for c in discrepancy.claims]
        entry = by_key.get(discrepancy.key)
        if entry is None:
            entries.append(_todo_entry(f"D{number:03d}", discrepancy, claims))
            result.added.append(f"D{number:03d}")
            number += 1
        elif entry.get("claims") != claims:
            entry["claims"] = claims
            result.updated.append(str(entry.get("id")))
    keys = {d.key for d in computed}
    result.vanished = [str(e.get("id")) for k, e in by_key.items() if k not in keys and e.get("computed", True)]
    return result


def _todo_entry(entry_id: str, discrepancy: Discrepancy, claims: list[dict[str, str]]) -> dict[str, Any]:
    return {
        "id": entry_id,
        "topic": f"TODO: {discrepancy.message}",
        "severity": "breaks-client",
        "detector": {"rule": discrepancy.rule, "key": discrepancy.key},
        "claims": claims,
        "contract": {"follows": "TODO", "why": "TODO"},
    }


def dump_ledger(data: dict[str, Any]) -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=118, default_flow_style=False)
    return HEADER + body
