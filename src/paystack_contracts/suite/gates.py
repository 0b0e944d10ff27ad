"""Gates that read the exchanges a run recorded, after the run: response fingerprints against the baseline in
contracts/baseline/ (or recording it, `--update-baseline`) and the discrepancy ledger's live verdicts (all of
them in `extra["verdicts"]`; a changed one is a warning, see `_advisory`).

Only exchanges that reached the checks are used (inconclusive ones never were recorded), so a 429 or an edge
page can never look like drift.
"""

from __future__ import annotations

from paystack_contracts import fingerprints, verdicts
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.policy import load_policy
from paystack_contracts.project import current_project
from paystack_contracts.results import RunResult, Verdict
from paystack_contracts.suite.recorder import Recorder

__all__ = ["BASELINE_DIR", "LEDGER", "POLICY", "apply_gates"]

BASELINE_DIR = "baseline"
LEDGER = "discrepancies.yaml"
POLICY = "drift-policy.yaml"


def apply_gates(result: RunResult, recorder: Recorder, *, update_baseline: bool) -> None:
    """Fingerprints compare the responses of designed requests only (scenarios and the status plan): generated
    cases echo random input (free-form metadata keys), whose shapes would make any baseline flap. Verdicts read
    every recorded exchange."""
    contracts = current_project().contracts
    exchanges = recorder.exchanges
    policy_path = contracts / POLICY
    policy = load_policy(policy_path) if policy_path.is_file() else None
    outcome = fingerprints.check_run(recorder.planned, contracts / BASELINE_DIR, policy, update=update_baseline)
    for finding in outcome.findings:
        _add(result, finding)
    result.extra["fingerprints"] = {
        "compared": outcome.compared,
        "written": [path.name for path in outcome.written],
    }
    found = verdicts.evaluate_ledger(contracts / LEDGER, [exchange for _, exchange in exchanges])
    result.extra["verdicts"] = [_verdict_row(v) for v in found]
    for verdict in found:
        if verdict.drift:
            _add(result, _advisory(verdict))


def _verdict_row(verdict: Verdict) -> dict[str, object]:
    return {
        "entry": verdict.entry,
        "topic": verdict.topic,
        "recorded": verdict.recorded,
        "observed": verdict.observed,
        "evidence": verdict.evidence,
        "drift": verdict.drift,
    }


def _advisory(verdict: Verdict) -> Finding:
    """A verdict that changed, reported as a warning for now: several ledger `observe` blocks also match
    exchanges they were not written for (400s of required-field probes, GlobalStack errors under "*"), so
    against the conforming mock they misfire; failing runs on them would be noise, not drift."""
    return Finding(
        rule="verdict.changed",
        message=f"{verdict.entry} ({verdict.topic}): the target follows {verdict.observed}, the ledger records "
        f"{verdict.recorded}",
        source="verdict",
        severity=Severity.WARNING,
        expected=verdict.recorded,
        actual=verdict.observed,
        extra=(("entry", verdict.entry), ("evidence", verdict.evidence)),
    )


def _add(result: RunResult, finding: Finding) -> None:
    (result.findings if finding.severity is Severity.ERROR else result.warnings).append(finding)
