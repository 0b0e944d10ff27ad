"""What every report says, computed once from a `RunResult`: the outcome, the counts, one row per
operation x check with the findings behind it, the drift, and a printable form of an exchange.

The writers (junit, json, markdown, html, sarif) only lay this out; none of them re-derives a verdict.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from paystack_contracts.findings import Finding, Severity
from paystack_contracts.results import Exchange, ExitCode, RunResult, Verdict

__all__ = [
    "BODY_LIMIT",
    "DRIFT_SOURCES",
    "CheckRow",
    "FailingCase",
    "VerdictRow",
    "check_of",
    "check_rows",
    "counts",
    "drift_findings",
    "failing_cases",
    "format_request",
    "format_response",
    "other_warnings",
    "outcome",
    "run_level_findings",
    "verdict_rows",
]

BODY_LIMIT = 4000
"""Characters of a request/response body kept in a report. Fuzzed bodies can be huge; reports stay readable."""

DRIFT_SOURCES = frozenset({"fingerprint", "verdict", "diff"})
"""Finding sources that mean "the API or its spec changed", as opposed to a failing conformance check."""

_OUTCOMES = {
    ExitCode.CONFORMS: "conforms",
    ExitCode.FINDINGS: "failed",
    ExitCode.INCONCLUSIVE: "inconclusive",
    ExitCode.INTERRUPTED: "interrupted",
}


@dataclass(frozen=True, slots=True)
class CheckRow:
    """One operation x check: how often it passed and failed, and the findings it produced."""

    operation: str
    check: str
    passed: int
    failed: int
    findings: tuple[Finding, ...]

    @property
    def is_failure(self) -> bool:
        return self.failed > 0 or any(f.severity is Severity.ERROR for f in self.findings)


def outcome(result: RunResult) -> str:
    """`conforms`, `failed` or `inconclusive`: the word for the run's exit code."""
    return _OUTCOMES[result.exit_code()]


def check_of(finding: Finding) -> str:
    """The check that produced a finding (one check emits many rules); its rule when no check did."""
    return finding.check_name


def check_rows(result: RunResult) -> list[CheckRow]:
    """Every check of every operation, plus a row for any finding whose check was never tallied: workflow
    expectations and gate findings (a retyped field, a removed one) are attributed to their operation, so an
    operation with any finding never shows as passing."""
    rows: list[CheckRow] = []
    for label in sorted(result.operations):
        op = result.operations[label]
        mine = [f for f in result.findings if f.operation == label and f.severity is Severity.ERROR]
        names = list(op.checks) + sorted({name for f in mine for name in f.checks} - set(op.checks))
        for name in names:
            tally = op.checks.get(name)
            found = tuple(f for f in mine if name in f.checks)  # a merged finding belongs to each of its checks
            passed, failed = (tally.passed, tally.failed) if tally else (0, len(found))
            rows.append(CheckRow(label, name, passed, failed, found))
    return rows


@dataclass(frozen=True, slots=True)
class FailingCase:
    """One failing request of an operation with every finding it produced (an exchange is shown once)."""

    operation: str
    exchange: Exchange | None
    findings: tuple[Finding, ...]


def failing_cases(result: RunResult, rows: Sequence[CheckRow], operation: str) -> list[FailingCase]:
    """The operation's failing findings grouped by the exchange that showed them, in check order."""
    groups: dict[int, tuple[Exchange | None, list[Finding]]] = {}
    mine = (f for r in rows if r.operation == operation for f in r.findings)
    for finding in {id(f): f for f in mine}.values():  # a finding of several checks is one failing case
        exchange = result.exchange_of(finding)
        groups.setdefault(id(exchange) if exchange is not None else id(finding), (exchange, []))[1].append(finding)
    return [FailingCase(operation, exchange, tuple(found)) for exchange, found in groups.values()]


def run_level_findings(result: RunResult) -> list[Finding]:
    """Findings that belong to no tallied operation (a spec location, an unknown operation) and are not drift."""
    return [
        f
        for f in result.findings
        if f.source not in DRIFT_SOURCES and (f.operation is None or f.operation not in result.operations)
    ]


def drift_findings(result: RunResult, *, unattributed: bool = False) -> list[Finding]:
    """Response-shape, spec-diff and verdict findings, errors first, warnings after (`unattributed`: only those
    that `check_rows` does not already show under their operation)."""
    found = [f for f in (*result.findings, *result.warnings) if f.source in DRIFT_SOURCES]
    if unattributed:
        found = [f for f in found if f.severity is not Severity.ERROR or f.operation not in result.operations]
    return sorted(found, key=lambda f: f.severity is not Severity.ERROR)


def other_warnings(result: RunResult) -> list[Finding]:
    """Warnings and notes that are not drift: reported, never failing the run."""
    found = [*result.findings, *result.warnings]
    return [f for f in found if f.severity is not Severity.ERROR and f.source not in DRIFT_SOURCES]


def counts(result: RunResult) -> dict[str, int | None]:
    rows = check_rows(result)
    verdicts = verdict_rows(result)
    budget = result.request_budget
    return {
        "operations": len(result.operations),
        "cases": result.cases,
        "requests_sent": result.requests_sent,
        "request_budget": budget,
        "request_budget_left": None if budget is None else max(budget - result.requests_sent, 0),
        "checks_passed": sum(r.passed for r in rows),
        "checks_failed": sum(r.failed for r in rows),
        "failures": len(result.failures),
        "warnings": len(result.warnings) + sum(f.severity is not Severity.ERROR for f in result.findings),
        "inconclusives": len(result.inconclusives),
        "verdicts": len(verdicts),
        "drifted_verdicts": sum(r.verdict.drift for r in verdicts),
    }


def format_request(ex: Exchange) -> str:
    return _block(f"{ex.method} {ex.url}", ex.request_headers.items(), ex.request_body)


def format_response(ex: Exchange) -> str:
    status = "(no response)" if ex.status_code is None else f"HTTP {ex.status_code}"
    if ex.elapsed_ms is not None:
        status += f"  ({ex.elapsed_ms:.0f} ms)"
    return _block(status, ex.response_headers.items(), ex.response_body)


def _block(first: str, headers: Iterable[tuple[str, str]], body: str | None) -> str:
    lines = [first, *(f"{name}: {value}" for name, value in headers)]
    if body:
        body = _pretty(body)
        clipped = body if len(body) <= BODY_LIMIT else body[:BODY_LIMIT] + f"\n… ({len(body) - BODY_LIMIT} more chars)"
        lines += ["", clipped]
    return "\n".join(lines)


def _pretty(body: str) -> str:
    """JSON bodies indented for reading; anything else as it was."""
    if not body.lstrip().startswith(("{", "[")):
        return body
    try:
        return json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):
        return body


@dataclass(frozen=True, slots=True)
class VerdictRow:
    """A ledger verdict and whether it fails the run (every drifted verdict does)."""

    verdict: Verdict
    fails_run: bool


def verdict_rows(result: RunResult) -> list[VerdictRow]:
    """Every verdict of the run, drifted first."""
    rows = [VerdictRow(v, v.drift) for v in result.verdicts]
    return sorted(rows, key=lambda r: (not r.verdict.drift, r.verdict.entry))
