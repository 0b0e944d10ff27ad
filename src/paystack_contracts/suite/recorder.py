"""Collects what a run learns into one `RunResult`: per-operation tallies, de-duplicated findings with the exchange
that showed them, inconclusive cases, notes, and the redacted exchanges later gates (fingerprints, verdicts) read.

Everything stored is redacted (`credentials.redact`) and, with `mask_pii`, masked (`pii.mask_text`) on the way in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from paystack_contracts.credentials import redact, redact_mapping
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.progress import NullProgress, ProgressListener
from paystack_contracts.results import CheckTally, Exchange, Inconclusive, InconclusiveReason, RunResult
from paystack_contracts.suite import pii

__all__ = ["Recorder", "make_exchange"]


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
    _seen: set[tuple[str, str, str | None]] = field(default_factory=set)
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
            key = (finding.rule, operation, finding.location)
            if key in self._seen:
                continue
            self._seen.add(key)
            (self.result.findings if finding.severity is Severity.ERROR else self.result.warnings).append(finding)
            op.failing.append((finding, exchange))
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

    def absorb(self, other: RunResult, exchanges: list[tuple[str, Exchange]], requests: int) -> None:
        """Merge what a worker process recorded for the same run (its findings are de-duplicated against ours)."""
        for label, op in other.operations.items():
            mine = self.result.operation(label)
            mine.cases += op.cases
            mine.status_codes.update(op.status_codes)
            for name, tally in op.checks.items():
                slot = mine.checks.setdefault(name, CheckTally())
                slot.passed, slot.failed = slot.passed + tally.passed, slot.failed + tally.failed
            for finding, exchange in op.failing:
                self.finding(finding, exchange)
            self._replay_progress(label, op.status_codes, len(op.failing))
        for warning in other.warnings:
            self.note(warning)
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
        key = (finding.rule, finding.operation or "", finding.location)
        if key in self._seen:
            return
        self._seen.add(key)
        (self.result.findings if finding.severity is Severity.ERROR else self.result.warnings).append(finding)
        if finding.operation:
            self.result.operation(finding.operation).failing.append((finding, exchange))

    def note(self, finding: Finding) -> None:
        """A warning or note (never fails the run), de-duplicated by rule, operation and location."""
        key = (finding.rule, finding.operation or "", finding.location)
        if key not in self._seen:
            self._seen.add(key)
            self.result.warnings.append(finding)
