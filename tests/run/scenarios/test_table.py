"""The designed requests are one table, in the order they run; the status plan comes last and is not selectable."""

from __future__ import annotations

from paystack_contracts.run.scenarios import NEGATIVE, SCENARIO_NAMES, SCENARIOS, STATUS_PLAN


def test_the_table_runs_workflows_then_the_negative_contract_then_the_status_plan() -> None:
    assert [s.name for s in SCENARIOS][-2:] == [NEGATIVE, STATUS_PLAN]
    assert [s.name for s in SCENARIOS if s.last] == [STATUS_PLAN]


def test_every_scenario_but_the_status_plan_can_be_selected_by_name() -> None:
    assert tuple(s.name for s in SCENARIOS if s.name != STATUS_PLAN) == SCENARIO_NAMES
    assert len(set(SCENARIO_NAMES)) == len(SCENARIO_NAMES)
