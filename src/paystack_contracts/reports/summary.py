"""The text a person reads after a run: every failure with its check, where (operation and JSON path), expected
vs actual and a replay line; then inconclusive cases, warnings, totals and how to reproduce the run.
Returns lines; the CLI and the pytest tests decide where they go.
"""

from __future__ import annotations

from paystack_contracts.findings import Finding, Severity
from paystack_contracts.results import RunResult

__all__ = ["EMBEDDED", "render_summary"]

EMBEDDED = "in-process mock"  # how `Target.base_url` names the embedded mock (run.plan.EMBEDDED)


def render_summary(result: RunResult) -> list[str]:
    """The lines a person reads after a run: failures (check, path, expected/actual, replay), then the rest."""
    lines = [f"target: {result.target.base_url} (key {result.target.key or '-'}); seed {result.seed}"]
    for finding in result.failures:
        lines += _finding_lines(finding)
    if result.failures and result.target.base_url == EMBEDDED:
        drift = "".join(f" --drift {name}" for name in result.target.mock_drift)
        lines.append(
            f"replay lines target `paystack-contracts mock --seed-customers 3 --setting random_seed={result.seed}"
            f"{drift}` on its default port (records the run created exist only in a replayed run: use the "
            "reproduce command below)"
        )
    for verdict in result.drifted_verdicts:
        lines.append(
            f"DRIFT {verdict.entry} ({verdict.topic}): the target follows {verdict.observed}, the ledger records "
            f"{verdict.recorded} [{verdict.evidence}]"
        )
    lines += _inconclusive_lines(result)
    served = sorted(result.facts.not_served.items())
    if served:
        lines.append(f"NOT SERVED {', '.join(op for op, _ in served)}: {served[0][1]}")
    warnings = [f for f in result.warnings if f.severity is Severity.WARNING]
    for finding in warnings:
        lines.append(f"WARNING {finding.where}: {finding.message}")
    notes = len(result.warnings) - len(warnings)
    lines.append(
        f"{result.cases} cases, {result.requests_sent} requests in {result.duration_s:.1f} s: "
        f"{len(result.failures)} failures, {len(result.inconclusives)} inconclusive, {len(warnings)} warnings, "
        f"{notes} notes -> exit {int(result.exit_code())}"
    )
    lines.append(f"reproduce with: {result.facts.reproduce or f'paystack-contracts run --seed {result.seed}'}")
    return lines


def _inconclusive_lines(result: RunResult) -> list[str]:
    """One line per reason and cause: "not reached" for sixteen operations is one line naming them, not sixteen."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for item in result.inconclusives:
        cause = item.message.removeprefix("not reached: ")
        grouped.setdefault((item.reason.value, cause), []).append(item.operation)
    return [f"INCONCLUSIVE {', '.join(ops)}: {reason}: {cause}" for (reason, cause), ops in grouped.items()]


def _finding_lines(finding: Finding) -> list[str]:
    lines = [f"FAIL [{' + '.join(finding.checks)}] {finding.where}: {finding.message}"]
    if finding.expected is not None:
        lines.append(f"    expected: {finding.expected}")
    if finding.actual is not None:
        lines.append(f"    actual:   {finding.actual}")
    contract = dict(finding.extra).get("contract")
    if contract:
        lines.append(f"    contract: {contract}")
    if finding.replay:
        lines.append(f"    replay:   {finding.replay}")
    return lines
