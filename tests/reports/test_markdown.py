from __future__ import annotations

from paystack_contracts.findings import Finding
from paystack_contracts.reports import render_markdown
from paystack_contracts.reports.markdown import LIST_LIMIT
from paystack_contracts.results import RunResult


def test_a_failing_run_leads_with_the_outcome_and_lists_what_failed(failing_run: RunResult) -> None:
    text = render_markdown(failing_run)
    assert text.startswith("## paystack-contracts: ❌")
    assert "`status_code_conformance`" in text
    assert "| D004 | Create status | 200 | 201 | ❌ drift |" in text
    assert "1 of 2 ledger verdicts as recorded." in text
    assert "| D006 |" not in text
    assert "### Inconclusive (1)" in text
    assert "### Drift (2)" in text
    assert "### Warnings and notes (1)" in text
    assert "`undocumented-field`" in text


def test_a_passing_run_says_it_conforms_and_lists_no_failures(passing_run: RunResult) -> None:
    text = render_markdown(passing_run)
    assert text.startswith("## paystack-contracts: ✅")
    assert "### Failures" not in text


def test_api_data_cannot_break_the_table_or_inject_markup(failing_run: RunResult) -> None:
    failing_run.verdicts[0] = type(failing_run.verdicts[0])("D099", "a | b <img src=x>", "x", "y", "z", drift=True)
    text = render_markdown(failing_run)
    assert "| D099 | a \\| b &lt;img src=x&gt; | x | y | ❌ drift |" in text


def test_long_lists_are_capped_and_say_how_many_were_left_out(failing_run: RunResult) -> None:
    extra = [Finding(rule="r", message=f"m{i}", source="validate", file="f.yaml") for i in range(LIST_LIMIT + 5)]
    failing_run.findings.extend(extra)
    text = render_markdown(failing_run)
    assert "more (see report.html / report.json)" in text
    assert "`m29`" not in text
