"""Gates that read the exchanges a run recorded, after the run: response fingerprints against the baseline in
the project's baseline dir (or recording it, `--update-baseline`) and the discrepancy ledger's live verdicts (a verdict
that changed from what the ledger records is drift: it fails the run).

Only exchanges that reached the checks are used (inconclusive ones never were recorded), so a 429 or an edge
page can never look like drift.

What the gates read from the project besides the exchanges (the policy, the contracts' open paths, the ledger, the
usage profile) is `GateInputs`, loaded once per version of those files (`gate_inputs`): the runner loads it while
groups still play, so that the run's end, which runs in one process, only judges (~40 ms of parsing, measured).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from paystack_contracts.discrepancies.ledger import LedgerEntry, load_ledger
from paystack_contracts.drift import fingerprints, verdicts
from paystack_contracts.drift.fingerprint_scope import Scope
from paystack_contracts.drift.policy import Policy, load_policy
from paystack_contracts.drift.usage import USAGE_FILE, UsageProfile, load_usage, scope_result
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.project import Project, current_project
from paystack_contracts.results import Exchange, RunResult

__all__ = ["GateInputs", "apply_gates", "gate_inputs"]

_Version = tuple[int, int] | None


@dataclass(frozen=True, slots=True)
class GateInputs:
    policy: Policy | None  # None: no policy file (the built-in defaults)
    scope: Scope
    ledger: tuple[LedgerEntry, ...] | None  # None: no ledger file, no verdicts
    usage: UsageProfile | None


def gate_inputs(project: Project) -> GateInputs:
    """The gates' inputs from `project`'s files, parsed again only when one of them changed (a pytest host may
    edit them between runs). Raises what loading them raises (`DocumentError`, `ConfigError`)."""
    files = (project.policy, project.ledger, project.contracts / USAGE_FILE)
    in_contracts = sorted(p for p in project.contracts.iterdir() if p.is_file()) if project.contracts.is_dir() else []
    watched = (*files, *in_contracts)
    return _load(files, tuple(sorted(project.contracts.glob("*.openapi.yaml"))), tuple(map(_version, watched)))


@functools.lru_cache(maxsize=4)
def _load(files: tuple[Path, Path, Path], contracts: tuple[Path, ...], versions: tuple[_Version, ...]) -> GateInputs:
    policy, ledger, usage = files
    return GateInputs(
        policy=load_policy(policy) if policy.is_file() else None,
        scope=Scope.from_contracts(contracts),
        ledger=tuple(load_ledger(ledger).entries) if ledger.is_file() else None,
        usage=load_usage(usage),
    )


def _version(path: Path) -> _Version:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


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
    inputs = gate_inputs(project)
    policy = inputs.policy
    baseline = project.writable(project.baseline_dir) if update_baseline else project.baseline_dir
    outcome = fingerprints.check_run(
        list(planned),
        baseline,
        policy,
        update=update_baseline,
        profile=result.facts.profile or None,
        scope=inputs.scope,
    )
    for finding in outcome.findings:
        _add(result, finding)
    result.facts.fingerprints_compared = outcome.compared
    result.facts.baseline_written = [path.name for path in outcome.written]
    exchanges = [exchange for _, exchange in recorded]
    result.verdicts = [] if inputs.ledger is None else verdicts.evaluate(inputs.ledger, exchanges)
    scope_result(result, inputs.usage, policy or Policy())  # marks used/unused


def _add(result: RunResult, finding: Finding) -> None:
    (result.findings if finding.severity is Severity.ERROR else result.warnings).append(finding)
