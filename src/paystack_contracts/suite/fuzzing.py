"""The Schemathesis examples, coverage and fuzzing phases, driven directly (no pytest, no engine thread pool).

Why not `pytest.main` over a parametrized module, or `st run`? Both add per-case overhead we measured (the CLI's
example database alone slows it 3-6x; see reference §7), and neither hands back structured per-case results. We
build each operation's Hypothesis test with Schemathesis's own builder (`create_test`, what its pytest plugin and
engine use) and give it a test body that sends through `ContractClient` and never raises: failures are recorded,
not shrunk, so one run reports every distinct finding.
"""

from __future__ import annotations

from typing import Any

from schemathesis.generation import derive_operation_seed, overrides
from schemathesis.generation.hypothesis.builder import HypothesisTestConfig, HypothesisTestMode, create_test

from paystack_contracts.suite.client import ContractClient, RunStopped

__all__ = ["fuzz_operation"]

_MODES = {
    "examples": HypothesisTestMode.EXAMPLES,
    "coverage": HypothesisTestMode.COVERAGE,
    "fuzzing": HypothesisTestMode.FUZZING,
}


def fuzz_operation(operation: Any, client: ContractClient, *, phases: tuple[str, ...], seed: int | None) -> None:
    """Run the enabled phases for one operation. Raises `RunStopped` when nothing more may be sent."""
    modes = [mode for name, mode in _MODES.items() if name in phases]
    if not modes:
        return
    config = operation.schema.config

    def run_case(case: Any) -> None:
        client.send(case)

    test = create_test(
        operation=operation,
        test_func=run_case,
        config=HypothesisTestConfig(
            project=config,
            modes=modes,
            settings=config.get_hypothesis_settings(operation=operation, phase="fuzzing"),
            apply_ci_profile=False,
            seed=derive_operation_seed(seed, operation.label) if seed is not None else None,
            override=overrides.with_config_headers(config, operation=operation),
        ),
    )
    try:
        test()
    except RunStopped:
        raise
    except BaseException as exc:  # Hypothesis may wrap what the body raised; unwrap the stop signal
        stopped = _stop_signal(exc)
        if stopped is None:
            raise
        raise stopped from None


def _stop_signal(exc: BaseException) -> RunStopped | None:
    if isinstance(exc, RunStopped):
        return exc
    inner = list(exc.exceptions) if isinstance(exc, BaseExceptionGroup) else [exc.__cause__, exc.__context__]
    return next((found for e in inner if e is not None and (found := _stop_signal(e)) is not None), None)
