"""The conformance suite as pytest tests: one test per contract operation, one per scenario.

Run against the embedded mock: `pytest --pyargs paystack_contracts.contract_tests`; against a target:
add `--base-url URL` (and PAYSTACK_SECRET_KEY, a test key). A test fails with every finding (check, JSON path,
expected vs actual, replay line); a test whose cases were all inconclusive (429, timeouts, edge pages) is
skipped with the reason, never passed or failed.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from paystack_contracts.reports.summary import render_summary
from paystack_contracts.results import ExitCode, RunResult
from paystack_contracts.run import SCENARIO_NAMES, RunPlan, SuiteOptions, contract_operation_ids, run_suite


def _judge(result: RunResult) -> None:
    if not result.cases and result.facts.not_served:
        pytest.skip(f"not served by this target: {', '.join(sorted(result.facts.not_served))}")
    code = result.exit_code()
    if code is ExitCode.FINDINGS:
        pytest.fail("\n".join(render_summary(result)), pytrace=False)
    if code is ExitCode.INCONCLUSIVE:
        pytest.skip("inconclusive: " + "; ".join(f"{i.operation}: {i.reason.value}" for i in result.inconclusives))


@pytest.mark.parametrize("operation_id", contract_operation_ids())
def test_operation_conforms_to_the_contract(operation_id: str, paystack_suite_options: SuiteOptions) -> None:
    _judge(run_suite(replace(paystack_suite_options, operations=(operation_id,), scenarios=())))


def test_links_hold_under_the_state_machine(paystack_suite_options: SuiteOptions) -> None:
    _judge(run_suite(replace(paystack_suite_options, phases=("stateful",), scenarios=())))


@pytest.mark.parametrize("scenario", SCENARIO_NAMES)
def test_scenario_holds(scenario: str, paystack_suite_options: SuiteOptions) -> None:
    if scenario == "identification webhooks" and not RunPlan.resolve(paystack_suite_options).listens_for_webhooks:
        pytest.skip(
            "the target sends this run no webhooks: start the mock with --webhook-url http://127.0.0.1:P/webhook"
        )
    _judge(run_suite(replace(paystack_suite_options, phases=(), scenarios=(scenario,))))
