"""The discrepancy ledger (`contracts/discrepancies.yaml`) and `--check`: computed vs recorded.

Each entry records one disagreement: who says what and where (`claims`), how bad it is (`severity`), which side
the contract follows and why, and how a live run settles it (`observe`, evaluated by `verdicts.py`). Entries the
detector computes carry `detector: {rule, key}`; `check_ledger` reports a computed discrepancy nobody recorded,
a recorded one that no longer occurs, and one whose claims changed. Entries about live behaviour only are
`computed: false` and take no part in the check.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from paystack_contracts.discrepancies.model import Claim, Discrepancy
from paystack_contracts.documents import load_document
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import Finding, Severity

__all__ = ["SEVERITIES", "CheckReport", "Ledger", "LedgerEntry", "check_ledger", "entry_snippet", "load_ledger"]

LEDGER_KIND = "discrepancy-ledger"
SEVERITIES = ("breaks-client", "cosmetic")


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    id: str
    topic: str
    severity: str
    computed: bool
    pointer: str  # where the entry is in the ledger file
    refs: tuple[int, ...] = ()
    rule: str | None = None
    key: str | None = None
    claims: tuple[Claim, ...] = ()
    follows: str = ""
    why: str = ""
    observe: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class Ledger:
    display: str
    entries: tuple[LedgerEntry, ...]

    def by_key(self) -> dict[str, LedgerEntry]:
        return {e.key: e for e in self.entries if e.computed and e.key}

    def next_id(self) -> str:
        numbers = [int(m.group(1)) for e in self.entries if (m := re.fullmatch(r"D(\d+)", e.id))]
        return f"D{max(numbers, default=0) + 1:03d}"


def load_ledger(path: Path, *, display: str | None = None) -> Ledger:
    name = display or path.as_posix()
    data = load_document(path, display=name)
    if data.get("kind") != LEDGER_KIND:
        raise DocumentError(name, f"expected `kind: {LEDGER_KIND}`, found {data.get('kind')!r}")
    raw = data.get("entries")
    if not isinstance(raw, list):
        raise DocumentError(name, "`entries` must be a list")
    entries = tuple(_entry(name, index, item) for index, item in enumerate(raw))
    _unique(name, [(e.id, e.pointer) for e in entries], "id")
    _unique(name, [(e.key, e.pointer) for e in entries if e.key], "detector key")
    return Ledger(name, entries)


def _unique(name: str, values: list[tuple[str | None, str]], what: str) -> None:
    seen: dict[str | None, str] = {}
    for value, where in values:
        if value in seen:
            raise DocumentError(name, f"{where}: duplicate {what} {value!r} (also at {seen[value]})")
        seen[value] = where


def _entry(name: str, index: int, item: Any) -> LedgerEntry:
    where = f"#/entries/{index}"
    if not isinstance(item, dict) or not isinstance(item.get("id"), str):
        raise DocumentError(name, f"{where}: an entry needs an `id`")
    severity = item.get("severity")
    if severity not in SEVERITIES:
        raise DocumentError(name, f"{where} ({item['id']}): severity {severity!r}; use {' or '.join(SEVERITIES)}")
    detector: dict[str, Any] = item["detector"] if isinstance(item.get("detector"), dict) else {}
    computed = item.get("computed", True) is not False
    if computed and not detector.get("key"):
        raise DocumentError(name, f"{where} ({item['id']}): computed entries need `detector: {{rule, key}}`")
    contract: dict[str, Any] = item["contract"] if isinstance(item.get("contract"), dict) else {}
    refs = item.get("ref")
    return LedgerEntry(
        id=item["id"],
        topic=str(item.get("topic", "")),
        severity=severity,
        computed=computed,
        pointer=where,
        refs=tuple(refs) if isinstance(refs, list) else (refs,) if isinstance(refs, int) else (),
        rule=detector.get("rule"),
        key=detector.get("key"),
        claims=tuple(Claim.from_dict(c) for c in item.get("claims") or [] if isinstance(c, dict)),
        follows=str(contract.get("follows", "")),
        why=str(contract.get("why", "")),
        observe=item.get("observe") if isinstance(item.get("observe"), dict) else None,
    )


@dataclass
class CheckReport:
    ledger: Ledger
    computed: Sequence[Discrepancy]
    unrecorded: list[Discrepancy] = field(default_factory=list)
    vanished: list[LedgerEntry] = field(default_factory=list)
    changed: list[tuple[LedgerEntry, Discrepancy]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.unrecorded or self.vanished or self.changed)

    def findings(self) -> list[Finding]:
        found = [d.to_finding(Severity.ERROR, "ledger-unrecorded") for d in self.unrecorded]
        found += [_vanished_finding(self.ledger, e) for e in self.vanished]
        found += [_changed_finding(self.ledger, e, d) for e, d in self.changed]
        return found


def check_ledger(computed: Sequence[Discrepancy], ledger: Ledger) -> CheckReport:
    report = CheckReport(ledger, computed)
    recorded = ledger.by_key()
    for discrepancy in computed:
        entry = recorded.get(discrepancy.key)
        if entry is None:
            report.unrecorded.append(discrepancy)
        elif set(entry.claims) != set(discrepancy.claims):
            report.changed.append((entry, discrepancy))
    keys = {d.key for d in computed}
    report.vanished = [e for e in recorded.values() if e.key not in keys]
    return report


def _vanished_finding(ledger: Ledger, entry: LedgerEntry) -> Finding:
    message = f"{entry.id} ({entry.topic}) is recorded but no longer occurs: remove it or mark it resolved"
    return Finding(
        "ledger-vanished",
        message,
        "discrepancies",
        Severity.ERROR,
        ledger.display,
        entry.pointer[1:],
        expected=entry.key,
        actual="not computed",
    )


def _changed_finding(ledger: Ledger, entry: LedgerEntry, found: Discrepancy) -> Finding:
    gone = sorted(set(entry.claims) - set(found.claims), key=str)
    new = sorted(set(found.claims) - set(entry.claims), key=str)
    detail = [(f"recorded {c.file}#{c.location}", c.value) for c in gone] + [
        (f"computed {c.file}#{c.location}", c.value) for c in new
    ]
    message = f"{entry.id} ({entry.topic}): the sources now say something else: {found.message}"
    return Finding(
        "ledger-changed",
        message,
        "discrepancies",
        Severity.ERROR,
        ledger.display,
        entry.pointer[1:],
        expected=entry.key,
        extra=tuple(detail),
    )


def entry_snippet(discrepancy: Discrepancy, entry_id: str) -> str:
    """A ledger entry to paste for an unrecorded discrepancy (the TODOs are the human's part)."""
    entry = {
        "id": entry_id,
        "topic": "TODO",
        "severity": "TODO breaks-client | cosmetic",
        "detector": {"rule": discrepancy.rule, "key": discrepancy.key},
        "claims": [c.to_dict() for c in discrepancy.claims],
        "contract": {"follows": "TODO", "why": "TODO"},
    }
    return yaml.safe_dump([entry], sort_keys=False, allow_unicode=True, width=120)
