"""The generated half of a run: Schemathesis's examples, coverage and fuzzing phases per operation, the state
machine over the contract's OpenAPI links, and the worker processes that spread the phases over the cores.

Why not `pytest.main` over a parametrized module, or `st run`? Both add per-case overhead we measured (the CLI's
example database alone slows it 3-6x; reference §7), and neither hands back structured per-case results. We build
each operation's Hypothesis test with Schemathesis's own builder (`create_test`, what its pytest plugin and engine
use) with a body that sends through `ContractClient` and never raises: failures are recorded, not shrunk, so one
run reports every distinct finding.

Workers (like pytest-xdist) each take a share of the operations, open their own session from the same `RunPlan`
and return what they recorded. They come from a fork server (a fresh process that imports this package once, then
forks each worker): a plain fork of the parent would copy Schemathesis's process-wide ASGI event-loop thread handle
without the thread, and the child would hang on its first in-process request.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import hypothesis
from schemathesis.core.errors import NoLinksFound
from schemathesis.generation import derive_operation_seed, overrides
from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test

from paystack_contracts.results import Inconclusive, RunResult, Target
from paystack_contracts.run.client import ContractClient, RunStopped
from paystack_contracts.run.plan import RunPlan
from paystack_contracts.run.recorder import Recorder, Recording
from paystack_contracts.run.session import Session, contract_operation_ids, open_session
from paystack_contracts.seam import Case, Operation, Response, Schema, operations

__all__ = ["WorkerPool", "fuzz_operation", "fuzz_worker", "run_state_machine", "split", "start_workers"]

_MODES = {
    "examples": HypothesisTestMode.EXAMPLES,
    "coverage": HypothesisTestMode.COVERAGE,
    "fuzzing": HypothesisTestMode.FUZZING,
}
_LAZY_IMPORTS = ("schemathesis.specs.openapi.schemas", "schemathesis.python.asgi", "paystack_contracts.mock")
"""Modules a worker would otherwise import on its first session (about 0.3 s each time, measured)."""


def fuzz_operation(operation: Operation, client: ContractClient, plan: RunPlan) -> None:
    """Run the plan's enabled phases for one operation. Raises `RunStopped` when nothing more may be sent."""
    modes = [mode for name, mode in _MODES.items() if name in plan.options.phases]
    if not modes:
        return
    config = operation.schema.config

    def run_case(case: Case) -> None:
        client.send(case)

    test = create_test(
        operation=operation,
        test_func=run_case,
        config=HypothesisTestConfig(
            project=config,
            modes=modes,
            settings=config.get_hypothesis_settings(operation=operation, phase="fuzzing"),
            apply_ci_profile=False,
            seed=derive_operation_seed(plan.seed, operation.label),
            override=overrides.with_config_headers(config, operation=operation),
        ),
    )
    try:
        test()
    except RunStopped:
        raise
    except BaseException as exc:  # Hypothesis may wrap what the body raised; unwrap the stop signal
        stopped = _stop_signal(exc)
        if stopped is None:
            raise
        raise stopped from None


def fuzz_all(session: Session, plan: RunPlan) -> None:
    """The generated phases for every operation of the session's contracts, in this process."""
    for schema in session.contracts.all():
        for operation in operations(schema):
            fuzz_operation(operation, session.client, plan)


def _stop_signal(exc: BaseException) -> RunStopped | None:
    if isinstance(exc, RunStopped):
        return exc
    inner = list(exc.exceptions) if isinstance(exc, BaseExceptionGroup) else [exc.__cause__, exc.__context__]
    return next((found for e in inner if e is not None and (found := _stop_signal(e)) is not None), None)


class _Inconclusive(Exception):
    """A step's outcome said nothing about the contract; the scenario ends there."""


