"""Gates that read the exchanges a run recorded, after the run: response fingerprints against the baseline in
contracts/baseline/ (or recording it, `--update-baseline`) and the discrepancy ledger's live verdicts (a verdict
that changed from what the ledger records is drift: it fails the run).

Only exchanges that reached the checks are used (inconclusive ones never were recorded), so a 429 or an edge
page can never look like drift.
"""

from __future__ import annotations

from collections.abc import Sequence

from paystack_contracts.drift import fingerprints, verdicts
from paystack_contracts.drift.policy import Policy, load_policy
from paystack_contracts.drift.usage import load_usage, scope_result
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.project import current_project
from paystack_contracts.results import Exchange, RunResult

__all__ = ["BASELINE_DIR", "LEDGER", "POLICY", "USAGE", "apply_gates"]

BASELINE_DIR = "baseline"
LEDGER = "discrepancies.yaml"
POLICY = "drift-policy.yaml"
USAGE = "usage.yaml"  # a consumer usage profile (drift/usage.py): marks findings used/unused, `scope: used`


def apply_gates(
    result: RunResult,
    planned: Sequence[tuple[str, Exchange]],
    recorded: Sequence[tuple[str, Exchange]],
    *,
    update_baseline: bool,
) -> None:
    """Fingerprints compare the responses of designed requests only (`planned`: scenarios and the status plan):
    generated cases echo random input (free-form metadata keys), whose shapes would make any baseline flap.
    Verdicts read every `recorded` (operation, exchange)."""
    contracts = current_project().contracts
    policy_path = contracts / POLICY
    policy = load_policy(policy_path) if policy_path.is_file() else None
    outcome = fingerprints.check_run(
        list(planned), contracts / BASELINE_DIR, policy, update=update_baseline, profile=result.facts.profile or None
    )
    for finding in outcome.findings:
        _add(result, finding)
    result.facts.fingerprints_compared = outcome.compared
    result.facts.baseline_written = [path.name for path in outcome.written]
    result.verdicts = verdicts.evaluate_ledger(contracts / LEDGER, [exchange for _, exchange in recorded])
    scope_result(result, load_usage(contracts / USAGE), policy or Policy())


def _add(result: RunResult, finding: Finding) -> None:
    (result.findings if finding.severity is Severity.ERROR else result.warnings).append(finding)
