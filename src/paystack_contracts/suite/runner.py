"""`run_suite(options, progress) -> RunResult`: the conformance suite as a library call (no printing, no exit).

Order of a run: resolve and vet the target (refusals happen here, before any request); load the contracts as
Schemathesis schemas pointed at it; then, in the `full` profile, the examples/coverage/fuzzing phases per
operation, the state machine over the contract's links and the explicit scenarios; in the `live` profile, the
scenarios and a planned minimal set of requests (`live.plan`). Gates that read the recorded exchanges
(fingerprints, verdicts) run last.
"""

from __future__ import annotations

import contextlib
import functools
import secrets
import time
from datetime import UTC, datetime
from typing import Any

from paystack_contracts import __version__
from paystack_contracts.errors import UsageError
from paystack_contracts.progress import NullProgress, ProgressListener
from paystack_contracts.results import Inconclusive, RunResult, Target
from paystack_contracts.suite import gates, live, negative
from paystack_contracts.suite.client import RunStopped
from paystack_contracts.suite.fuzzing import fuzz_operation
from paystack_contracts.suite.identifiable import active_run
from paystack_contracts.suite.options import Profile, SuiteOptions
from paystack_contracts.suite.parallel import WorkerPool, start_workers
from paystack_contracts.suite.recorder import Recorder
from paystack_contracts.suite.scenario import Scenario, ScenarioStopped, Steps, operations_by_id
from paystack_contracts.suite.schemas import contract_operation_ids
from paystack_contracts.suite.session import Session, open_session
from paystack_contracts.suite.stateful import run_state_machine
from paystack_contracts.suite.target import DEFAULT_LIVE_BUDGET, ResolvedTarget, resolve_target
from paystack_contracts.suite.throttle import RequestBudget
from paystack_contracts.suite.workflows import SCENARIOS

__all__ = ["NEGATIVE", "SCENARIO_NAMES", "run_suite"]

NEGATIVE = "negative contract"
SCENARIO_NAMES = (*SCENARIOS, NEGATIVE)


def run_suite(options: SuiteOptions, progress: ProgressListener | None = None) -> RunResult:
    from paystack_contracts.mock import DEFAULT_TEST_KEY  # the embedded target's key; never a user's

    target = resolve_target(options.target, embedded_key=DEFAULT_TEST_KEY)
    if options.drift and not target.embedded:
        raise UsageError("--drift switches profiles of the embedded mock; it cannot change a remote target")
    progress = progress or NullProgress()
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    profile = options.profile or (Profile.FULL if target.loopback else Profile.LIVE)
    limit = (
        options.max_requests if options.max_requests is not None else (None if target.loopback else DEFAULT_LIVE_BUDGET)
    )
    run_id = options.run_id or f"{seed:x}{secrets.token_hex(3)}"
    result = RunResult(
        target=Target(target.label, target.key.redacted, target.key.mode, target.globalstack_base_url, options.drift),
        seed=seed,
        tool_version=__version__,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        request_budget=limit,
    )
    started = time.perf_counter()
    workers = _start_workers(
        options, target, profile, limit, seed, run_id, DEFAULT_TEST_KEY
    )  # they start while we work
    recorder = Recorder(result, progress)
    budget = RequestBudget(limit)
    with open_session(target, options, seed, recorder, budget) as session:
        labels = [op.label for schema in session.contracts.all() for op in _operations(schema)]
        progress.run_started(labels, limit)
        with active_run(run_id):
            try:
                _exercise(session, target, options, profile, seed, run_id, workers)
            except RunStopped as stop:
                _report_uncovered(result, labels, stop)
        coverage = live.coverage_of(session.contracts, result)
    result.extra |= {"profile": profile.value, "run_id": run_id, "coverage": coverage, "workers": _count(workers)}
    result.extra["reproduce"] = reproduce_command(options, target, profile, seed)
    gates.apply_gates(result, recorder, update_baseline=options.update_baseline)
    result.requests_sent = budget.used + recorder.absorbed_requests
    result.duration_s = round(time.perf_counter() - started, 3)
    progress.run_finished(result)
    return result


Workers = WorkerPool | None


