"""What one suite run is asked to do. Built by the CLI or the pytest plugin; read by `runner.run_suite`."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from paystack_contracts.suite.target import TargetSpec

__all__ = ["DEFAULT_SEED", "Profile", "SuiteOptions"]

DEFAULT_SEED = 20261122
"""Runs are gates: the same code and target give the same verdict twice. Vary `--seed` to explore."""


class Profile(enum.StrEnum):
    """`full`: Schemathesis phases + state machine + scenarios (for mocks). `live`: a planned, minimal request set
    that covers every operation x documented status within the test-mode rate limit (for real sandboxes)."""

    FULL = "full"
    LIVE = "live"


@dataclass(frozen=True, slots=True)
class SuiteOptions:
    target: TargetSpec = field(default_factory=TargetSpec)
    profile: Profile | None = None  # None: full against the embedded mock or a loopback URL, live otherwise
    seed: int | None = None
    max_requests: int | None = None  # None: unlimited in-process, the test-mode limit (100) over the network
    max_examples: int = 25  # fuzzing cases per operation (examples and coverage cases come on top)
    phases: tuple[str, ...] = ("examples", "coverage", "fuzzing", "stateful")
    operations: tuple[str, ...] = ()  # restrict to these operationIds (targeted runs); empty: all
    scenarios: tuple[str, ...] | None = None  # names from `workflows.SCENARIOS` + "negative contract"; None: all
    mask_pii: bool = False
    drift: tuple[str, ...] = ()  # drift profiles of the embedded mock (refused for any other target)
    request_timeout: float = 10.0
    max_wait: float = 60.0  # longest wait for a rate-limit window before a case becomes inconclusive
    run_id: str | None = None  # stamped into created records; generated when None
    update_baseline: bool = False  # record response fingerprints as the new baseline
    workers: int = 1  # processes for the generated phases (loopback targets without a budget only)
