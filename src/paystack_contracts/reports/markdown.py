"""summary.md: a short GitHub-flavoured Markdown summary, fit for `$GITHUB_STEP_SUMMARY`.

Outcome first, then counts, one row per operation, the failures (capped: a step summary holds 1 MiB and a human
reads the first screen), inconclusives, verdicts and drift. Details live in report.html and report.json.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding
from paystack_contracts.reports.digest import (
    DRIFT_SOURCES,
    check_rows,
    counts,
    drift_findings,
    other_warnings,
    outcome,
    run_level_findings,
    verdict_rows,
)
from paystack_contracts.results import RunResult

__all__ = ["render_markdown"]

LIST_LIMIT = 25
_VERDICT_WORD = {  # (drift, fails_run)
    (True, True): "❌ drift",
    (True, False): "⚠️ changed (advisory)",
}
T = TypeVar("T")
_HEADLINE = {
    "conforms": "✅ The target conforms to the contract",
    "failed": "❌ Contract failures or drift",
    "inconclusive": "⚠️ Inconclusive: nothing failed, but some cases could not be judged",
    "interrupted": "⏹️ Interrupted (Ctrl-C): a partial report of what ran before it",
}


def render_markdown(result: RunResult) -> str:
    parts = [_header(result), _operations(result), _failures(result), _inconclusives(result), _drift(result)]
    parts.append(_section("Warnings and notes", other_warnings(result), _finding_item))
    return redact("\n\n".join(p for p in parts if p)) + "\n"


def _header(result: RunResult) -> str:
    c = counts(result)
    target = result.target.base_url + (f" (key {result.target.key})" if result.target.key else "")
    budget = "" if c["request_budget"] is None else f" of {c['request_budget']}"
    facts = [
        f"**Target:** {_inline(target)}",
        f"**Seed:** `{result.seed}` · **Duration:** {result.duration_s:.1f} s · "
        f"**Requests:** {c['requests_sent']}{budget}",
        f"**Operations:** {c['operations']} · **Cases:** {c['cases']} · **Checks:** {c['checks_passed']} passed, "
        f"{c['checks_failed']} failed · **Failures:** {c['failures']} · **Inconclusive:** {c['inconclusives']} · "
        f"**Drifted verdicts:** {c['drifted_verdicts']}",
    ]
    if result.target.mock_drift:
        facts.append(f"**Mock drift profiles:** {_inline(', '.join(result.target.mock_drift))}")
    return f"## paystack-contracts: {_HEADLINE[outcome(result)]}\n\n" + "  \n".join(facts)


def _operations(result: RunResult) -> str:
    if not result.operations:
        return ""
    rows = check_rows(result)
    lines = ["| operation | cases | checks passed | checks failed | status codes |", "|---|--:|--:|--:|---|"]
    for label, op in sorted(result.operations.items()):
        mine = [r for r in rows if r.operation == label]
        failed = [r.check for r in mine if r.is_failure]
        statuses = ", ".join(f"{code}×{n}" for code, n in sorted(op.status_codes.items()))
        failed_cell = f"❌ {len(failed)} ({_cell(', '.join(failed))})" if failed else "0"
        lines.append(
            f"| {_cell(label)} | {op.cases} | {sum(1 for r in mine if not r.is_failure)} | {failed_cell} | {statuses} |"
        )
    return "### Operations\n\n" + "\n".join(lines)


def _failures(result: RunResult) -> str:
    per_check = list(
        {id(f): f for r in check_rows(result) for f in r.findings if f.source not in DRIFT_SOURCES}.values()
    )
    failing = [*per_check, *run_level_findings(result)]
    return _section("Failures", failing, _finding_item)


def _inconclusives(result: RunResult) -> str:
    items = [f"**{_inline(i.operation)}** — {i.reason.value}: {_inline(i.message)}" for i in result.inconclusives]
    return _section("Inconclusive", items, lambda s: s)


def _drift(result: RunResult) -> str:
    parts = []
    rows = verdict_rows(result)
    changed = [r for r in rows if r.verdict.drift]
    if rows:
        lines = [f"{len(rows) - len(changed)} of {len(rows)} ledger verdicts as recorded."]
        if changed:
            lines += ["", "| entry | topic | ledger says | target did | verdict |", "|---|---|---|---|---|"]
        lines += [
            f"| {r.verdict.entry} | {_cell(r.verdict.topic)} | {_cell(r.verdict.recorded)} | "
            f"{_cell(r.verdict.observed)} | {_VERDICT_WORD[(r.verdict.drift, r.fails_run)]} |"
            for r in changed
        ]
        parts.append("### Discrepancy verdicts\n\n" + "\n".join(lines))
    shape = _section("Drift", drift_findings(result), _finding_item)
    return "\n\n".join(p for p in (*parts, shape) if p)


def _section(title: str, items: Sequence[T], render: Callable[[T], str]) -> str:
    if not items:
        return ""
    shown = [f"- {render(item)}" for item in items[:LIST_LIMIT]]
    if len(items) > LIST_LIMIT:
        shown.append(f"- … and {len(items) - LIST_LIMIT} more (see report.html / report.json)")
    return f"### {title} ({len(items)})\n\n" + "\n".join(shown)


def _finding_item(finding: Finding) -> str:
    text = f"**{_inline(finding.rule)}** at {_inline(finding.where)}: {_inline(finding.message)}"
    facts: Iterable[tuple[str, str | None]] = (("expected", finding.expected), ("actual", finding.actual))
    text += "".join(f" · {label}: {_inline(value)}" for label, value in facts if value is not None)
    if finding.replay:
        text += f"\n  replay: {_inline(finding.replay)}"
    return text


def _inline(text: str) -> str:
    """Code-span text so Markdown/HTML in API data cannot format or inject; backticks are swapped out."""
    return "`" + " ".join(text.replace("`", "'").split()) + "`"


def _cell(text: str) -> str:
    return html.escape(" ".join(text.replace("`", "'").split()), quote=False).replace("|", "\\|")
