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
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import requests

from paystack_contracts import __version__
from paystack_contracts.errors import UsageError
from paystack_contracts.progress import NullProgress, ProgressListener
from paystack_contracts.results import Inconclusive, RunResult, Target
from paystack_contracts.suite import gates, live, negative
from paystack_contracts.suite.client import ContractClient, RunStopped
from paystack_contracts.suite.fuzzing import fuzz_operation
from paystack_contracts.suite.identifiable import active_run
from paystack_contracts.suite.options import Profile, SuiteOptions
from paystack_contracts.suite.recorder import Recorder
from paystack_contracts.suite.scenario import Scenario, ScenarioStopped, Steps, operations_by_id
from paystack_contracts.suite.schemas import (
    CHECKS,
    GLOBALSTACK_CONTRACT,
    IN_PROCESS_ORIGIN,
    PAYSTACK_CONTRACT,
    Contracts,
    load_contract,
)
from paystack_contracts.suite.stateful import run_state_machine
from paystack_contracts.suite.target import DEFAULT_LIVE_BUDGET, ResolvedTarget, resolve_target
from paystack_contracts.suite.throttle import RateLimitGate, RequestBudget
from paystack_contracts.suite.workflows import SCENARIOS

__all__ = ["EMBEDDED_CUSTOMERS", "NEGATIVE", "SCENARIO_NAMES", "run_suite"]

NEGATIVE = "negative contract"
SCENARIO_NAMES = (*SCENARIOS, NEGATIVE)

EMBEDDED_CUSTOMERS = 3
"""Customers the embedded mock starts with, so list pagination has more than one page to be wrong about."""


def run_suite(options: SuiteOptions, progress: ProgressListener | None = None) -> RunResult:
    from paystack_contracts.mock import DEFAULT_TEST_KEY  # the embedded target's key; never a user's

    target = resolve_target(options.target, embedded_key=DEFAULT_TEST_KEY)
    if options.drift and not target.embedded:
        raise UsageError("--drift switches profiles of the embedded mock; it cannot change a remote target")
    progress = progress or NullProgress()
    seed = options.seed if options.seed is not None else secrets.randbelow(2**31)
    profile = options.profile or (Profile.FULL if target.loopback else Profile.LIVE)
    limit = (
        options.max_requests if options.max_requests is not None else (None if target.embedded else DEFAULT_LIVE_BUDGET)
    )
    result = RunResult(
        target=Target(target.label, target.key.redacted, target.key.mode, target.globalstack_base_url, options.drift),
        seed=seed,
        tool_version=__version__,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        request_budget=limit,
    )
    started = time.perf_counter()
    recorder = Recorder(result, progress)
    budget = RequestBudget(limit)
    with _transport(target, options, seed) as (session, app):
        contracts = _contracts(target, options, seed, app)
        client = ContractClient(
            session,
            recorder,
            budget,
            RateLimitGate(max_wait=options.max_wait),
            CHECKS,
            target.secrets,
            mask_pii=options.mask_pii,
            timeout=options.request_timeout,
        )
        labels = [op.label for schema in contracts.all() for op in _operations(schema)]
        progress.run_started(labels, limit)
        run_id = options.run_id or f"{seed:x}{secrets.token_hex(3)}"
        with active_run(run_id):
            try:
                _exercise(contracts, client, target, options, profile, seed, run_id)
            except RunStopped as stop:
                _report_uncovered(result, labels, stop)
        result.extra |= {"profile": profile.value, "run_id": run_id, "coverage": live.coverage_of(contracts, result)}
    gates.apply_gates(result, recorder, update_baseline=options.update_baseline)
    result.requests_sent = budget.used
    result.duration_s = round(time.perf_counter() - started, 3)
    progress.run_finished(result)
    return result


def _exercise(
    contracts: Contracts,
    client: ContractClient,
    target: ResolvedTarget,
    options: SuiteOptions,
    profile: Profile,
    seed: int,
    run_id: str,
) -> None:
    """Scenarios first (their responses are the ones fingerprinted, so they must not see the random records the
    generated cases create), then the Schemathesis phases and the state machine, then the status plan."""
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
        _generated(contracts, client, target, options, seed)
    if options.scenarios is None:  # a whole run: one planned request for each documented status still unseen
        steps.scenario = "status plan"
        live.cover_documented_statuses(steps, client.recorder.result)


def _generated(
    contracts: Contracts, client: ContractClient, target: ResolvedTarget, options: SuiteOptions, seed: int
) -> None:
    for schema in contracts.all():
        for operation in _operations(schema):
            fuzz_operation(operation, client, phases=options.phases, seed=seed)
    if "stateful" in options.phases and not options.operations:  # links span operations
        auth = {"Authorization": f"Bearer {target.key.reveal()}"}
        scenarios = max(5, options.max_examples // 2)
        links = run_state_machine(contracts.paystack, client, scenarios=scenarios, seed=seed, auth=auth)
        client.recorder.result.extra["state_machine"] = "ran" if links else "no links in the contract"


def _auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def _operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def _contracts(target: ResolvedTarget, options: SuiteOptions, seed: int, app: Any) -> Contracts:
    base = IN_PROCESS_ORIGIN if target.embedded else target.base_url
    assert base is not None
    common = {"seed": seed, "max_examples": options.max_examples, "app": app, "operations": options.operations}
    paystack = load_contract(PAYSTACK_CONTRACT, base_url=base, key=target.key.reveal(), **common)
    gs_base = f"{IN_PROCESS_ORIGIN}/v1" if target.embedded else target.globalstack_base_url
    globalstack = None
    if gs_base is not None:
        globalstack = load_contract(
            GLOBALSTACK_CONTRACT, base_url=gs_base, key=target.globalstack_key.reveal(), **common
        )
    return Contracts(paystack, globalstack)


@contextlib.contextmanager
def _transport(target: ResolvedTarget, options: SuiteOptions, seed: int) -> Iterator[tuple[requests.Session, Any]]:
    """In-process: the embedded mock's ASGI app behind Schemathesis's ASGI client. Otherwise a plain session."""
    if not target.embedded:
        with requests.Session() as session:
            yield session, None
        return
    from schemathesis.python.asgi import ASGIClient

    from paystack_contracts.mock import MockSettings, create_app

    app = create_app(MockSettings(drift=options.drift, random_seed=seed, seed_customers=EMBEDDED_CUSTOMERS))
    with ASGIClient(app) as session:  # type: ignore[arg-type]  # Starlette's scope type is wider
        yield session, app


def _report_uncovered(result: RunResult, labels: list[str], stop: RunStopped) -> None:
    """The operation that hit the stop, and every operation never reached, are inconclusive for its reason."""
    result.inconclusives.append(Inconclusive(stop.operation, stop.reason, str(stop)))
    for label in labels:
        if not result.operation(label).cases and label != stop.operation:
            result.inconclusives.append(Inconclusive(label, stop.reason, f"not reached: {stop}"))
