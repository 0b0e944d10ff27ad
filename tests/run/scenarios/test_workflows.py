"""Each workflow holds on the clean mock and turns red, naming the broken expectation, on its drift profile."""

from __future__ import annotations

import pytest
from tests.run.conftest import embedded_session

from paystack_contracts.run.scenarios import workflows
from paystack_contracts.run.scenarios.steps import Steps

CASES = [
    (workflows.customer_lifecycle, "update-not-persisted", "workflow.update_visible"),
    (workflows.customer_lifecycle, "risk-action-not-persisted", "workflow.risk_action_visible"),
    (workflows.customer_lifecycle, "per-page-ignored", "workflow.per_page_honoured"),
    (workflows.authorization_lifecycle, "deactivated-still-active", "workflow.deactivated"),
    (workflows.globalstack_idempotency, "idempotency-ignored", "workflow.idempotency_conflict"),
]


def workflow_rules(workflow, drift: str = "") -> set[str]:
    with embedded_session(drift=(drift,) if drift else ()) as opened:
        workflow(Steps(opened.session.client, opened.operations, opened.plan, scenario=workflow.__name__))
        return {f.rule for f in opened.recorder.result.failures if f.check == "workflow"}


@pytest.mark.parametrize("workflow", sorted({w for w, _, _ in CASES}, key=lambda w: w.__name__))
def test_each_workflow_holds_on_the_clean_mock(workflow) -> None:
    assert workflow_rules(workflow) == set()


@pytest.mark.parametrize(("workflow", "drift", "rule"), CASES, ids=[d for _, d, _ in CASES])
def test_each_workflow_is_red_on_the_drift_it_is_about(workflow, drift, rule) -> None:
    assert rule in workflow_rules(workflow, drift)
