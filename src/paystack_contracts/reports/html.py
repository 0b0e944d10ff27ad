"""report.html: one self-contained page (inline CSS, no scripts, no fonts, no network) that a person opens
when the build goes red: per operation the checks passed and failed, a status-code histogram (CSS bars),
failing cases with their redacted request and response, discrepancy verdicts, drift and inconclusive cases.

Laid out with the stdlib `string.Template` and `html.escape`: the page is a fixed skeleton filled with escaped
fragments, which needs no template language (jinja2 is not a dependency, and would add little here). Every piece
of data goes through `_e` before it is placed; markup is only ever built here.
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Sequence
from importlib import resources
from string import Template

from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding
from paystack_contracts.reports.digest import (
    CheckRow,
    FailingCase,
    check_of,
    check_rows,
    counts,
    drift_findings,
    failing_cases,
    format_request,
    format_response,
    other_warnings,
    outcome,
    run_level_findings,
    verdict_rows,
)
from paystack_contracts.results import OperationResult, RunResult

__all__ = ["render_html"]

OVERVIEW_LIMIT = 50
CASES_PER_OPERATION = 25
_VERDICT_CLASS = {(True, True): "drift", (True, False): "advisory", (False, True): "same", (False, False): "same"}
_VERDICT_WORD = {  # (drift, fails_run)
    (True, True): "drift",
    (True, False): "changed (advisory)",
    (False, True): "as recorded",
    (False, False): "as recorded",
}
"""Failing cases drawn per operation; a run against a badly drifted target stays a page, not a book."""


def render_html(result: RunResult) -> str:
    skeleton = resources.files(__package__).joinpath("report_template.html").read_text(encoding="utf-8")
    word = outcome(result)
    rows = check_rows(result)
    ops = _failing_first(result.operations.values(), rows)
    cases = {op.operation: failing_cases(result, rows, op.operation) for op in ops}
    loose = run_level_findings(result)
    page = Template(skeleton).substitute(
        outcome=word,
        outcome_word=word,
        meta=_meta(result),
        cards=_cards(result),
        overview=_overview(ops, cases),
        operations="".join(_operation(i, op, rows, cases[op.operation]) for i, op in enumerate(ops))
        or _empty("no operation was exercised"),
        run_findings=f"<h2>Other findings</h2><div id='run-findings'>{_findings(loose)}</div>" if loose else "",
        verdicts=_verdicts(result),
        drift=_findings(drift_findings(result)) or _empty("no drift"),
        inconclusives=_inconclusives(result),
        warnings=_findings(other_warnings(result), open_=False) or _empty("no warnings"),
        version=_e(result.tool_version or "(unknown version)"),
    )
    return redact(page)


def _failing_first(ops: Iterable[OperationResult], rows: Sequence[CheckRow]) -> list[OperationResult]:
    failing = {r.operation for r in rows if r.is_failure}
    return sorted(ops, key=lambda op: (op.operation not in failing, op.operation))


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _empty(text: str) -> str:
    return f"<p class='empty'>{_e(text)}</p>"


def _meta(result: RunResult) -> str:
    t = result.target
    facts = [("target", t.base_url), ("key", t.key or "none"), ("mode", t.mode), ("seed", result.seed)]
    facts += [("started", result.started_at or "-"), ("duration", f"{result.duration_s:.1f} s")]
    if t.globalstack_url:
        facts.append(("GlobalStack", t.globalstack_url))
    if t.mock_drift:
        facts.append(("mock drift", ", ".join(t.mock_drift)))
    return " · ".join(f"{_e(label)} <code id='meta-{_e(label.replace(' ', '-'))}'>{_e(v)}</code>" for label, v in facts)


def _cards(result: RunResult) -> str:
    c = counts(result)
    budget = "-" if c["request_budget"] is None else f"{c['request_budget_left']} of {c['request_budget']}"
    cards = [
        ("operations", c["operations"], False),
        ("cases", c["cases"], False),
        ("checks passed", c["checks_passed"], False),
        ("checks failed", c["checks_failed"], bool(c["checks_failed"])),
        ("failures", c["failures"], bool(c["failures"])),
        ("drifted verdicts", c["drifted_verdicts"], any(r.fails_run for r in verdict_rows(result))),
        ("inconclusive", c["inconclusives"], False),
        ("request budget left", budget, False),
    ]
    return "".join(
        f"<div class='card{' bad' if bad else ''}' data-count='{_e(name)}'>"
        f"<b>{_e(value)}</b><span>{_e(name)}</span></div>"
        for name, value, bad in cards
    )


def _overview(ops: Sequence[OperationResult], cases: dict[str, list[FailingCase]]) -> str:
    """The failures at a glance, each row linking to its case further down."""
    rows = [
        f"<tr><td class='code'>{_e(op.operation)}</td><td>{_e(check_of(f))}</td><td>{_e(f.message)}</td>"
        f"<td><a href='#case-{i}-{j}'>details</a></td></tr>"
        for i, op in enumerate(ops)
        for j, case in enumerate(cases[op.operation][:CASES_PER_OPERATION])
        for f in case.findings
    ]
    if not rows:
        return ""
    shown = "".join(rows[:OVERVIEW_LIMIT])
    more = f"<p class='empty'>… and {len(rows) - OVERVIEW_LIMIT} more below</p>" if len(rows) > OVERVIEW_LIMIT else ""
    head = "<tr><th>operation</th><th>check</th><th>finding</th><th></th></tr>"
    return f"<h2>Failures</h2><table id='failures'>{head}{shown}</table>{more}"


def _operation(index: int, op: OperationResult, rows: Sequence[CheckRow], cases: Sequence[FailingCase]) -> str:
    mine = [r for r in rows if r.operation == op.operation]
    failing = any(r.is_failure for r in mine)
    state = "failing" if failing else "passing"
    badge = f"<span class='badge {'fail' if failing else 'pass'}'>{'fail' if failing else 'pass'}</span>"
    duration = f" · {op.duration_s:.1f} s" if op.duration_s else ""
    head = (
        f"<div class='op-head'><h3>{_e(op.operation)}</h3>{badge}"
        f"<span class='meta'>{op.cases} cases{duration}</span></div>"
    )
    body = f"<div class='op-body'>{_histogram(op.status_codes)}{_checks(mine)}</div>"
    if not failing:  # passing operations fold away, so failures, verdicts and drift stay near the top
        body = f"<details class='op-details'><summary>{len(mine)} checks, status codes</summary>{body}</details>"
    shown = "".join(
        _failing_case(f"case-{index}-{j}", case, open_=j == 0) for j, case in enumerate(cases[:CASES_PER_OPERATION])
    )
    if len(cases) > CASES_PER_OPERATION:
        shown += _empty(f"… and {len(cases) - CASES_PER_OPERATION} more failing cases in report.json")
    return (
        f"<section class='operation {state}' data-operation='{_e(op.operation)}' data-state='{state}'>"
        f"{head}{body}{shown}</section>"
    )


def _histogram(codes: Counter[int]) -> str:
    if not codes:
        return "<div class='histogram'><p class='empty'>no responses</p></div>"
    top = max(codes.values())
    rows = "".join(
        f"<div class='row' data-status='{code}'><span class='code'>{code}</span><div class='track'>"
        f"<div class='bar s{str(code)[0]}' style='width:{max(100 * n / top, 2):.1f}%'></div></div>"
        f"<span class='code'>{n}</span></div>"
        for code, n in sorted(codes.items())
    )
    return f"<div class='histogram' aria-label='status codes'>{rows}</div>"


def _checks(rows: Sequence[CheckRow]) -> str:
    if not rows:
        return _empty("no checks ran")
    body = "".join(
        f"<tr class='{'fail' if r.is_failure else 'pass'}' data-check='{_e(r.check)}'><td>{_e(r.check)}</td>"
        f"<td class='num'>{r.passed}</td><td class='num'>{r.failed}</td></tr>"
        for r in rows
    )
    return f"<table class='checks'><tr><th>check</th><th>passed</th><th>failed</th></tr>{body}</table>"


def _failing_case(anchor: str, case: FailingCase, *, open_: bool) -> str:
    """One failing request: its findings, then the redacted request and response side by side. Only the first
    case of an operation starts unfolded, so a run with many failures stays scannable."""
    first = case.findings[0]
    more = f" (+{len(case.findings) - 1} more)" if len(case.findings) > 1 else ""
    pair = ""
    if case.exchange is not None:
        pair = (
            f"<div class='pair'><div><h4>request</h4><pre class='request'>{_e(format_request(case.exchange))}</pre>"
            f"</div><div><h4>response</h4><pre class='response'>{_e(format_response(case.exchange))}</pre></div></div>"
        )
    return (
        f"<details class='failing-case' id='{anchor}'{' open' if open_ else ''}><summary>{_e(check_of(first))}: "
        f"{_e(first.message)}{_e(more)}</summary>{''.join(_facts(f) for f in case.findings)}{pair}</details>"
    )


def _facts(finding: Finding) -> str:
    facts = [("where", finding.where), ("expected", finding.expected), ("actual", finding.actual), *finding.extra]
    facts.append(("replay", finding.replay))
    items = "".join(f"<dt>{_e(k)}</dt><dd class='code'>{_e(v)}</dd>" for k, v in facts if v is not None)
    return f"<dl class='facts'>{items}</dl>"


def _findings(findings: Iterable[Finding], *, open_: bool = True) -> str:
    state = " open" if open_ else ""
    return "".join(
        f"<details class='finding {_e(f.severity.value)}'{state}><summary>{_e(f.severity.value)} · {_e(f.rule)}: "
        f"{_e(f.message)}</summary>{_facts(f)}</details>"
        for f in findings
    )


def _verdicts(result: RunResult) -> str:
    rows = verdict_rows(result)
    if not rows:
        return _empty("no discrepancy verdicts in this run")
    body = "".join(
        f"<tr class='{_VERDICT_CLASS[(r.verdict.drift, r.fails_run)]}' data-entry='{_e(r.verdict.entry)}'>"
        f"<td>{_e(r.verdict.entry)}</td><td>{_e(r.verdict.topic)}</td><td>{_e(r.verdict.recorded)}</td>"
        f"<td>{_e(r.verdict.observed)}</td><td>{_VERDICT_WORD[(r.verdict.drift, r.fails_run)]}</td>"
        f"<td class='code'>{_e(r.verdict.evidence)}</td></tr>"
        for r in rows
    )
    head = (
        "<tr><th>entry</th><th>topic</th><th>ledger says</th><th>target did</th><th>verdict</th><th>evidence</th></tr>"
    )
    return f"<table class='verdicts'>{head}{body}</table>"


def _inconclusives(result: RunResult) -> str:
    if not result.inconclusives:
        return _empty("every case was conclusive")
    body = "".join(
        f"<tr><td>{_e(i.operation)}</td><td>{_e(i.reason.value)}</td><td>{_e(i.message)}</td>"
        f"<td class='code'>{_e(i.replay or '')}</td></tr>"
        for i in result.inconclusives
    )
    head = "<tr><th>operation</th><th>reason</th><th>message</th><th>replay</th></tr>"
    return f"<table class='inconclusive'>{head}{body}</table>"
