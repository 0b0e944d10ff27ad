"""The generated phases: Schemathesis cases per operation, the state machine, and work split over workers."""

from __future__ import annotations

import gc
import weakref

import pytest
from tests.run.conftest import embedded_session

from paystack_contracts.run import generated
from paystack_contracts.run.generated import fuzz_operation, run_state_machine
from paystack_contracts.run.plan import RunPlan, SuiteOptions


def bodies_sent(seed: int) -> list[str | None]:
    with embedded_session(seed=seed, max_examples=4, phases=("fuzzing",), operations=("customer_create",)) as e:
        fuzz_operation(e.operations["customer_create"], e.session.client, e.plan)
        return [exchange.request_body for _, exchange in e.recorder.exchanges]


def test_the_same_seed_sends_the_same_cases() -> None:
    first, again = bodies_sent(9), bodies_sent(9)
    assert first
    assert [b and b.split('"paystack_contracts_run"')[0] for b in first] == [
        b and b.split('"paystack_contracts_run"')[0] for b in again
    ]


def test_no_enabled_phase_sends_nothing(embedded) -> None:
    plan = RunPlan.resolve(SuiteOptions(phases=("stateful",)))
    fuzz_operation(embedded.operations["customer_list"], embedded.session.client, plan)
    assert embedded.recorder.exchanges == []


def test_the_state_machine_follows_the_contracts_links(embedded) -> None:
    assert run_state_machine(embedded.session.contracts.paystack, embedded.session.client, embedded.plan)
    assert len({operation for operation, _ in embedded.recorder.exchanges}) > 1


def _assertion_raised_while_handling(inner: BaseException) -> AssertionError:
    """What Hypothesis raised when Ctrl-C reached its engine 0.5 s into a run."""
    error = AssertionError("state._runner is not None")
    error.__context__ = inner
    return error


def test_ctrl_c_that_hypothesis_turned_into_another_error_is_a_ctrl_c_again() -> None:
    with pytest.raises(KeyboardInterrupt):
        generated._reraise_interrupt(_assertion_raised_while_handling(KeyboardInterrupt()))


def test_an_error_without_ctrl_c_behind_it_is_left_as_it_is() -> None:
    generated._reraise_interrupt(_assertion_raised_while_handling(ValueError("a bug")))


class _Cycle:
    def __init__(self) -> None:
        self.me = self


@pytest.mark.parametrize("was_on", [True, False])
def test_the_collector_is_off_during_a_run_and_as_it_was_after(was_on: bool) -> None:
    (gc.enable if was_on else gc.disable)()
    try:
        with generated.fewer_collections():
            assert not gc.isenabled()
        assert gc.isenabled() is was_on
    finally:
        gc.enable()


@pytest.mark.parametrize(
    ("grown", "collected"), [(0, False), (generated._GROWTH - 1, False), (generated._GROWTH, True)]
)
def test_a_run_collects_its_cycles_once_it_has_grown_enough(monkeypatch, grown: int, collected: bool) -> None:
    monkeypatch.setattr(generated, "_peak_bytes", lambda: 10**9)
    with generated.fewer_collections():
        cycle = weakref.ref(_Cycle())
        monkeypatch.setattr(generated, "_peak_bytes", lambda: 10**9 + grown)
        generated.collect_if_grown()
        assert (cycle() is None) is collected
    gc.collect()


def test_where_memory_cannot_be_read_the_collector_stays_on_but_collects_less(monkeypatch) -> None:
    monkeypatch.setattr(generated, "_peak_bytes", lambda: None)
    before = gc.get_threshold()
    with generated.fewer_collections():
        assert gc.isenabled()
        assert gc.get_threshold() == generated._RUN_THRESHOLDS
    assert gc.get_threshold() == before
