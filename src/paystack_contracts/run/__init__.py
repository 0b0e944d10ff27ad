"""The conformance run, laid out along the path a request takes:

    plan       SuiteOptions (raw) -> RunPlan (vetted, decided, frozen): target, profile, seed, budget, auth
    session    the transport (`embedded`: the mock on the session's own event loop, or HTTP) and the contracts
    transport  HTTP to a real target with every limit a hostile one could test (`deadlines`: a request's end)
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

The names below are imported on first use (PEP 562): `paystack_contracts.run.plan` is light, and the pytest
plugin, loaded in every pytest session of an environment with this package, reads it without paying for the
runner's imports (Schemathesis, Hypothesis, the mock: about 1 s).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from paystack_contracts.checks.selection import CHECK_NAMES
    from paystack_contracts.run.catalogue import OperationEntry, contract_operations, select_operations, vet_scenarios
    from paystack_contracts.run.plan import DEFAULT_SEED, Profile, RunPlan, SuiteOptions, TargetSpec
    from paystack_contracts.run.runner import RunInterrupted, run_suite
    from paystack_contracts.run.scenarios import SCENARIO_NAMES
    from paystack_contracts.run.session import contract_operation_ids

_WHERE = {
    "CHECK_NAMES": "paystack_contracts.checks.selection",
    "DEFAULT_SEED": "paystack_contracts.run.plan",
    "SCENARIO_NAMES": "paystack_contracts.run.scenarios",
    "OperationEntry": "paystack_contracts.run.catalogue",
    "Profile": "paystack_contracts.run.plan",
    "RunInterrupted": "paystack_contracts.run.runner",
    "RunPlan": "paystack_contracts.run.plan",
    "SuiteOptions": "paystack_contracts.run.plan",
    "TargetSpec": "paystack_contracts.run.plan",
    "contract_operation_ids": "paystack_contracts.run.session",
    "contract_operations": "paystack_contracts.run.catalogue",
    "run_suite": "paystack_contracts.run.runner",
    "select_operations": "paystack_contracts.run.catalogue",
    "vet_scenarios": "paystack_contracts.run.catalogue",
}
"""Where each public name lives."""

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


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later lookups find it directly
    return value
