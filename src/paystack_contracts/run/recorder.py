"""Collects what a run learns into one `RunResult`: per-operation tallies, de-duplicated findings with the exchange
that showed them, inconclusive cases, notes, and the redacted exchanges later gates (fingerprints, verdicts) read.

Findings are grouped by (rule, operation, path pattern): a problem repeated on every element of a list
(`$.data[0].id`, `$.data[1].id`, ...) is one finding at `$.data[*].id` whose `extra` keeps the first concrete
path and how many distinct concrete paths showed it (`first_path`, `count`).

A finding is stored once, in `result.findings` or `result.warnings`; the exchange that showed it goes into
`result.exchanges` under the id the finding carries (`Finding.exchange`). Everything arriving here was scrubbed
by the judge (keys redacted, PII masked with `--mask-pii`).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.progress import NullProgress, ProgressListener
from paystack_contracts.results import CheckTally, Exchange, Inconclusive, InconclusiveReason, RunResult
from paystack_contracts.run.judge import Judged

__all__ = ["GroupKey", "Recorder", "Recording", "merge_causes", "path_pattern"]

GroupKey = tuple[str, str, str | None]  # (rule, operation, path pattern)
Recorded = tuple[str, Exchange]  # (operation, exchange)
_INDEX = re.compile(r"\[\d+\]")


def path_pattern(location: str | None) -> str | None:
    """`$.data[3].authorizations[0].bin` -> `$.data[*].authorizations[*].bin`."""
    return None if location is None else _INDEX.sub("[*]", location)


def _cause(finding: Finding) -> tuple[str, str] | None:
    """(operation, path pattern) of a finding; fingerprint paths (`data[].id`) in the run's notation."""
    if finding.operation is None or finding.location is None:
        return None
    location = finding.location
    if finding.source == "fingerprint" and location.startswith(("data", "meta")):
        location = "$." + location.replace("[]", "[*]")
    return finding.operation, path_pattern(location) or location


def merge_causes(findings: list[Finding]) -> list[Finding]:
    """One cause, one finding: errors with the same operation and JSON path from several checks (a string `id`
    fails the schema, the identifiers check and the fingerprint at once) become the first of them, with every
    check in `extra["checks"]` and every rule in `extra["rules"]`. Warnings and notes are left as they are."""
    kept: list[Finding] = []
    by_cause: dict[tuple[str, str], int] = {}
    for finding in findings:
        cause = _cause(finding) if finding.severity is Severity.ERROR else None
        if cause is None or cause not in by_cause:
            if cause is not None:
                by_cause[cause] = len(kept)
            kept.append(finding)
            continue
        kept[by_cause[cause]] = _merged(kept[by_cause[cause]], finding)
    return kept


def _rank(finding: Finding) -> int:
    """Which of several findings of one cause speaks for it: ours (they name the contract's rule and the value),
    then the scenarios', then Schemathesis's, then the gates'; ties go to the check named first."""
    check = finding.check or ""
    if check.startswith(("paystack_", "globalstack_")):
        return 0
    return 1 if check == "workflow" else (2 if check else 3)


def _merged(kept: Finding, other: Finding) -> Finding:
    order = sorted((kept, other), key=lambda f: (_rank(f), f.check_name))  # the same whichever arrived first
    first, second = order
    facts = {k: v for k, v in (*second.extra, *first.extra) if k not in ("checks", "rules")}
    rules = [*dict(kept.extra).get("rules", kept.rule).split(", "), other.rule]
    facts |= {"checks": ", ".join(dict.fromkeys([*first.checks, *second.checks]))}
    facts |= {"rules": ", ".join(dict.fromkeys([first.rule, *rules]))}
    return replace(first, extra=tuple(facts.items()))


@dataclass(slots=True)
class Recording:
    """What one process recorded for a run, as a worker hands it back to the parent."""

    result: RunResult
    exchanges: list[Recorded] = field(default_factory=list)
    requests: int = 0
    paths: dict[GroupKey, list[str]] = field(default_factory=dict)  # concrete paths per finding group


@dataclass(slots=True)
class _Group:
    finding: Finding  # as stored in the result's lists
    paths: list[str]  # distinct concrete paths, first one first


