"""The one result model of a run. The suite fills it; every report writer and the CLI summary read it.

Exit codes follow from it (see `RunResult.exit_code`):
0 conforms, 1 contract failures or drift, 3 inconclusive only, 130 interrupted (a partial result). (2, usage or
config error, never reaches here: those are `ContractsError`s raised before a run starts.)

Everything stored here is already redacted: the run passes bodies and headers through `credentials.redact` before
they reach this model, so writers never need to know a key.

A finding is stored once (in `findings` or `warnings`); the exchange that showed it is in `exchanges` under the id
the finding names (`Finding.exchange`), so writers look it up instead of matching findings by equality.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field

from paystack_contracts.findings import Finding, Severity

__all__ = [
    "CheckTally",
    "Exchange",
    "ExitCode",
    "Inconclusive",
    "InconclusiveReason",
    "OperationResult",
    "RunFacts",
    "RunResult",
    "Target",
    "Verdict",
]


class ExitCode(enum.IntEnum):
    CONFORMS = 0
    FINDINGS = 1
    USAGE = 2
    INCONCLUSIVE = 3
    INTERRUPTED = 130  # Ctrl-C: the reports hold what was collected before it (`RunFacts.partial`)


class InconclusiveReason(enum.StrEnum):
    RATE_LIMITED = "rate_limited"  # 429
    TIMEOUT = "timeout"
    CONNECTION_ERROR = "connection_error"  # refused, reset, DNS
    EDGE_ERROR = "edge_error"  # an HTML page from the CDN instead of the JSON API
    BUDGET_EXHAUSTED = "budget_exhausted"  # --max-requests reached before the operation was covered
    NOT_JUDGED = "not_judged"  # answered, but judging it raised (a bug): never counted as conforming


@dataclass(frozen=True, slots=True)
class Target:
    """What was tested. `key` is the redacted form (e.g. `sk_test_…a1b2`), never the secret itself."""

    base_url: str  # "in-process mock" when no URL was given
    key: str | None = None
    mode: str = "test"  # the key's mode: test | live (live is refused before we get here)
    globalstack_url: str | None = None
    mock_drift: tuple[str, ...] = ()  # drift profiles switched on when the target is our own mock


@dataclass(slots=True)
class Exchange:
    """One redacted request/response pair, kept for failing cases and samples."""

    method: str
    url: str
    request_headers: dict[str, str] = field(default_factory=dict)
    request_body: str | None = None
    status_code: int | None = None
    response_headers: dict[str, str] = field(default_factory=dict)
    response_body: str | None = None
    elapsed_ms: float | None = None


@dataclass(slots=True)
class CheckTally:
    passed: int = 0
    failed: int = 0


@dataclass(slots=True)
class OperationResult:
    """Per operation ("GET /customer/{email_or_code}"): cases sent, checks passed/failed, status histogram."""

    operation: str
    cases: int = 0
    duration_s: float = 0.0  # time spent sending and judging this operation's cases (summed over processes)
    status_codes: Counter[int] = field(default_factory=Counter)
    checks: dict[str, CheckTally] = field(default_factory=dict)

    def tally(self, check: str, *, passed: bool) -> None:
        slot = self.checks.setdefault(check, CheckTally())
        if passed:
            slot.passed += 1
        else:
            slot.failed += 1


@dataclass(frozen=True, slots=True)
class Inconclusive:
    """A case whose outcome says nothing about the contract: rate limited, timed out, target down, edge HTML."""

    operation: str
    reason: InconclusiveReason
    message: str
    replay: str | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """Which source the target agreed with on one ledger entry. `drift` when it differs from the record."""

    entry: str  # ledger id, e.g. "D004"
    topic: str
    recorded: str  # the side the ledger says the live API follows
    observed: str  # the side the target followed in this run
    evidence: str  # the request/check that settled it
    drift: bool = False


@dataclass(slots=True)
class RunFacts:
    """What the run did, beside what it found: how it was planned and which parts ran."""

    profile: str = ""  # full | live
    run_id: str = ""  # stamped into every record the run created
    workers: int = 1  # processes that ran the generated phases
    reproduce: str = ""  # the command line that repeats this run
    state_machine: str = "not run"  # ran | no links in the contract | not run
    coverage: dict[str, dict[str, bool]] = field(default_factory=dict)  # operation -> documented status -> seen
    not_plannable: dict[str, str] = field(default_factory=dict)  # status -> why the status plan cannot elicit it
    not_served: dict[str, str] = field(default_factory=dict)  # operation -> why this target was not asked (no API)
    fingerprints_compared: int = 0  # response shapes compared with the baseline
    baseline_written: list[str] = field(default_factory=list)  # baseline files written (--update-baseline)
    partial: bool = False  # interrupted (Ctrl-C): what is here is what was collected before it


@dataclass(slots=True)
class RunResult:
    """Everything one run learned. Writers consume this and nothing else."""

    target: Target
    seed: int | None = None
    tool_version: str = ""
    started_at: str = ""  # ISO-8601 UTC
    duration_s: float = 0.0
    requests_sent: int = 0
    request_budget: int | None = None
    operations: dict[str, OperationResult] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)  # contract failures (suite) and drift
    inconclusives: list[Inconclusive] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # reported, never fail the run
    exchanges: dict[str, Exchange] = field(default_factory=dict)  # the exchanges findings name, by id
    facts: RunFacts = field(default_factory=RunFacts)

    def exchange_of(self, finding: Finding) -> Exchange | None:
        """The recorded exchange that showed `finding` (None for gate findings and run-level ones)."""
        return None if finding.exchange is None else self.exchanges.get(finding.exchange)

    def operation(self, label: str) -> OperationResult:
        return self.operations.setdefault(label, OperationResult(label))

    @property
    def failures(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def drifted_verdicts(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.drift]

    @property
    def cases(self) -> int:
        return sum(op.cases for op in self.operations.values())

    def exit_code(self) -> ExitCode:
        if self.facts.partial:
            return ExitCode.INTERRUPTED
        if self.failures or self.drifted_verdicts:
            return ExitCode.FINDINGS
        if self.inconclusives:
            return ExitCode.INCONCLUSIVE
        return ExitCode.CONFORMS
