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

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing import forkserver
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
_SUBMIT_WAIT = 30.0
"""Seconds a Ctrl-C waits for the workers' jobs to be submitted (the fork server imports first: about 1 s)."""
_STOP_WAIT = 2.0
"""Seconds a Ctrl-C waits for the interrupted workers to hand back what they have (they need a fraction of it)."""


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
    """Run link-driven scenarios over the contract. False when the contract has no links to follow."""
    try:
        base: Any = schema.as_state_machine()
    except NoLinksFound:
        return False
    auth = plan.paystack.auth

    class Machine(base):  # type: ignore[misc]  # a class Schemathesis builds at run time from the links
        def call(self, case: Case, **kwargs: Any) -> Response:
            judged = client.send(case, headers=auth)
            if judged is None:
                raise _Inconclusive(case.operation.label)
            return judged.response

        def validate_response(self, response: Response, case: Case, *args: Any, **kwargs: Any) -> None:
            return None  # the client already judged and recorded this response

    hypothesis.seed(plan.seed)(Machine)  # run_state_machine_as_test reads the seed off the class
    try:
        Machine.run(settings=_machine_settings(max(5, plan.options.max_examples // 2)))
    except NoLinksFound:  # every link was filtered out (a run restricted to some operations)
        return False
    except _Inconclusive:
        pass
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
    taken: int = 0  # recordings handed out so far

    def recordings(self) -> Iterator[Recording]:
        """Each worker's recording as it finishes its share, in submission order; shuts the pool down after. On
        Ctrl-C the pool is left to `stop()`, which collects what the workers recorded until then."""
        try:
            for future in self.submitted.result()[self.taken :]:
                recording = future.result()
                self.taken += 1
                yield recording
        except KeyboardInterrupt:
            raise
        except BaseException:
            self.pool.shutdown(cancel_futures=True)
            raise
        self.pool.shutdown()

    def stop(self) -> list[Recording]:
        """Ctrl-C: interrupt the workers (the terminal's Ctrl-C may not have reached them), take what they recorded
        until then, and terminate any that did not within `_STOP_WAIT` s (one that had not begun its share had
        nothing to hand back). The standard library has
        no public way to reach a pool's processes before Python 3.14 (`terminate_workers`), hence `_processes`."""
        with contextlib.suppress(Exception):  # the submitting thread first, or it starts workers after we stopped
            self.submitted.result(timeout=_SUBMIT_WAIT)
        processes = list((getattr(self.pool, "_processes", None) or {}).values())
        for process in processes:
            with contextlib.suppress(OSError):
                os.kill(process.pid, signal.SIGINT)
        futures = (
            self.submitted.result()[self.taken :] if self.submitted.done() and not self.submitted.exception() else []
        )
        done, _ = wait(futures, timeout=_STOP_WAIT)
        self.pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        return [f.result() for f in futures if f in done and not f.cancelled() and f.exception() is None]


def fuzz_worker(plan: RunPlan, index: int) -> Recording:
    """Run the generated phases for the plan's operations in this process and return what was recorded (what was
    recorded until then on Ctrl-C, which a worker hears only while it fuzzes)."""
    result = RunResult(target=Target(plan.label))
    recorder = Recorder(result, prefix=f"w{index}.")
    with _interruptible():
        try:
            with open_session(plan, recorder) as session:
                try:
                    fuzz_all(session, plan)
                except RunStopped as stop:
                    result.inconclusives.append(Inconclusive(stop.operation, stop.reason, str(stop)))
                return recorder.recording(session.client.budget.used)
        except KeyboardInterrupt:
            result.facts.partial = True
            return recorder.recording(result.cases + len(result.inconclusives))  # one request each


def _ignore_interrupts() -> None:
    """Workers ignore Ctrl-C except while they work on a share (`_interruptible`): one interrupted while idle would
    print a traceback and break the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _start_fork_server() -> None:
    """Start the fork server with SIGINT ignored, which it inherits (Python leaves an ignored SIGINT ignored): a
    Ctrl-C during its imports (about 1 s) would otherwise print their traceback. Only the main thread may change a
    signal handler; elsewhere the server starts on the first job as usual."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        forkserver.ensure_running()  # spawns the server and returns; it imports in the background
    finally:
        signal.signal(signal.SIGINT, previous)


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
    _start_fork_server()
    pool = ProcessPoolExecutor(max_workers=len(groups), mp_context=context, initializer=_ignore_interrupts)
    shares = [plan.share(group) for group in groups]
    starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fuzz-start")
    submitted = starter.submit(lambda: [pool.submit(fuzz_worker, share, i) for i, share in enumerate(shares)])
    starter.shutdown(wait=False)  # the submitting thread finishes on its own
    return WorkerPool(pool, len(shares), submitted)
