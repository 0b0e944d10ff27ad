"""The generated phases of a run spread over worker processes, one group of operations each (like pytest-xdist).

Generation dominates a run's cost (Hypothesis drawing cases, reference §7), and it is CPU-bound, so on N cores N
processes go about N times faster. Each worker opens its own session (its own embedded mock, or its own HTTP
session to a loopback target) and returns what it recorded; the parent merges it. Only for loopback targets:
a rate-limited sandbox must see one client.

Workers come from a fork server (a fresh process that imports this package once, then forks each worker): a
plain fork of the parent would copy Schemathesis's process-wide ASGI event-loop thread handle without the
thread, and the child would hang on its first in-process request.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field, replace

from paystack_contracts.results import Exchange, Inconclusive, RunResult, Target
from paystack_contracts.suite.client import RunStopped
from paystack_contracts.suite.fuzzing import fuzz_operation
from paystack_contracts.suite.identifiable import active_run
from paystack_contracts.suite.options import SuiteOptions
from paystack_contracts.suite.recorder import GroupKey, Recorder
from paystack_contracts.suite.session import open_session
from paystack_contracts.suite.target import resolve_target
from paystack_contracts.suite.throttle import RequestBudget

__all__ = ["FuzzJob", "FuzzOutcome", "WorkerPool", "fuzz_worker", "split", "start_workers"]


_LAZY_IMPORTS = ("schemathesis.specs.openapi.schemas", "schemathesis.python.asgi", "paystack_contracts.mock")
"""Modules a worker would otherwise import on its first session (about 0.3 s each time, measured)."""


@dataclass(frozen=True, slots=True)
class FuzzJob:
    options: SuiteOptions  # `operations` holds this worker's share
    seed: int
    run_id: str
    embedded_key: str


@dataclass(slots=True)
class FuzzOutcome:
    result: RunResult
    exchanges: list[tuple[str, Exchange]] = field(default_factory=list)
    requests: int = 0
    paths: dict[GroupKey, list[str]] = field(default_factory=dict)  # concrete paths per finding group


@dataclass(slots=True)
class WorkerPool:
    """Worker processes being started in the background, and the outcomes they will return."""

    pool: ProcessPoolExecutor
    count: int
    submitted: Future[list[Future[FuzzOutcome]]]

    def outcomes(self) -> Iterator[FuzzOutcome]:
        """Each worker's outcome as it finishes its share, in submission order; shuts the pool down after."""
        with self.pool:
            for future in self.submitted.result():
                yield future.result()


def fuzz_worker(job: FuzzJob) -> FuzzOutcome:
    """Run the generated phases for `job.options.operations` in this process and return what was recorded."""
    target = resolve_target(job.options.target, embedded_key=job.embedded_key)
    result = RunResult(target=Target(target.label))
    recorder = Recorder(result)
    budget = RequestBudget(job.options.max_requests)
    with open_session(target, job.options, job.seed, recorder, budget) as session, active_run(job.run_id):
        try:
            for schema in session.contracts.all():
                for found in schema.get_all_operations():
                    fuzz_operation(found.ok(), session.client, phases=job.options.phases, seed=job.seed)
        except RunStopped as stop:
            result.inconclusives.append(Inconclusive(stop.operation, stop.reason, str(stop)))
    return FuzzOutcome(result, recorder.exchanges, budget.used, recorder.concrete_paths())


def split(operation_ids: Sequence[str], workers: int) -> list[tuple[str, ...]]:
    """Round-robin, so neighbouring (similarly expensive) operations land on different workers."""
    groups = [tuple(operation_ids[i::workers]) for i in range(workers)]
    return [group for group in groups if group]


def start_workers(
    options: SuiteOptions, operation_ids: Sequence[str], *, seed: int, run_id: str, embedded_key: str
) -> WorkerPool:
    """Submit one job per group from a background thread: the first submit waits for the fork server to import
    this package (about 1 s), and the caller's own work (scenarios, state machine) can use that time."""
    groups = split(operation_ids, options.workers)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, *_LAZY_IMPORTS])  # imported once; each worker forks from it, ready
    pool = ProcessPoolExecutor(max_workers=len(groups), mp_context=context)
    jobs = [FuzzJob(replace(options, operations=group, workers=1), seed, run_id, embedded_key) for group in groups]
    starter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fuzz-start")
    submitted = starter.submit(lambda: [pool.submit(fuzz_worker, job) for job in jobs])
    starter.shutdown(wait=False)  # the submitting thread finishes on its own
    return WorkerPool(pool, len(jobs), submitted)
