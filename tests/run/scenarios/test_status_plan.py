"""The status plan closes the gaps: one designed request per documented status a run has not seen."""

from __future__ import annotations

from paystack_contracts.run.scenarios.status_plan import UNPLANNABLE, coverage_of, status_plan
from paystack_contracts.run.scenarios.steps import Steps


def test_coverage_counts_any_success_for_every_documented_success_code(embedded) -> None:
    steps = Steps(embedded.session.client, embedded.operations, embedded.plan)
    steps.call("customer_list")
    coverage = coverage_of(embedded.operations.values(), embedded.recorder.result)
    assert coverage["GET /customer"]["200"] is True
    assert coverage["GET /customer"]["401"] is False


def test_the_plan_elicits_the_documented_statuses_not_yet_seen(embedded) -> None:
    steps = Steps(embedded.session.client, embedded.operations, embedded.plan, scenario="status plan")
    created = steps.call("customer_create", body={"email": "plan@example.com"})
    steps.memory |= {"customer_code": created.body["data"]["customer_code"], "customer_id": created.body["data"]["id"]}
    status_plan(steps)
    result = embedded.recorder.result
    coverage = coverage_of(embedded.operations.values(), result)
    assert coverage["POST /customer"]["400"] is True
    assert coverage["GET /customer/{email_or_code}"]["404"] is True
    assert result.failures == []
    assert result.facts.not_plannable == UNPLANNABLE
