"""The generated half of a run: Schemathesis's examples, coverage and fuzzing phases per operation, and the state
machine over the contract's OpenAPI links (`run.workers` spreads the phases over processes).

Why not `pytest.main` over a parametrized module, or `st run`? Both add per-case overhead we measured (the CLI's
example database alone slows it 3-6x; reference §7), and neither hands back structured per-case results. We build
each operation's Hypothesis test with Schemathesis's own builder (`create_test`, what its pytest plugin and engine
use) with a body that sends through `ContractClient` and never raises: failures are recorded, not shrunk, so one
run reports every distinct finding.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Iterator
from typing import Any, TypeVar

import hypothesis
from hypothesis.internal.conjecture import providers
from hypothesis.internal.constants_ast import Constants
from schemathesis.core.errors import NoLinksFound
from schemathesis.generation import derive_operation_seed, overrides
from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test

from paystack_contracts.run.client import ContractClient, RunStopped
from paystack_contracts.run.corpus import corpus_for
from paystack_contracts.run.plan import RunPlan
from paystack_contracts.run.session import Session
from paystack_contracts.seam import Case, Operation, Response, Schema, operations

__all__ = [
    "collect_if_grown",
    "fewer_collections",
    "fuzz_all",
    "fuzz_operation",
    "run_state_machine",
    "without_local_constants",
]

E = TypeVar("E", bound=BaseException)
_NO_CONSTANTS = Constants()
_RUN_THRESHOLDS = (50_000, 50, 100)
_GROWTH = 256 * 1024 * 1024
"""How much a process may grow while `fewer_collections` holds the collector off before it collects once."""
_collected_at = [0]  # the process's peak memory at the last collection (or when the collector went off)
_MODES = {
    "examples": HypothesisTestMode.EXAMPLES,
    "coverage": HypothesisTestMode.COVERAGE,
    "fuzzing": HypothesisTestMode.FUZZING,
}


def fuzz_operation(operation: Operation, client: ContractClient, plan: RunPlan) -> None:
    """Run the plan's enabled phases for one operation. Raises `RunStopped` when nothing more may be sent."""
    without_local_constants()
    modes = [mode for name, mode in _MODES.items() if name in plan.options.phases]
    if not modes:
        return
    corpus = corpus_for(operation, plan)
    kept = None if corpus is None else corpus.load(operation)
    if kept is not None:
        for case in kept:  # what this seed generated the last time, in its order
            client.send(case)
        return
    snapshots: list[bytes] = []
    config = operation.schema.config

    def run_case(case: Case) -> None:
        if corpus is not None:
            snapshots.append(corpus.snapshot(case))
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
        if corpus is not None:
            corpus.store(snapshots)  # only phases that ran to their end are kept
    except (RunStopped, KeyboardInterrupt):
        raise
    except BaseException as exc:  # Hypothesis may wrap what the body raised; unwrap the stop signal
        _reraise_interrupt(exc)
        stopped = _found(exc, RunStopped)
        if stopped is None:
            raise
        raise stopped from None


def without_local_constants() -> None:
    """Stop Hypothesis drawing constants from the source of this process's "local" modules.

    Upstream cause: Hypothesis (>= 6.131, `hypothesis.internal.conjecture.providers._get_local_constants`) parses
    with `ast` every imported module outside site-packages and mixes their literals into 5% of its draws. In a
    development install our own package is "local", so the cases a seed gives depended on which modules the
    process had imported (the parent, a worker, pytest): a seed did not reproduce across worker counts, and each
    worker re-parsed our sources. There is no setting for it; this pins the set empty (idempotent; private API,
    so it is guarded and does nothing if Hypothesis moves it)."""
    if getattr(providers, "_get_local_constants", _no_local_constants) is _no_local_constants:
        return
    setattr(providers, "_get_local_constants", _no_local_constants)  # noqa: B010  # a private module attribute
    providers.CONSTANTS_CACHE.cache.clear()  # what was drawn from the old set


def _no_local_constants() -> Constants:
    return _NO_CONSTANTS


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """The cyclic garbage collector off for the duration, but for one collection each time the process has grown
    by `_GROWTH` since the last (`collect_if_grown`, after each operation); on again on the way out if it was on.

    Hypothesis allocates millions of short-lived objects, nearly all freed at once by reference counting. At the
    default threshold a run's parent collected about 830 times (0.8-1.0 s of a 6 s run); at 50,000, 35 times
    (0.2 s in the parent, as much in the worker); off, the default run used 0.6-0.8 s less CPU and 23 MB more
    memory (measured: bench/suite_bench.py's default run). The cycles a long run leaves are collected as it
    grows. Where the peak memory cannot be read (no `resource` module), the collector stays on, collecting every
    50,000 allocations."""
    if _peak_bytes() is None:
        before = gc.get_threshold()
        gc.set_threshold(*_RUN_THRESHOLDS)
        try:
            yield
        finally:
            gc.set_threshold(*before)
        return
    was_on = gc.isenabled()
    gc.disable()
    _collected_at[0] = _peak_bytes() or 0
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def collect_if_grown() -> None:
    """While `fewer_collections` holds the collector off: collect once the process's peak memory has grown by
    `_GROWTH` since the last collection (or the start), so that garbage in cycles stays bounded."""
    peak = _peak_bytes()
    if gc.isenabled() or peak is None or peak - _collected_at[0] < _GROWTH:
        return
    gc.collect()
    _collected_at[0] = peak


def _peak_bytes() -> int | None:
    try:
        import resource
    except ImportError:  # not on every platform (Windows)
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # bytes on macOS, KiB elsewhere


def fuzz_all(session: Session, plan: RunPlan) -> None:
    """The generated phases for every operation of the session's contracts, in this process."""
    for schema in session.contracts.all():
        for operation in operations(schema):
            fuzz_operation(operation, session.client, plan)
            collect_if_grown()


def _found(exc: BaseException, kind: type[E]) -> E | None:
    """`exc` or the first `kind` among what it wraps (causes, contexts, exception groups)."""
    if isinstance(exc, kind):
        return exc
    inner = list(exc.exceptions) if isinstance(exc, BaseExceptionGroup) else [exc.__cause__, exc.__context__]
    return next((found for e in inner if e is not None and (found := _found(e, kind)) is not None), None)


def _reraise_interrupt(exc: BaseException) -> None:
    """Ctrl-C inside Hypothesis's engine can come out as another error (an `AssertionError` from its own state,
    seen at 0.5 s into a run): the user asked to stop, so it is a KeyboardInterrupt again."""
    if _found(exc, KeyboardInterrupt) is not None:
        raise KeyboardInterrupt from None


class _Inconclusive(Exception):
    """A step's outcome said nothing about the contract; the scenario ends there."""


def run_state_machine(schema: Schema, client: ContractClient, plan: RunPlan) -> bool:
    """Run link-driven scenarios over the contract. False when the contract has no links to follow.

    A step that cannot be judged (inconclusive) or may not be sent (`RunStopped`: budget, deadline, target down)
    ends the machine. Hypothesis then replays the failing example to confirm it, and since the target's state (or
    the budget) moved on, the replay may stop earlier and Hypothesis reports `Flaky...`: what ended the machine is
    remembered here, so that whatever Hypothesis raises about the replay, the run sees the real cause.
    """
    without_local_constants()
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
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        _reraise_interrupt(exc)
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
