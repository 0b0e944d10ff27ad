"""The conformance run, laid out along the path a request takes:

    plan       SuiteOptions (raw) -> RunPlan (vetted, decided, frozen): target, profile, seed, budget, auth
    session    the transport (`embedded`: the mock on the session's own event loop, or HTTP) and the contracts
    client     send within budget and rate limit (`throttle`); inconclusive outcomes; stop signals
    judge      response -> findings (check, JSON path, expected, actual), the scrubbed exchange, replay line
    recorder   findings de-duplicated and stored once, tallies, exchanges for the drift gates
    generated  Schemathesis phases, the state machine
    corpus     the cases a seed generated, kept in the cache dir and replayed by the next run with the same inputs
    workers    the processes the generated phases spread over, ended with the run
    scenarios  the designed requests, in one table (workflows, negative contract, status plan)
    catalogue  what a run can be restricted to (operations by id, tag, method, path; scenarios), vetted
    runner     the order of a run: `run_suite(options, progress) -> RunResult`

The drift gates that read recorded exchanges after a run live in `paystack_contracts.drift`.
"""

from __future__ import annotations

from paystack_contracts.checks.selection import CHECK_NAMES
from paystack_contracts.run.catalogue import OperationEntry, contract_operations, select_operations, vet_scenarios
from paystack_contracts.run.plan import DEFAULT_SEED, Profile, RunPlan, SuiteOptions, TargetSpec
from paystack_contracts.run.runner import RunInterrupted, run_suite
from paystack_contracts.run.scenarios import SCENARIO_NAMES
from paystack_contracts.run.session import contract_operation_ids

__all__ = [
    "CHECK_NAMES",
    "DEFAULT_SEED",
    "SCENARIO_NAMES",
    "OperationEntry",
    "Profile",
    "RunInterrupted",
    "RunPlan",
    "SuiteOptions",
    "TargetSpec",
    "contract_operation_ids",
    "contract_operations",
    "run_suite",
    "select_operations",
    "vet_scenarios",
]