def run_state_machine(schema: Schema, client: ContractClient, plan: RunPlan) -> bool:
    """Run link-driven scenarios over the contract. False when the contract has no links to follow.

    A step that cannot be judged (inconclusive) or may not be sent (`RunStopped`: budget, deadline, target down)
    ends the machine. Hypothesis then replays the failing example to confirm it, and since the target's state (or
    the budget) moved on, the replay may stop earlier and Hypothesis reports `Flaky...`: what ended the machine is
    remembered here, so that whatever Hypothesis raises about the replay, the run sees the real cause.
    """
    try:
        base: Any = schema.as_state_machine()
    except NoLinksFound:
        return False
    auth = plan.paystack.auth
    ended: list[BaseException] = []

    class Machine(base):  # type: ignore[misc]  # a class Schemathesis builds at run time from the links
        def call(self, case: Case, **kwargs: Any) -> Response:
            try:
                judged = client.send(case, headers=auth)
            except RunStopped as stop:
                ended.append(stop)
                raise
            if judged is None:
                ended.append(_Inconclusive(case.operation.label))
                raise ended[-1]
            return judged.response

        def validate_response(self, response: Response, case: Case, *args: Any, **kwargs: Any) -> None:
            return None  # the client already judged and recorded this response

    hypothesis.seed(plan.seed)(Machine)  # run_state_machine_as_test reads the seed off the class
    try:
        Machine.run(settings=_machine_settings(max(5, plan.options.max_examples // 2)))
    except NoLinksFound:  # every link was filtered out (a run restricted to some operations)
        return False
    except BaseException:
        if not ended:
            raise
        if isinstance(ended[0], RunStopped):
            raise ended[0] from None
    return True


def _machine_settings(scenarios: int) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=scenarios,
        stateful_step_count=6,
        phases=[hypothesis.Phase.generate],
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        derandomize=False,
    )


@dataclass(slots=True)
class WorkerPool:
    """Worker processes being started in the background, and the recordings they will return."""

    pool: ProcessPoolExecutor
    count: int
    submitted: Future[list[Future[Recording]]]

    def recordings(self) -> Iterator[Recording]:
        """Each worker's recording as it finishes its share, in submission order; shuts the pool down after."""
        with self.pool:
            for future in self.submitted.result():
                yield future.result()


def fuzz_worker(plan: RunPlan, index: int) -> Recording:
    """Run the generated phases for the plan's operations in this process and return what was recorded."""
    result = RunResult(target=Target(plan.label))
    recorder = Recorder(result, prefix=f"w{index}.")
    with open_session(plan, recorder) as session:
        try:
            fuzz_all(session, plan)
        except RunStopped as stop:
            result.inconclusives.append(Inconclusive(stop.operation, stop.reason, str(stop)))
        return recorder.recording(session.client.budget.used)


def split(operation_ids: Sequence[str], workers: int) -> list[tuple[str, ...]]:
    """Round-robin, so neighbouring (similarly expensive) operations land on different workers."""
    groups = [tuple(operation_ids[i::workers]) for i in range(workers)]
    return [group for group in groups if group]


def start_workers(plan: RunPlan) -> WorkerPool | None:
    """Workers for the plan's generated phases (None when the plan runs them in-process). Jobs are submitted from
    a background thread: the first submit waits for the fork server to import this package (about 1 s), and the
    caller's own work (scenarios, state machine) can use that time."""
    if not plan.parallel:
        return None
    wanted = plan.options.operations
    ids = [i for i in contract_operation_ids() if not wanted or i in wanted]
    if plan.globalstack is None:
        ids = [i for i in ids if not i.startswith("globalstack_")]
    groups = split(ids, plan.options.workers)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, *_LAZY_IMPORTS])  # imported once; each worker forks from it, ready
    pool = ProcessPoolExecutor(max_workers=len(groups), mp_context=context)
    shares = [plan.share(group) for group in groups]
    starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fuzz-start")
    submitted = starter.submit(lambda: [pool.submit(fuzz_worker, share, i) for i, share in enumerate(shares)])
    starter.shutdown(wait=False)  # the submitting thread finishes on its own
    return WorkerPool(pool, len(shares), submitted)
