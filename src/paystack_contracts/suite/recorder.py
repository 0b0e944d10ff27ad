"""Collects what a run learns into one `RunResult`: per-operation tallies, de-duplicated findings with the exchange
that showed them, inconclusive cases, notes, and the redacted exchanges later gates (fingerprints, verdicts) read.

Findings are grouped by (rule, operation, path pattern): a problem repeated on every element of a list
(`$.data[0].id`, `$.data[1].id`, ...) is one finding at `$.data[*].id` whose `extra` keeps the first concrete
path and how many distinct concrete paths showed it (`first_path`, `count`).

Everything stored is redacted (`credentials.redact`) and, with `mask_pii`, masked (`pii.mask_text`) on the way in.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from paystack_contracts.credentials import redact, redact_mapping
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.progress import NullProgress, ProgressListener
from paystack_contracts.results import CheckTally, Exchange, Inconclusive, InconclusiveReason, RunResult
from paystack_contracts.suite import pii

__all__ = ["GroupKey", "Recorder", "make_exchange", "path_pattern"]

GroupKey = tuple[str, str, str | None]  # (rule, operation, path pattern)
_INDEX = re.compile(r"\[\d+\]")


def path_pattern(location: str | None) -> str | None:
    """`$.data[3].authorizations[0].bin` -> `$.data[*].authorizations[*].bin`."""
    return None if location is None else _INDEX.sub("[*]", location)


@dataclass(slots=True)
class _Group:
    finding: Finding  # as stored in the result's lists
    paths: list[str]  # distinct concrete paths, first one first


def make_exchange(
    method: str,
    url: str,
    request_headers: Mapping[str, str],
    request_body: bytes | str | None,
    *,
    status_code: int | None = None,
    response_headers: Mapping[str, str] | None = None,
    response_body: bytes | None = None,
    elapsed_ms: float | None = None,
    secrets: tuple[str, ...] = (),
    mask_pii: bool = False,
) -> Exchange:
    def text(raw: bytes | str | None) -> str | None:
        if raw is None or raw == b"" or raw == "":
            return None
        decoded = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        decoded = redact(decoded, *secrets)
        return pii.mask_text(decoded) if mask_pii else decoded

    return Exchange(
        method=method.upper(),
        url=text(url) or url,
        request_headers=redact_mapping(dict(request_headers), *secrets),
        request_body=text(request_body),
        status_code=status_code,
        response_headers=redact_mapping(dict(response_headers or {}), *secrets),
        response_body=text(response_body),
        elapsed_ms=elapsed_ms,
    )


@dataclass
class Recorder:
    result: RunResult
    progress: ProgressListener = field(default_factory=NullProgress)
    exchanges: list[tuple[str, Exchange]] = field(default_factory=list)  # (operation, exchange), in order
    planned: list[tuple[str, Exchange]] = field(default_factory=list)  # those of designed (non-random) requests
    absorbed_requests: int = 0  # requests that other processes (fuzzing workers) sent for this run
    groups: dict[GroupKey, _Group] = field(default_factory=dict)
    _inconclusive_seen: set[tuple[str, InconclusiveReason]] = field(default_factory=set)

    def record(
        self,
        operation: str,
        exchange: Exchange,
        findings: Iterable[Finding],
        checks_run: Iterable[str],
        *,
        planned: bool = False,
    ) -> bool:
        """One judged response (`planned`: from a designed request, not a generated one). Returns whether it failed."""
        op = self.result.operation(operation)
        op.cases += 1
        if exchange.status_code is not None:
            op.status_codes[exchange.status_code] += 1
        findings = list(findings)
        failed_checks = {dict(f.extra).get("check", f.rule) for f in findings}
        for check in checks_run:
            op.tally(check, passed=check not in failed_checks)
        for finding in findings:
            self._keep(finding, operation, exchange, failing=True)
        self.exchanges.append((operation, exchange))
        if planned:
            self.planned.append((operation, exchange))
        failed = any(f.severity is Severity.ERROR for f in findings)
        self.progress.case_finished(operation, exchange.status_code, failed=failed, inconclusive=False)
        return failed

    def inconclusive(self, operation: str, reason: InconclusiveReason, message: str, replay: str | None) -> None:
        """A case that says nothing about the contract; one entry per operation and reason."""
        self.result.operation(operation)
        self.progress.case_finished(operation, None, failed=False, inconclusive=True)
        if (operation, reason) in self._inconclusive_seen:
            return
        self._inconclusive_seen.add((operation, reason))
        self.result.inconclusives.append(Inconclusive(operation, reason, redact(message), replay))

    def absorb(
        self,
        other: RunResult,
        exchanges: list[tuple[str, Exchange]],
        requests: int,
        paths: Mapping[GroupKey, list[str]] | None = None,
    ) -> None:
        """Merge what a worker process recorded for the same run (its findings are de-duplicated against ours;
        `paths`: the worker's concrete paths per group, so counts stay counts of distinct paths)."""
        paths = paths or {}
        for label, op in other.operations.items():
            mine = self.result.operation(label)
            mine.cases += op.cases
            mine.status_codes.update(op.status_codes)
            for name, tally in op.checks.items():
                slot = mine.checks.setdefault(name, CheckTally())
                slot.passed, slot.failed = slot.passed + tally.passed, slot.failed + tally.failed
            for finding, exchange in op.failing:
                self._keep(finding, label, exchange, failing=True, paths=paths.get(self._key(finding, label)))
            self._replay_progress(label, op.status_codes, len(op.failing))
        for warning in other.warnings:
            operation = warning.operation or ""
            self._keep(
                warning, operation, None, failing=False, warning=True, paths=paths.get(self._key(warning, operation))
            )
        for item in other.inconclusives:
            self.inconclusive(item.operation, item.reason, item.message, item.replay)
        self.exchanges += exchanges
        self.absorbed_requests += requests

    def _replay_progress(self, label: str, statuses: Counter[int], failed: int) -> None:
        """Tell the progress display about a worker's cases after the fact (it could not hear them live)."""
        for status, count in statuses.items():
            for _ in range(count):
                self.progress.case_finished(label, status, failed=failed > 0, inconclusive=False)
                failed -= 1

    def finding(self, finding: Finding, exchange: Exchange | None = None) -> None:
        """A finding that is not tied to one check run (a workflow expectation, a gate), de-duplicated."""
        self._keep(finding, finding.operation or "", exchange, failing=bool(finding.operation))

    def note(self, finding: Finding) -> None:
        """A warning or note (never fails the run), de-duplicated by rule, operation and path pattern."""
        self._keep(finding, finding.operation or "", None, failing=False, warning=True)

    def concrete_paths(self) -> dict[GroupKey, list[str]]:
        """Each group's distinct concrete paths (what a worker hands back with its result)."""
        return {key: list(group.paths) for key, group in self.groups.items()}

    @staticmethod
    def _key(finding: Finding, operation: str) -> GroupKey:
        return (finding.rule, operation, path_pattern(finding.location))

    def _keep(
        self,
        finding: Finding,
        operation: str,
        exchange: Exchange | None,
        *,
        failing: bool,
        warning: bool = False,
        paths: list[str] | None = None,
    ) -> None:
        """Store a finding unless its group has it already; a new concrete path of the group updates its count."""
        key = self._key(finding, operation)
        paths = paths or ([finding.location] if finding.location else [])
        group = self.groups.get(key)
        if group is None:
            self.groups[key] = _Group(finding, [])
            kept = self.result.findings if finding.severity is Severity.ERROR and not warning else self.result.warnings
            kept.append(finding)
            if failing:
                self.result.operation(operation).failing.append((finding, exchange))
            group = self.groups[key]
        fresh = [p for p in dict.fromkeys(paths) if p not in group.paths]
        if not fresh:
            return
        group.paths += fresh
        if len(group.paths) > 1 and key[2] is not None:
            self._regroup(group, key[2])

    def _regroup(self, group: _Group, pattern: str) -> None:
        """Replace the stored finding by one at the pattern, with the first concrete path and the count."""
        facts = {k: v for k, v in group.finding.extra if k not in ("first_path", "count")}
        facts |= {"first_path": group.paths[0], "count": str(len(group.paths))}
        old, new = group.finding, replace(group.finding, location=pattern, extra=tuple(facts.items()))
        for kept in (self.result.findings, self.result.warnings):
            kept[:] = [new if f is old else f for f in kept]
        for op in self.result.operations.values():
            op.failing[:] = [(new, e) if f is old else (f, e) for f, e in op.failing]
        group.finding = new
