"""The worker processes: groups taken once each by whoever asks, the same cases (and answers) whatever process
plays them, Ctrl-C keeping what was finished, and a pool that leaves no process behind."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from multiprocessing import forkserver
from multiprocessing.context import ForkServerContext
from pathlib import Path
from typing import Any

import pytest

from paystack_contracts.errors import WorkerError
from paystack_contracts.run import workers as workers_module
from paystack_contracts.run.plan import RunPlan, SuiteOptions
from paystack_contracts.run.recorder import Recording
from paystack_contracts.run.workers import Queue, WorkerPool, fuzz_group, start_workers

REPO = Path(__file__).resolve().parents[2]


def test_every_group_is_taken_once_whoever_asks() -> None:
    queue = Queue([("a",), ("b",), ("c",)])
    assert [queue.take(), queue.take(), queue.take(), queue.take()] == [0, 1, 2, None]


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
        corpus=False,  # both generate: the worker does not replay what the first one kept
    )
    plan = RunPlan.resolve(options)
    alone = _requests([fuzz_group(plan, options.operations, 0)])
    with start_workers(RunPlan.resolve(SuiteOptions(**{**_fields(options), "workers": 2}))) as pool:
        assert (pool.count, pool.workers) == (2, 1)  # the parent and one worker
        pool.go()
        played = dict(pool.recordings())
    assert alone
    assert _requests([played[index] for index in sorted(played)]) == alone


def _answers(played: dict[int, Recording]) -> dict[int, list[tuple[Any, ...]]]:
    return {
        index: [(e.method, e.url, e.request_body, e.status_code) for _, e in recording.exchanges]
        for index, recording in played.items()
    }


def test_a_group_gets_the_same_answers_whichever_process_plays_it() -> None:
    operations = ("customer_create", "customer_list", "customer_fetch", "customer_update")
    options = SuiteOptions(workers=2, seed=3, max_examples=3, scenarios=(), run_id="r2", operations=operations)
    plan = RunPlan.resolve(options)
    with start_workers(plan) as pool:
        in_the_parent = pool.help()  # before `go` the worker takes nothing
    with start_workers(plan) as pool:
        pool.go()
        in_the_worker = dict(pool.recordings())  # the parent does not help: the worker plays every group
    assert sorted(in_the_parent) == sorted(in_the_worker) == [0, 1]
    assert _answers(in_the_parent) == _answers(in_the_worker)


def test_the_parent_takes_what_the_workers_have_not_taken() -> None:
    plan = RunPlan.resolve(SuiteOptions(workers=2, max_examples=2, operations=("customer_fetch", "customer_validate")))
    with start_workers(plan) as pool:
        mine = pool.help()  # before `go`, the workers take nothing: the parent plays every group
        pool.go()
        theirs = dict(pool.recordings())
    assert sorted(mine) == [0, 1]
    assert theirs == {}


def _fields(options: SuiteOptions) -> dict[str, Any]:
    return {name: getattr(options, name) for name in options.__slots__}


def test_a_worker_that_dies_without_its_groups_is_a_worker_error() -> None:
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=os._exit, args=(3,))
    process.start()
    sending.close()
    plan = RunPlan.resolve(SuiteOptions())
    pool = WorkerPool(plan, Queue([]), 1, context.Event(), [process], [receiving])
    with pool, pytest.raises(WorkerError, match="exit code 3"):
        list(pool.recordings())


def test_leaving_the_pool_ends_workers_still_running() -> None:
    plan = RunPlan.resolve(SuiteOptions(workers=3, max_examples=500))
    with start_workers(plan) as pool:
        pool.go()
    assert len(pool.processes) == 2
    assert not any(process.is_alive() for process in pool.processes)


def test_ctrl_c_keeps_what_the_workers_finished_and_hands_out_no_more_groups() -> None:
    operations = ("customer_create", "customer_list", "customer_fetch", "customer_update", "customer_validate")
    plan = RunPlan.resolve(SuiteOptions(workers=2, max_examples=2, scenarios=(), operations=operations))
    with start_workers(plan) as pool:
        pool.go()
        deadline = time.monotonic() + 120
        while pool.queue.counter.value < 2 and time.monotonic() < deadline:  # the worker is on its second group
            time.sleep(0.05)
        kept = pool.stop()
        assert pool.queue.take() is None
    assert kept, "the group the worker had finished came back"
    assert all(recording.exchanges for recording in kept.values())


_HELD = """
import multiprocessing, os, signal
from paystack_contracts.run import workers
reached = []
try:
    with workers._sigint_held(multiprocessing.get_context("fork")):
        os.kill(os.getpid(), signal.SIGINT)
        reached.append("the fork goes on")
except KeyboardInterrupt:
    print("interrupted after:", *reached)
"""


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_ctrl_c_while_a_worker_is_forked_waits_for_the_fork_and_is_not_lost() -> None:
    # In a fresh process: the CLI forks only when it runs one thread, and a mask holds a signal only then.
    ran = subprocess.run([sys.executable, "-c", _HELD], capture_output=True, text=True, timeout=60, check=False)
    assert ran.stdout.strip() == "interrupted after: the fork goes on", ran.stderr


_MARKER = "x_required_only_in_the_second_project"


def _project_requiring_a_field_the_mock_never_sends(root: Path) -> Path:
    shutil.copytree(REPO / "contracts", root / "contracts")
    schema_file = root / "contracts" / "paystack-customer.schema.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    schema["required"].append(_MARKER)
    schema_file.write_text(json.dumps(schema), encoding="utf-8")
    return root


def test_a_worker_from_a_fork_server_fuzzes_the_contract_of_its_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A second thread: as in a pytest host with other threads, workers come from the fork server, which is
    # started here, in the first project's environment, before the run moves to the second project.
    hold = threading.Event()
    other = threading.Thread(target=hold.wait, daemon=True)
    other.start()
    try:
        assert isinstance(workers_module._context(), ForkServerContext)
        forkserver.ensure_running()
        monkeypatch.setenv("PAYSTACK_CONTRACTS_ROOT", str(_project_requiring_a_field_the_mock_never_sends(tmp_path)))
        options = SuiteOptions(workers=2, seed=5, max_examples=2, scenarios=(), operations=("customer_create",))
        with start_workers(RunPlan.resolve(options)) as pool:
            pool.go()
            played = dict(pool.recordings())  # the parent does not help: the worker plays the group
    finally:
        hold.set()
    findings = [finding for recording in played.values() for finding in recording.result.findings]
    assert any(_MARKER in finding.message for finding in findings), findings
