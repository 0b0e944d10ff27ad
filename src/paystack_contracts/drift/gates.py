"""Gates that read the exchanges a run recorded, after the run: response fingerprints against the baseline in
the project's baseline dir (or recording it, `--update-baseline`) and the discrepancy ledger's live verdicts (a verdict
that changed from what the ledger records is drift: it fails the run).

Only exchanges that reached the checks are used (inconclusive ones never were recorded), so a 429 or an edge
page can never look like drift.
"""

from __future__ import annotations

from collections.abc import Sequence

from paystack_contracts.drift import fingerprints, verdicts
from paystack_contracts.drift.fingerprint_scope import Scope
from paystack_contracts.drift.policy import load_policy
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.project import current_project
from paystack_contracts.results import Exchange, RunResult

__all__ = ["apply_gates"]


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
    project = current_project()
    policy = load_policy(project.policy) if project.policy.is_file() else None
    baseline = project.writable(project.baseline_dir) if update_baseline else project.baseline_dir
    scope = Scope.from_contracts(sorted(project.contracts.glob("*.openapi.yaml")))
    outcome = fingerprints.check_run(
        list(planned), baseline, policy, update=update_baseline, profile=result.facts.profile or None, scope=scope
    )
    for finding in outcome.findings:
        _add(result, finding)
    result.facts.fingerprints_compared = outcome.compared
    result.facts.baseline_written = [path.name for path in outcome.written]
    result.verdicts = verdicts.evaluate_ledger(project.ledger, [exchange for _, exchange in recorded])


def _add(result: RunResult, finding: Finding) -> None:
    (result.findings if finding.severity is Severity.ERROR else result.warnings).append(finding)
