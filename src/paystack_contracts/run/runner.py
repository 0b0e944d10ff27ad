"""`run_suite(options, progress) -> RunResult`: the order of a run, and nothing else.

1. resolve the plan (refusals happen here, before any request); start the fuzzing workers, if any: they wait for
   the preflight, and are terminated and joined when the run leaves, whichever way it leaves;
2. open the session (the transport and the contracts pointed at the target);
3. the preflight (a rejected key or an absent target is a configuration error), after which the workers may send;
   the scenarios; then, in the `full` profile, the state machine and the generated phases (the parent takes
   groups from the workers' queue once the state machine is done); then the status plan;
4. the drift gates over the recorded exchanges (fingerprints, ledger verdicts); then findings of one cause
   (same operation and JSON path, several checks) are merged into one.

Ctrl-C during 2-3 ends the exercise, not the run: the result is marked partial (`RunFacts.partial`), finished like
any other (the gates, minus a baseline update), and raised as `RunInterrupted`, a KeyboardInterrupt that carries it,
so the CLI writes the reports collected so far while any other caller stops as before.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import replace
from datetime import UTC, datetime

from paystack_contracts import __version__
from paystack_contracts.drift.gates import apply_gates, gate_inputs
from paystack_contracts.errors import ContractsError
from paystack_contracts.progress import NullProgress, ProgressListener
from paystack_contracts.project import current_project
from paystack_contracts.results import Inconclusive, RunResult, Target
from paystack_contracts.run.catalogue import select_operations
from paystack_contracts.run.client import RunStopped
from paystack_contracts.run.generated import fewer_collections, fuzz_all, run_state_machine
from paystack_contracts.run.plan import Profile, RunPlan, SuiteOptions
from paystack_contracts.run.recorder import Recorder, Recording, merge_causes
from paystack_contracts.run.scenarios import SCENARIOS, Designed, ScenarioStopped, Steps, operations_by_id
from paystack_contracts.run.scenarios.preflight import never_reached, preflight
from paystack_contracts.run.scenarios.status_plan import coverage_of
from paystack_contracts.run.session import GLOBALSTACK_CONTRACT, Session, contract_labels, open_session
from paystack_contracts.run.workers import WorkerPool, start_workers
from paystack_contracts.webhooks.contract import payload_validator, project_contract
from paystack_contracts.webhooks.judge import judge_deliveries

__all__ = ["RunInterrupted", "run_suite"]


class RunInterrupted(KeyboardInterrupt):
    """Ctrl-C during a run. `result` holds what was collected before it, marked partial; still a KeyboardInterrupt,
    so a caller that does not look for it (pytest) stops as it always did."""

    def __init__(self, result: RunResult) -> None:
        super().__init__("interrupted")
        self.result = result


def run_suite(options: SuiteOptions, progress: ProgressListener | None = None) -> RunResult:
    """Run the suite. Raises `ContractsError` before anything is sent, `RunInterrupted` on Ctrl-C."""
    plan = RunPlan.resolve(options)
    select_operations(options.operations)  # an unknown operationId is a UsageError that lists them, not an empty run
    progress = progress or NullProgress()
    result = _new_result(plan)
    started = time.perf_counter()
    recorder = Recorder(result, progress)
    try:
        with fewer_collections():  # forked workers inherit it
            sent, workers = _session(plan, recorder)
    except KeyboardInterrupt:  # while the session opened: nothing was sent
        result.facts.partial, sent, workers = True, 0, 1
    # requests went out and not one answer said anything (a body too large or too deep to read says something)
    if sent and not recorder.exchanges and not result.findings and not result.facts.partial:
        raise never_reached(plan.label, result)
    facts = result.facts
    facts.not_served = _not_served(plan)
    facts.profile, facts.run_id, facts.reproduce = plan.profile.value, plan.run_id, plan.reproduce_command()
    facts.workers = workers
    update = options.update_baseline and not facts.partial  # a baseline is never recorded from part of a run
    apply_gates(result, recorder.planned, recorder.exchanges, update_baseline=update)
    result.findings = merge_causes(result.findings)
    result.requests_sent = sent + recorder.absorbed_requests
    result.duration_s = round(time.perf_counter() - started, 3)
    progress.run_finished(result)
    if facts.partial:
        raise RunInterrupted(result)
    return result


def _session(plan: RunPlan, recorder: Recorder) -> tuple[int, int]:
    """Open the session, exercise the target, judge the webhooks: (requests this process sent, worker processes).
    Workers start first and wait for the preflight (a rejected key lets none send); they end with the session,
    whichever way it ends."""
    result, progress = recorder.result, recorder.progress
    with contextlib.ExitStack() as stack:
        workers = start_workers(plan)
        if workers is not None:
            stack.enter_context(workers)  # terminated and joined when the run leaves, whichever way
            if plan.embedded:
                workers.go()  # each worker's mock is its own, in its own process: no key to reject, nothing absent
        session = stack.enter_context(open_session(plan, recorder))
        operations = operations_by_id(*session.contracts.all())
        labels = [operation.label for operation in operations.values()]
        progress.run_started(labels, plan.budget)
        steps = Steps(session.client, operations, plan, session.receiver)
        try:
            preflight(steps)  # a rejected key or an absent target raises here, before the rest is sent
            if workers is not None:
                workers.go()
            _exercise(steps, session, workers)
        except RunStopped as stop:
            _report_uncovered(result, labels, stop)
        except KeyboardInterrupt:
            result.facts.partial = True  # groups still being played are lost with their processes
        _judge_webhooks(session)
        result.facts.coverage = coverage_of(operations.values(), result)
        return session.client.budget.used, 1 if workers is None else workers.count


def _new_result(plan: RunPlan) -> RunResult:
    key = plan.paystack.key
    globalstack = None if plan.embedded or plan.globalstack is None else plan.globalstack.base_url
    return RunResult(
        target=Target(plan.label, key.redacted, key.mode, globalstack, plan.options.drift),
        seed=plan.seed,
        tool_version=__version__,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
        request_budget=plan.budget,
    )


def _exercise(steps: Steps, session: Session, workers: WorkerPool | None) -> None:
    """The scenarios first, then the generated phases (full profile), then the status plan (whole runs only)."""
    plan = steps.plan
    wanted = plan.options.scenarios
    for designed in SCENARIOS:
        if not designed.last and (wanted is None or designed.name in wanted):
            _play(steps, designed)
    if plan.profile is Profile.FULL:
        _generated(session, plan, workers)
    if wanted is None:
        for designed in SCENARIOS:
            if designed.last:
                _play(steps, designed)


def _play(steps: Steps, designed: Designed) -> None:
    steps.scenario = designed.name
    with contextlib.suppress(ScenarioStopped):  # an inconclusive step ends its scenario, not the run
        designed.run(steps)


def _generated(session: Session, plan: RunPlan, workers: WorkerPool | None) -> None:
    client, options = session.client, plan.options
    if "stateful" in options.phases and not options.operations:  # links span operations
        links = run_state_machine(session.contracts.paystack, client, plan)
        client.recorder.result.facts.state_machine = "ran" if links else "no links in the contract"
    if workers is None:
        fuzz_all(session, plan)
        return
    _ahead_of_the_end(session)
    played: dict[int, Recording] = {}
    try:
        workers.help(played)  # the parent takes groups too, once its own phases are done
        played.update(workers.recordings())
    except KeyboardInterrupt:  # keep the groups played so far: the parent's, and what the workers finish now
        with contextlib.suppress(KeyboardInterrupt):  # a second Ctrl-C gives up waiting for the workers
            played.update(workers.stop())
        _absorb(client.recorder, played)
        raise
    _absorb(client.recorder, played)


def _ahead_of_the_end(session: Session) -> None:
    """What the run's end needs whatever the run found, loaded before this process takes groups: the end runs in
    this process alone, while groups are shared with the workers (the webhook contract and its validator,
    0.15-0.25 s; the gates' inputs, ~40 ms; measured). A file that fails to load fails the run where it always
    did, at the gates."""
    if session.receiver is not None:
        project_contract()
        payload_validator()
    with contextlib.suppress(ContractsError):
        gate_inputs(current_project())


def _absorb(recorder: Recorder, played: dict[int, Recording]) -> None:
    """In the groups' order, whoever played them: the same result every time."""
    for index in sorted(played):
        recorder.absorb(played[index])


def _not_served(plan: RunPlan) -> dict[str, str]:
    """GlobalStack's operations when this target has none configured: reported, never sent, never failed."""
    if plan.globalstack is not None:
        return {}
    why = "not served by this target (no --globalstack-base-url given)"
    return {label: why for label in contract_labels(GLOBALSTACK_CONTRACT)}


def _judge_webhooks(session: Session) -> None:
    """Every webhook the run's receiver got: signature, payload against the contract's `webhooks`, duplicates."""
    if session.receiver is None:
        return
    for finding in judge_deliveries(session.receiver.deliveries, project_contract()):
        session.client.recorder.finding(replace(finding, check="webhook"))


def _report_uncovered(result: RunResult, labels: list[str], stop: RunStopped) -> None:
    """The operation that hit the stop, and every operation never reached, are inconclusive for its reason."""
    result.inconclusives.append(Inconclusive(stop.operation, stop.reason, str(stop)))
    for label in labels:
        if not result.operation(label).cases and label != stop.operation:
            result.inconclusives.append(Inconclusive(label, stop.reason, f"not reached: {stop}"))
