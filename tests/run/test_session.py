"""A session points the contracts at the plan's target and marks everything the run creates."""

from __future__ import annotations

import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.results import RunResult, Target
from paystack_contracts.run.plan import IN_PROCESS_ORIGIN, RunPlan, SuiteOptions, TargetSpec
from paystack_contracts.run.recorder import Recorder
from paystack_contracts.run.scenarios.steps import operations_by_id
from paystack_contracts.run.session import (
    _RUN_ID,
    RUN_METADATA_KEY,
    active_run,
    before_call,
    contract_operation_ids,
    identifiable_body,
    open_session,
)


def test_the_embedded_session_points_both_contracts_in_process_with_the_mocks_key(embedded) -> None:
    contracts = embedded.session.contracts
    assert contracts.paystack.config.base_url == IN_PROCESS_ORIGIN
    assert contracts.globalstack is not None
    assert contracts.globalstack.config.base_url == f"{IN_PROCESS_ORIGIN}/v1"
    assert contracts.paystack.config.headers == {"Authorization": f"Bearer {DEFAULT_TEST_KEY}"}


def test_a_remote_target_without_globalstack_loads_only_the_classic_contract() -> None:
    spec = TargetSpec(base_url="https://api.paystack.co", secret_key="sk_test_" + "a" * 40)
    plan = RunPlan.resolve(SuiteOptions(target=spec))
    with open_session(plan, Recorder(RunResult(target=Target(plan.label)))) as session:  # opening sends nothing
        assert session.contracts.globalstack is None
        assert session.contracts.paystack.config.base_url == "https://api.paystack.co"
        assert session.client.budget.limit == 100


def test_a_session_restricted_to_operations_loads_only_those() -> None:
    with_one = RunPlan.resolve(SuiteOptions(operations=("customer_fetch",)))
    with open_session(with_one, Recorder(RunResult(target=Target("x")))) as session:
        assert list(operations_by_id(*session.contracts.all())) == ["customer_fetch"]


def test_the_contracts_have_thirteen_classic_operations_and_one_globalstack_operation() -> None:
    ids = contract_operation_ids()
    assert len([i for i in ids if i.startswith("customer_")]) == 13
    assert [i for i in ids if i.startswith("globalstack_")] == ["globalstack_createCustomer"]


@pytest.mark.parametrize(
    ("body", "with_metadata", "expected"),
    [
        ({"email": "ada@gmail.com"}, True, {"email": "ada@example.com", "metadata": {RUN_METADATA_KEY: "r1"}}),
        ({"email": "ada@example.com"}, False, {"email": "ada@example.com"}),
        ({"metadata": {"a": 1}}, False, {"metadata": {"a": 1, RUN_METADATA_KEY: "r1"}}),
        ({"email": "not-an-email"}, False, {"email": "not-an-email"}),
        ({"metadata": "a string"}, True, {"metadata": "a string"}),
        (["not", "an", "object"], True, ["not", "an", "object"]),
    ],
)
def test_created_records_are_moved_under_example_com_and_carry_the_run_id(body, with_metadata, expected) -> None:
    assert identifiable_body(body, "r1", with_metadata=with_metadata) == expected


def test_the_hook_marks_creating_requests_only_while_a_run_is_active(embedded) -> None:
    case = embedded.case("customer_create", body={"email": "x@gmail.com"}, media_type="application/json")
    embedded.session.client.send(case)
    sent = embedded.recorder.exchanges[-1][1].request_body or ""
    assert "x@example.com" in sent
    assert embedded.plan.run_id in sent
    with active_run("other"):
        nested = embedded.case("customer_create", body={"email": "n@gmail.com"}, media_type="application/json")
        before_call(None, nested, {})  # type: ignore[arg-type]
        assert nested.body["metadata"] == {RUN_METADATA_KEY: "other"}
    token = _RUN_ID.set(None)  # outside any run: the hook leaves bodies alone
    try:
        outside = embedded.case("customer_create", body={"email": "o@gmail.com"}, media_type="application/json")
        before_call(None, outside, {})  # type: ignore[arg-type]
        assert outside.body == {"email": "o@gmail.com"}
    finally:
        _RUN_ID.reset(token)


def test_an_embedded_session_stops_its_mocks_webhook_sender_before_its_receiver() -> None:
    plan = RunPlan.resolve(SuiteOptions(seed=1))
    with open_session(plan, Recorder(RunResult(target=Target(plan.label)))) as session:
        assert session.receiver is not None
        sandbox = session.client.session.app.state.sandbox  # type: ignore[attr-defined]
        assert sandbox.outbox is not None
        assert not sandbox.outbox.dispatcher.stopped
    assert sandbox.outbox.dispatcher.stopped
    assert not sandbox.outbox.dispatcher._thread.is_alive()  # it ended: nothing posts to the closed receiver


def test_a_contract_edited_between_runs_is_parsed_again(tmp_path) -> None:
    """A long-lived host (pytest) may edit the contract between two runs of one process."""
    from paystack_contracts.run.session import _parsed

    contract = tmp_path / "contract.yaml"
    contract.write_text("openapi: 3.1.0\npaths: {}\n", encoding="utf-8")
    assert _parsed(contract) == {"openapi": "3.1.0", "paths": {}}
    contract.write_text("openapi: 3.1.0\npaths: {/customer: {}}\n", encoding="utf-8")
    assert _parsed(contract)["paths"] == {"/customer": {}}
