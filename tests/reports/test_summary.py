"""The console summary: one line per cause, what was not served, and where replay lines point."""

from __future__ import annotations

from paystack_contracts.findings import Finding
from paystack_contracts.reports.summary import render_summary
from paystack_contracts.results import Inconclusive, InconclusiveReason, RunResult, Target

BUDGET = InconclusiveReason.BUDGET_EXHAUSTED


def test_operations_one_cause_left_out_are_named_on_one_line() -> None:
    result = RunResult(target=Target("https://api.paystack.co"))
    result.inconclusives += [
        Inconclusive("POST /customer", BUDGET, "request budget of 100 spent"),
        Inconclusive("GET /customer", BUDGET, "not reached: request budget of 100 spent"),
        Inconclusive("PUT /customer/{email_or_code}", BUDGET, "not reached: request budget of 100 spent"),
    ]
    lines = [line for line in render_summary(result) if line.startswith("INCONCLUSIVE")]
    assert lines == [
        "INCONCLUSIVE POST /customer, GET /customer, PUT /customer/{email_or_code}: budget_exhausted: "
        "request budget of 100 spent"
    ]


def test_operations_the_target_does_not_serve_are_one_line_never_a_failure() -> None:
    result = RunResult(target=Target("http://127.0.0.1:4010"))
    result.facts.not_served = {"POST /customers": "not served by this target (no --globalstack-base-url given)"}
    lines = render_summary(result)
    assert "NOT SERVED POST /customers: not served by this target (no --globalstack-base-url given)" in lines
    assert not any(line.startswith("FAIL") for line in lines)


def test_a_merged_finding_names_every_check_and_the_contract_pointer_and_never_none() -> None:
    finding = Finding(
        "identifiers.integer",
        "HTTP 200: identifiers.integer at $.data.id",
        "suite",
        operation="POST /customer",
        location="$.data.id",
        expected="an integer",
        check="paystack_identifiers",
        extra=(("checks", "paystack_identifiers, response_schema_conformance"), ("contract", "contracts/c.json#/x")),
    )
    result = RunResult(target=Target("in-process mock"), seed=5)
    result.findings.append(finding)
    lines = render_summary(result)
    assert lines[1].startswith("FAIL [paystack_identifiers + response_schema_conformance] POST /customer $.data.id")
    assert "    contract: contracts/c.json#/x" in lines
    assert not any("actual:" in line for line in lines)  # no "actual: None" when nothing was recorded
    assert any("paystack-contracts mock --seed-customers 3 --setting random_seed=5" in line for line in lines)