def _start_workers(
    options: SuiteOptions,
    target: ResolvedTarget,
    profile: Profile,
    limit: int | None,
    seed: int,
    run_id: str,
    embedded_key: str,
) -> Workers:
    """Fuzzing workers for a whole run of a loopback target without a budget (budgets and rate limits stay in one
    process); None when the run is done in-process."""
    generated = {"examples", "coverage", "fuzzing"} & set(options.phases)
    if options.workers < 2 or profile is not Profile.FULL or not target.loopback or limit is not None or not generated:
        return None
    ids = [i for i in contract_operation_ids() if not options.operations or i in options.operations]
    if target.globalstack_base_url is None and not target.embedded:
        ids = [i for i in ids if not i.startswith("globalstack_")]
    return start_workers(options, ids, seed=seed, run_id=run_id, embedded_key=embedded_key)


def reproduce_command(options: SuiteOptions, target: ResolvedTarget, profile: Profile, seed: int) -> str:
    """The command line that repeats this run's generation (the key comes from PAYSTACK_SECRET_KEY)."""
    parts = ["paystack-contracts run", f"--seed {seed}", f"--profile {profile.value}"]
    if target.base_url:
        parts.append(f"--base-url {target.base_url}")
    parts += [f"--drift {name}" for name in options.drift]
    parts += [f"--operation {operation}" for operation in options.operations]
    if options.max_examples != SuiteOptions().max_examples:
        parts.append(f"--max-examples {options.max_examples}")
    if options.max_requests is not None:
        parts.append(f"--max-requests {options.max_requests}")
    return " ".join(parts)


def _count(workers: Workers) -> int:
    return 1 if workers is None else workers.count


def _exercise(
    session: Session,
    target: ResolvedTarget,
    options: SuiteOptions,
    profile: Profile,
    seed: int,
    run_id: str,
    workers: Workers,
) -> None:
    """Scenarios first (their responses are the ones fingerprinted, so they must not see the random records the
    generated cases create), then the Schemathesis phases and the state machine, then the status plan."""
    contracts, client = session.contracts, session.client
    steps = Steps(
        client,
        operations_by_id(*contracts.all()),
        _auth(target.key.reveal()),
        _auth(target.globalstack_key.reveal()),
        run_id,
    )
    scenarios: dict[str, Scenario] = {
        **SCENARIOS,
        NEGATIVE: functools.partial(negative.negative_contract, every_bad_key=profile is Profile.FULL),
    }
    for name, scenario in scenarios.items():
        if options.scenarios is None or name in options.scenarios:
            steps.scenario = name
            with contextlib.suppress(ScenarioStopped):
                scenario(steps)
    if profile is Profile.FULL:
        _generated(session, target, options, seed, workers)
    if options.scenarios is None:  # a whole run: one planned request for each documented status still unseen
        steps.scenario = "status plan"
        live.cover_documented_statuses(steps, client.recorder.result)


def _generated(session: Session, target: ResolvedTarget, options: SuiteOptions, seed: int, workers: Workers) -> None:
    contracts, client = session.contracts, session.client
    if "stateful" in options.phases and not options.operations:  # links span operations
        auth = {"Authorization": f"Bearer {target.key.reveal()}"}
        scenarios = max(5, options.max_examples // 2)
        links = run_state_machine(contracts.paystack, client, scenarios=scenarios, seed=seed, auth=auth)
        client.recorder.result.extra["state_machine"] = "ran" if links else "no links in the contract"
    if workers is not None:
        for outcome in workers.outcomes():
            client.recorder.absorb(outcome.result, outcome.exchanges, outcome.requests, outcome.paths)
        return
    for schema in contracts.all():
        for operation in _operations(schema):
            fuzz_operation(operation, client, phases=options.phases, seed=seed)


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def _report_uncovered(result: RunResult, labels: list[str], stop: RunStopped) -> None:
    """The operation that hit the stop, and every operation never reached, are inconclusive for its reason."""
    result.inconclusives.append(Inconclusive(stop.operation, stop.reason, str(stop)))
    for label in labels:
        if not result.operation(label).cases and label != stop.operation:
            result.inconclusives.append(Inconclusive(label, stop.reason, f"not reached: {stop}"))
