"""Page walks: offset pages disjoint and complete, cursor walks that end; red on the drift they are about."""

from __future__ import annotations

import pytest
from tests.run.conftest import embedded_session

from paystack_contracts.run.scenarios.steps import Steps
from paystack_contracts.run.scenarios.walks import MAX_PAGES, page_walks


def walk(drift: str = "") -> tuple[set[str], int]:
    with embedded_session(drift=(drift,) if drift else ()) as opened:
        steps = Steps(opened.session.client, opened.operations, opened.plan, scenario="page walks")
        for n in range(4):  # more customers than one page holds
            steps.call("customer_create", body={"email": f"walk{n}@example.com"})
        page_walks(steps)
        rules = {f.rule for f in opened.recorder.result.failures}
        return rules, opened.session.client.budget.used


def test_the_clean_mock_pages_and_cursors_hold_within_a_few_requests() -> None:
    rules, sent = walk()
    assert rules == set()
    assert 0 < sent - 4 <= 2 * MAX_PAGES


@pytest.mark.parametrize("drift", ["pages-overlap", "cursor-never-ends"])
def test_a_walk_that_drifted_is_red(drift: str) -> None:
    rules, _ = walk(drift)
    assert rules