@dataclass
class Recorder:
    result: RunResult
    progress: ProgressListener = field(default_factory=NullProgress)
    prefix: str = ""  # exchange ids are `<prefix><n>`: unique across the worker processes of one run
    exchanges: list[Recorded] = field(default_factory=list)  # every judged exchange, in order
    planned: list[Recorded] = field(default_factory=list)  # those of designed (non-random) requests
    absorbed_requests: int = 0  # requests that other processes (fuzzing workers) sent for this run
    groups: dict[GroupKey, _Group] = field(default_factory=dict)
    _ids: Iterator[int] = field(default_factory=itertools.count)
    _inconclusive_seen: set[tuple[str, InconclusiveReason]] = field(default_factory=set)

    def record(self, judged: Judged, *, planned: bool = False) -> Judged:
        """One judged response (`planned`: from a designed request, not a generated one)."""
        operation, exchange = judged.operation, judged.exchange
        op = self.result.operation(operation)
        op.cases += 1
        op.status_codes[judged.status_code] += 1
        failed_checks = {f.check_name for f in judged.findings}
        for check in judged.checks_run:
            op.tally(check, passed=check not in failed_checks)
        for finding in judged.findings:
            self._keep(finding, exchange)
        for note in judged.notes:
            self._keep(note, None, warning=True)
        if judged.readable:  # a body too deep to read settles no verdict and has no shape to fingerprint
            self.exchanges.append((operation, exchange))
            if planned:
                self.planned.append((operation, exchange))
        self.progress.case_finished(operation, judged.status_code, failed=judged.failed, inconclusive=False)
        return judged

    def inconclusive(self, operation: str, reason: InconclusiveReason, message: str, replay: str | None) -> None:
        """A case that says nothing about the contract; one entry per operation and reason."""
        self.result.operation(operation)
        self.progress.case_finished(operation, None, failed=False, inconclusive=True)
        if (operation, reason) in self._inconclusive_seen:
            return
        self._inconclusive_seen.add((operation, reason))
        self.result.inconclusives.append(Inconclusive(operation, reason, redact(message), replay))

    def finding(self, finding: Finding, exchange: Exchange | None = None) -> None:
        """A finding that is not tied to one check run (a workflow expectation, a gate), de-duplicated."""
        self._keep(finding, exchange)

    def note(self, finding: Finding) -> None:
        """A warning or note (never fails the run), de-duplicated by rule, operation and path pattern."""
        self._keep(finding, None, warning=True)

    def recording(self, requests: int) -> Recording:
        """What this recorder holds, to hand to the parent process (`requests`: how many this process sent)."""
        paths = {key: list(group.paths) for key, group in self.groups.items()}
        return Recording(self.result, self.exchanges, requests, paths)

    def absorb(self, other: Recording) -> None:
        """Merge what a worker process recorded for the same run (its findings are de-duplicated against ours;
        its concrete paths per group come along, so counts stay counts of distinct paths)."""
        for label, op in other.result.operations.items():
            mine = self.result.operation(label)
            mine.cases += op.cases
            mine.duration_s += op.duration_s
            mine.status_codes.update(op.status_codes)
            for name, tally in op.checks.items():
                slot = mine.checks.setdefault(name, CheckTally())
                slot.passed, slot.failed = slot.passed + tally.passed, slot.failed + tally.failed
            failed = sum(1 for f in other.result.findings if f.operation == label)
            self._replay_progress(label, op.status_codes, failed)
        for finding in other.result.findings:
            paths = other.paths.get(self._key(finding))
            self._keep(finding, other.result.exchange_of(finding), paths=paths)
        for warning in other.result.warnings:
            self._keep(warning, None, warning=True, paths=other.paths.get(self._key(warning)))
        for item in other.result.inconclusives:
            self.inconclusive(item.operation, item.reason, item.message, item.replay)
        self.exchanges += other.exchanges
        self.absorbed_requests += other.requests

    def _replay_progress(self, label: str, statuses: Counter[int], failed: int) -> None:
        """Tell the progress display about a worker's cases after the fact (it could not hear them live)."""
        for status, count in statuses.items():
            for _ in range(count):
                self.progress.case_finished(label, status, failed=failed > 0, inconclusive=False)
                failed -= 1

    @staticmethod
    def _key(finding: Finding) -> GroupKey:
        return (finding.rule, finding.operation or "", path_pattern(finding.location))

    def _keep(
        self, finding: Finding, exchange: Exchange | None, *, warning: bool = False, paths: list[str] | None = None
    ) -> None:
        """Store a finding unless its group has it already; a new concrete path of the group updates its count."""
        key = self._key(finding)
        paths = paths or ([finding.location] if finding.location else [])
        group = self.groups.get(key)
        if group is None:
            finding = self._linked(finding, exchange)
            kept = self.result.findings if finding.severity is Severity.ERROR and not warning else self.result.warnings
            kept.append(finding)
            group = self.groups[key] = _Group(finding, [])
        fresh = [p for p in dict.fromkeys(paths) if p not in group.paths]
        if not fresh:
            return
        group.paths += fresh
        if len(group.paths) > 1 and key[2] is not None:
            self._regroup(group, key[2])

    def _linked(self, finding: Finding, exchange: Exchange | None) -> Finding:
        """The finding with the id of its exchange, which is stored once under that id."""
        if exchange is None:
            return replace(finding, exchange=None)
        exchange_id = f"{self.prefix}{next(self._ids)}"
        self.result.exchanges[exchange_id] = exchange
        return replace(finding, exchange=exchange_id)

    def _regroup(self, group: _Group, pattern: str) -> None:
        """Replace the stored finding by one at the pattern, with the first concrete path and the count."""
        facts = {k: v for k, v in group.finding.extra if k not in ("first_path", "count")}
        facts |= {"first_path": group.paths[0], "count": str(len(group.paths))}
        old, new = group.finding, replace(group.finding, location=pattern, extra=tuple(facts.items()))
        kept = self.result.findings if any(f is old for f in self.result.findings) else self.result.warnings
        kept[:] = [new if f is old else f for f in kept]
        group.finding = new
