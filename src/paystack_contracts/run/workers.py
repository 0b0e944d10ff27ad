"""The worker processes that spread a run's generated phases over the cores, and that end with the run.

The generated phases are cut into groups (`run.catalogue.groups`), one per path (its operations together, in the
contract's order), largest first. Workers (like pytest-xdist's `--dist load`) take the next group from a shared
counter until none is left, and the parent takes groups too once its own phases are done, so no core idles
while another has a queue: `--workers N` is N processes, the parent and N - 1 workers (measured on 2 cores:
the parent and one worker took less CPU, and no more wall time, than the parent and two). Every group is played
against a fresh session (for the embedded mock: a fresh mock), so what a group sends and what it is answered do
not depend on which process took it, or after which group.

Why whole paths: Schemathesis's coverage phase probes each path with undeclared methods once per schema
(`coverage_unexpected_methods_seen`), so splitting a path's operations would change which cases are sent. With
paths whole, a seed sends the same cases whatever the worker count.

Workers start with the run, before its session opens, and wait for the preflight (`WorkerPool.go`; a rejected
key sends them nothing: they are ended unstarted; the embedded mock's workers go at once). On Linux, when this
process runs one thread (the CLI), they are forked from it: they get its imports for free, where each fresh
process would spend about 1.5 s of CPU importing. A process with other threads (a pytest host's, a web server's)
may not fork safely: a lock another thread holds stays locked in the child (Python 3.12 warns of it); nor may a
macOS process that loaded system frameworks. There they come from a fork server (a fresh process that imports
this package once, then forks each worker), whose imports run beside the parent's set-up.

`WorkerPool` is a context manager and the run leaves it on every path (success, drift, Ctrl-C, a crash): workers
still running are terminated, then killed, and joined, so no process of the run outlives it. We own the
`Process` objects rather than use `ProcessPoolExecutor`, which can neither terminate its workers (before 3.14)
nor say which one died.
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import signal
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from multiprocessing.context import ForkContext, ForkServerContext
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Protocol

from paystack_contracts.errors import WorkerError
from paystack_contracts.project import pin_project
from paystack_contracts.results import Inconclusive, RunResult, Target
from paystack_contracts.run.catalogue import Group, groups
from paystack_contracts.run.client import RunStopped
from paystack_contracts.run.generated import fewer_collections, fuzz_all
from paystack_contracts.run.plan import RunPlan
from paystack_contracts.run.recorder import Recorder, Recording
from paystack_contracts.run.session import open_session

__all__ = ["Queue", "WorkerPool", "fuzz_group", "start_workers"]

_PRELOAD = ("schemathesis.specs.openapi.schemas", "paystack_contracts.run.embedded", "paystack_contracts.mock")
"""Modules a worker would otherwise import on its first session (about 0.3 s each time, measured)."""
_GRACE_S = 0.5  # how long a terminated worker gets before it is killed
_POLL_S = 0.5  # how often a waiting worker checks that its parent is still there
_STOP_GRACE_S = 2.0  # after Ctrl-C, how long the workers get to finish the group they are playing


class _Event(Protocol):
    def set(self) -> None: ...

    def wait(self, timeout: float | None = None) -> bool: ...


class _Counter(Protocol):
    value: int

    def get_lock(self) -> Any: ...


@dataclass(slots=True)
class _LocalCounter:
    """The counter of a queue that never leaves this process (tests, a pool that could not start)."""

    value: int = 0

    def get_lock(self) -> threading.Lock:
        return _LOCAL_LOCK


_LOCAL_LOCK = threading.Lock()


@dataclass(slots=True)
class Queue:
    """The run's groups and the index of the next one to take, shared by every process of the run."""

    groups: list[Group]
    counter: _Counter = field(default_factory=_LocalCounter)

    def take(self) -> int | None:
        """The index of the next group nobody has taken, or None when all are taken."""
        with self.counter.get_lock():
            index = self.counter.value
            if index >= len(self.groups):
                return None
            self.counter.value = index + 1
            return index

    def close(self) -> None:
        """Nobody takes another group (Ctrl-C)."""
        with self.counter.get_lock():
            self.counter.value = len(self.groups)


@dataclass(slots=True)
class WorkerPool:
    """Worker processes being started in the background, each with the pipe its recordings come back on."""

    plan: RunPlan
    queue: Queue
    workers: int
    started: _Event  # set by `go`: the workers may send
    processes: list[BaseProcess] = field(default_factory=list)
    pipes: list[Connection] = field(default_factory=list)
    starter: threading.Thread | None = None

    @property
    def count(self) -> int:
        """Processes that play groups: the workers and the parent."""
        return self.workers + 1

    def go(self) -> None:
        """Let the workers send (the preflight passed)."""
        self.started.set()

    def help(self, into: dict[int, Recording] | None = None) -> dict[int, Recording]:
        """Play groups in this process until none is left to take (the parent, once its own phases are done);
        each recording goes into `into` as soon as its group is done, so an interrupted parent keeps them."""
        mine = {} if into is None else into
        while (index := self.queue.take()) is not None:
            mine[index] = fuzz_group(self.plan, self.queue.groups[index], index)
        return mine

    def stop(self, grace_s: float = _STOP_GRACE_S) -> dict[int, Recording]:
        """Ctrl-C: no group is taken any more, and the recordings of the workers that finish the group they are
        playing within `grace_s` come back; a worker still busy then is ended with what it played."""
        self.queue.close()
        self.started.set()  # a worker still waiting takes nothing now, and says so at once
        if self.starter is not None:
            self.starter.join()
        deadline = time.monotonic() + grace_s
        kept: dict[int, Recording] = {}
        for pipe in self.pipes:
            if not pipe.poll(max(0.0, deadline - time.monotonic())):
                continue
            with contextlib.suppress(EOFError, OSError):
                outcome, payload = pipe.recv()
                if outcome == "ok" and isinstance(payload, dict):
                    kept.update(payload)
        return kept

    def recordings(self) -> Iterator[tuple[int, Recording]]:
        """(group index, recording) of every group the workers played. Raises `WorkerError` for a worker that
        raised or died before saying it was done."""
        if self.starter is not None:
            self.starter.join()
        if len(self.processes) < self.workers:
            raise WorkerError("a worker process could not be started")
        for number, (process, pipe) in enumerate(zip(self.processes, self.pipes, strict=True)):
            yield from _received(number, process, pipe).items()

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


