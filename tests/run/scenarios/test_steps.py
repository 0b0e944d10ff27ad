"""Steps send designed requests through the client and turn broken expectations into workflow findings."""

from __future__ import annotations

import pytest
from tests.run.test_client import embedded_target

from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.run.client import BudgetExhausted
from paystack_contracts.run.plan import TargetSpec
from paystack_contracts.run.scenarios.steps import Expect, ScenarioStopped, Steps, dig


def steps_of(embedded) -> Steps:
    return Steps(embedded.session.client, embedded.operations, embedded.plan, scenario="probe")


def test_a_step_is_authenticated_unless_told_otherwise(embedded) -> None:
    steps = steps_of(embedded)
    assert steps.call("customer_list").status_code == 200
    assert steps.call("customer_list", headers={}).status_code == 401
    assert steps.sent == ["GET /customer", "GET /customer"]
    assert [e.request_headers.get("Authorization") for _, e in embedded.recorder.planned] == ["[REDACTED]", None]


def test_a_broken_expectation_is_a_workflow_finding_with_its_scenario_and_exchange(embedded) -> None:
    steps = steps_of(embedded)
    answer = steps.call("customer_list")
    assert steps.expect(answer, False, Expect("list_contains", "$.data[*].customer_code", "CUS_x listed", [])) is False
    [finding] = embedded.recorder.result.findings
    assert (finding.rule, finding.check, dict(finding.extra)) == (
        "workflow.list_contains",
        "workflow",
        {"scenario": "probe"},
    )
    assert finding.message == "[probe] list_contains: HTTP 200 from GET /customer, expected CUS_x listed"
    assert embedded.recorder.result.exchange_of(finding) is answer.exchange


def test_a_held_expectation_records_nothing(embedded) -> None:
    steps = steps_of(embedded)
    assert steps.expect_status(steps.call("customer_list"), 200)
    assert embedded.recorder.result.findings == []


def test_an_inconclusive_step_stops_its_scenario(edge) -> None:
    spec = TargetSpec(base_url=edge.base_url, secret_key=DEFAULT_TEST_KEY)
    with embedded_target(spec) as opened:  # an edge page: inconclusive, never judged
        steps = steps_of(opened)
        with pytest.raises(ScenarioStopped, match="customer_list"):
            steps.call("customer_list")
        assert opened.recorder.result.findings == []


def test_a_step_the_budget_forbids_stops_the_run_not_just_its_scenario(embedded) -> None:
    embedded.session.client.budget.limit = 0
    with pytest.raises(BudgetExhausted):
        steps_of(embedded).call("customer_list")


@pytest.mark.parametrize(
    ("body", "path", "found"),
    [
        ({"data": {"customer_code": "CUS_1"}}, ("data", "customer_code"), "CUS_1"),
        ({"data": [{"id": 1}, {"id": 2}]}, ("data", -1, "id"), 2),
        ({"data": []}, ("data", 0, "id"), None),
        ("not json", ("data",), None),
    ],
)
def test_dig_walks_a_body_and_answers_none_when_a_step_is_missing(body, path, found) -> None:
    assert dig(body, *path) == found
