"""The designed requests are one table, in the order they run; the page walks and the status plan come last
(after the generated phases) and are not selectable."""

from __future__ import annotations

from paystack_contracts.run.scenarios import NEGATIVE, PAGE_WALKS, SCENARIO_NAMES, SCENARIOS, STATUS_PLAN


def test_the_table_runs_workflows_then_the_negative_contract_then_the_walks_and_the_status_plan() -> None:
    assert [s.name for s in SCENARIOS][-3:] == [NEGATIVE, PAGE_WALKS, STATUS_PLAN]
    assert [s.name for s in SCENARIOS if s.last] == [PAGE_WALKS, STATUS_PLAN]


def test_every_scenario_but_the_last_ones_can_be_selected_by_name() -> None:
    assert tuple(s.name for s in SCENARIOS if not s.last) == SCENARIO_NAMES
    assert len(set(SCENARIO_NAMES)) == len(SCENARIO_NAMES)