def _received(number: int, process: BaseProcess, pipe: Connection) -> dict[int, Recording]:
    try:
        outcome, payload = pipe.recv()
    except EOFError:
        process.join()
        raise WorkerError(f"worker {number} ended before returning its groups (exit code {process.exitcode})") from None
    if outcome != "ok" or not isinstance(payload, dict):
        raise WorkerError(f"worker {number} failed: {payload}")
    return payload


def fuzz_group(plan: RunPlan, group: Group, index: int) -> Recording:
    """Play the generated phases for one group's operations against a fresh session; what was recorded."""
    share = plan.share(group)
    result = RunResult(target=Target(plan.label))
    recorder = Recorder(result, prefix=f"g{index}.")
    with open_session(share, recorder) as session:
        try:
            fuzz_all(session, share)
        except RunStopped as stop:
            result.inconclusives.append(Inconclusive(stop.operation, stop.reason, str(stop)))
        return recorder.recording(session.client.budget.used)


def _serve(plan: RunPlan, queue: Queue, started: _Event, number: int, pipe: Connection) -> None:
    """A worker process's body: groups until none is left, then their recordings in one message (or one line
    saying why there are none). One message at the end, not one per group: a pipe holds 64 KiB, and a worker
    blocked on a send the parent reads only later would stop taking groups. Ctrl-C reaches the whole process
    group; a worker leaves it to the parent, which terminates its workers on the way out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pin_project(plan.project)  # a fork server's worker would read the contracts of the server's start
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # held while forking (`_start`): ignored now
    parent = multiprocessing.parent_process()
    while not started.wait(_POLL_S):
        if parent is not None and not parent.is_alive():
            return  # the run ended (even killed) before its preflight passed: nothing to send
    try:
        played = {}
        with fewer_collections():  # a fork server's worker does not inherit the parent's setting
            while (index := queue.take()) is not None:
                played[index] = fuzz_group(plan, queue.groups[index], index)
        pipe.send(("ok", played))
    except BaseException as exc:  # the parent raises it as a WorkerError; a traceback here would say it twice
        pipe.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        pipe.close()


def _context() -> ForkContext | ForkServerContext:
    """`fork` on Linux when only this thread runs, else the fork server (see the module docstring). Not on macOS,
    where a forked child may crash in system frameworks its parent loaded (`requests` reads proxy settings
    through them)."""
    if sys.platform.startswith("linux") and threading.active_count() == 1:
        forking = multiprocessing.get_context("fork")
        assert isinstance(forking, ForkContext)
        return forking
    context = multiprocessing.get_context("forkserver")
    assert isinstance(context, ForkServerContext)
    context.set_forkserver_preload([__name__, *_PRELOAD])  # imported once; each worker forks from it, ready
    return context


def start_workers(plan: RunPlan) -> WorkerPool | None:
    """Workers for the plan's generated phases, waiting for `go` (None when the plan runs them in-process).
    Forked workers start here, at once; from a fork server, they are started from a background thread (the first
    start waits for the server's imports), and the caller's own set-up uses that time."""
    if not plan.parallel:
        return None
    work = groups(plan)
    context = _context()
    workers = min(plan.options.workers - 1, len(work))  # the parent is one of the processes
    pool = WorkerPool(plan, Queue(work, context.Value("i", 0)), workers, context.Event())
    if isinstance(context, ForkServerContext):
        pool.starter = threading.Thread(target=_start, args=(pool, context), name="fuzz-start", daemon=True)
        pool.starter.start()
    else:
        for name in _PRELOAD:  # what this process imports for its own session anyway: imported once, for both
            importlib.import_module(name)
        _start(pool, context)
    return pool


def _start(pool: WorkerPool, context: ForkContext | ForkServerContext) -> None:
    for number in range(pool.workers):
        receiving, sending = context.Pipe(duplex=False)
        args = (pool.plan, pool.queue, pool.started, number, sending)
        process = context.Process(target=_serve, args=args, name=f"fuzz-{number}", daemon=True)
        with _sigint_held(context):
            process.start()
        sending.close()  # the worker holds the sending end: its exit is our EOF
        pool.processes.append(process)
        pool.pipes.append(receiving)


@contextlib.contextmanager
def _sigint_held(context: ForkContext | ForkServerContext) -> Iterator[None]:
    """SIGINT blocked while this thread forks a worker: a Ctrl-C in that moment reaches the parent once the fork
    is done (it is pending, not lost), and the child, which inherits the mask, ignores it once `_serve` has set
    SIGINT aside. Without it a Ctrl-C between the fork and `_serve`'s first line printed a worker traceback."""
    if not isinstance(context, ForkContext) or not hasattr(signal, "pthread_sigmask"):
        yield  # a fork server's workers are forked by the server, not by this thread
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
