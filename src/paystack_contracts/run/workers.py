"""The worker processes that spread a run's generated phases over the cores, and that end with the run.

Workers (like pytest-xdist) each take a share of the operations, open their own session from the same `RunPlan`
and send back what they recorded over a pipe. They come from a fork server (a fresh process that imports this
package once, then forks each worker, ready), started in the background while the parent plays the scenarios.

`WorkerPool` is a context manager and the run leaves it on every path (success, drift, Ctrl-C, a crash): workers
still running are terminated, then killed, and joined, so no process of the run outlives it. We own the
`Process` objects rather than use `ProcessPoolExecutor`, which can neither terminate its workers (before 3.14)
nor say which one died.

Shares keep the operations of one path together, in the contract's order: Schemathesis's coverage phase probes
each path with undeclared methods once per schema (`coverage_unexpected_methods_seen`), so splitting a path's
operations over processes would change which cases are sent. With paths kept whole, a seed sends the same cases
whatever the worker count.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType

from paystack_contracts.errors import WorkerError
from paystack_contracts.results import Inconclusive, RunResult, Target
from paystack_contracts.run.client import RunStopped
from paystack_contracts.run.generated import fuzz_all
from paystack_contracts.run.plan import RunPlan
from paystack_contracts.run.recorder import Recorder, Recording
from paystack_contracts.run.session import contract_operations, open_session

__all__ = ["WorkerPool", "fuzz_worker", "split", "start_workers"]

_PRELOAD = ("schemathesis.specs.openapi.schemas", "paystack_contracts.run.embedded", "paystack_contracts.mock")
"""Modules a worker would otherwise import on its first session (about 0.3 s each time, measured)."""
_GRACE_S = 0.5  # how long a terminated worker gets before it is killed


@dataclass(slots=True)
class WorkerPool:
    """Worker processes being started in the background, each with the pipe its recording will come back on."""

    shares: list[RunPlan]
    processes: list[BaseProcess] = field(default_factory=list)
    pipes: list[Connection] = field(default_factory=list)
    starter: threading.Thread | None = None

    @property
    def count(self) -> int:
        return len(self.shares)

    def recordings(self) -> Iterator[Recording]:
        """Each worker's recording as it finishes its share, in share order. Raises `WorkerError` for a worker
        that raised or died."""
        if self.starter is not None:
            self.starter.join()
        if len(self.processes) < self.count:
            raise WorkerError("a worker process could not be started")
        for index, (process, pipe) in enumerate(zip(self.processes, self.pipes, strict=True)):
            yield _received(index, process, pipe)

    def close(self) -> None:
        """Terminate, then kill, and join every worker still alive; close the pipes."""
        if self.starter is not None:
            self.starter.join()
        alive = [p for p in self.processes if p.is_alive()]
        for process in alive:
            process.terminate()
        for process in alive:
            process.join(_GRACE_S)
            if process.is_alive():
                process.kill()
                process.join()
        for pipe in self.pipes:
            pipe.close()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _received(index: int, process: BaseProcess, pipe: Connection) -> Recording:
    try:
        outcome, payload = pipe.recv()
    except EOFError:
        process.join()
        raise WorkerError(f"worker {index} ended before returning its share (exit code {process.exitcode})") from None
    if outcome != "ok" or not isinstance(payload, Recording):
        raise WorkerError(f"worker {index} failed: {payload}")
    return payload


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


def _serve(plan: RunPlan, index: int, pipe: Connection) -> None:
    """A worker process's body: its share's recording, or one line saying why there is none. Ctrl-C reaches the
    whole process group; a worker leaves it to the parent, which terminates its workers on the way out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        pipe.send(("ok", fuzz_worker(plan, index)))
    except BaseException as exc:  # the parent raises it as a WorkerError; a traceback here would say it twice
        pipe.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        pipe.close()


def split(paths: Sequence[tuple[str, str]], workers: int) -> list[tuple[str, ...]]:
    """Operation ids dealt to workers one path at a time, round-robin, each share in the contract's order."""
    by_path: dict[str, list[str]] = {}
    for path, operation_id in paths:
        by_path.setdefault(path, []).append(operation_id)
    groups = list(by_path.values())
    shares = [tuple(i for group in groups[w::workers] for i in group) for w in range(workers)]
    return [share for share in shares if share]


def start_workers(plan: RunPlan) -> WorkerPool | None:
    """Workers for the plan's generated phases (None when the plan runs them in-process). They are started from a
    background thread: the first start waits for the fork server to import this package (about 1 s), and the
    caller's own work (scenarios, state machine) uses that time."""
    if not plan.parallel:
        return None
    wanted = plan.options.operations
    paths = [(p, i) for p, i in contract_operations() if not wanted or i in wanted]
    if plan.globalstack is None:
        paths = [(p, i) for p, i in paths if not i.startswith("globalstack_")]
    pool = WorkerPool([plan.share(share) for share in split(paths, plan.options.workers)])
    pool.starter = threading.Thread(target=_start, args=(pool,), name="fuzz-start", daemon=True)
    pool.starter.start()
    return pool


def _start(pool: WorkerPool) -> None:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, *_PRELOAD])  # imported once; each worker forks from it, ready
    for index, share in enumerate(pool.shares):
        receiving, sending = context.Pipe(duplex=False)
        process = context.Process(target=_serve, args=(share, index, sending), name=f"fuzz-{index}", daemon=True)
        process.start()
        sending.close()  # the worker holds the sending end: its exit is our EOF
        pool.processes.append(process)
        pool.pipes.append(receiving)
