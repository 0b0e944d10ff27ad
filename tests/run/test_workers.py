"""The worker processes: shares that keep a path's operations together, the same cases whatever the worker
count, and a pool that leaves no process behind."""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

import pytest

from paystack_contracts.errors import WorkerError
from paystack_contracts.run.plan import RunPlan, SuiteOptions
from paystack_contracts.run.recorder import Recording
from paystack_contracts.run.workers import WorkerPool, fuzz_worker, split, start_workers


@pytest.mark.parametrize(
    ("paths", "workers", "shares"),
    [
        ([("/a", "a"), ("/b", "b"), ("/c", "c")], 2, [("a", "c"), ("b",)]),
        ([("/a", "create"), ("/a", "list"), ("/b", "fetch")], 2, [("create", "list"), ("fetch",)]),
        ([("/a", "a")], 3, [("a",)]),
        ([], 2, []),
    ],
)
def test_operations_are_dealt_a_path_at_a_time_and_empty_shares_are_dropped(paths, workers, shares) -> None:
    assert split(paths, workers) == shares


def test_a_plan_that_is_not_parallel_starts_no_workers() -> None:
    assert start_workers(RunPlan.resolve(SuiteOptions(workers=1))) is None
    assert start_workers(RunPlan.resolve(SuiteOptions(workers=2, max_requests=10))) is None


def _requests(recordings: list[Recording]) -> dict[str, list[tuple[Any, ...]]]:
    """The requests sent, per operation, in order (the run id is fixed, so bodies compare as sent)."""
    sent: dict[str, list[tuple[Any, ...]]] = {}
    for recording in recordings:
        for operation, exchange in recording.exchanges:
            sent.setdefault(operation, []).append((exchange.method, exchange.url, exchange.request_body))
    return sent


def test_the_same_seed_sends_the_same_cases_with_one_worker_or_two() -> None:
    options = SuiteOptions(
        seed=11,
        max_examples=4,
        scenarios=(),
        phases=("examples", "coverage", "fuzzing"),
        run_id="r1",
        operations=("customer_create", "customer_list", "customer_fetch", "customer_update", "customer_validate"),
    )
    alone = _requests([fuzz_worker(RunPlan.resolve(options), 0)])
    with start_workers(RunPlan.resolve(SuiteOptions(**{**_fields(options), "workers": 2}))) as pool:
        assert pool.count == 2
        split_over_two = _requests(list(pool.recordings()))
    assert alone
    assert split_over_two == alone


def _fields(options: SuiteOptions) -> dict[str, Any]:
    return {name: getattr(options, name) for name in options.__slots__}


def test_a_worker_that_dies_without_its_share_is_a_worker_error() -> None:
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=os._exit, args=(3,))
    process.start()
    sending.close()
    pool = WorkerPool([RunPlan.resolve(SuiteOptions())], [process], [receiving])
    with pool, pytest.raises(WorkerError, match="exit code 3"):
        list(pool.recordings())


def test_leaving_the_pool_ends_workers_still_running() -> None:
    plan = RunPlan.resolve(SuiteOptions(workers=2, max_examples=500))
    with start_workers(plan) as pool:
        pass
    assert len(pool.processes) == 2
    assert not any(process.is_alive() for process in pool.processes)
