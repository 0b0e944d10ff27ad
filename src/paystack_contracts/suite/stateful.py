"""The Schemathesis state machine over the contract's OpenAPI links (create -> fetch/update/identify/...).

Each step goes through `ContractClient`, so link-driven calls are budgeted, checked and recorded like any other
case; the machine itself never fails a scenario (findings are recorded, not raised), so one run sees them all.
"""

from __future__ import annotations

from typing import Any

import hypothesis
from schemathesis.core.errors import NoLinksFound

from paystack_contracts.suite.client import ContractClient

__all__ = ["run_state_machine"]


class _Inconclusive(Exception):
    """A step's outcome said nothing about the contract; the scenario ends there."""


def run_state_machine(schema: Any, client: ContractClient, *, scenarios: int, seed: int, auth: dict[str, str]) -> bool:
    """Run up to `scenarios` link-driven scenarios. False when the contract has no links to follow."""
    try:
        base = schema.as_state_machine()
    except NoLinksFound:
        return False

    class Machine(base):  # type: ignore[valid-type,misc]
        def call(self, case: Any, **kwargs: Any) -> Any:
            judged = client.send(case, headers=auth)
            if judged is None:
                raise _Inconclusive(case.operation.label)
            return judged.response

        def validate_response(self, response: Any, case: Any, *args: Any, **kwargs: Any) -> None:
            return None  # the client already judged and recorded this response

    settings = hypothesis.settings(
        max_examples=scenarios,
        stateful_step_count=6,
        phases=[hypothesis.Phase.generate],
        deadline=None,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
        derandomize=False,
    )
    hypothesis.seed(seed)(Machine)  # run_state_machine_as_test reads the seed off the class
    try:
        Machine.run(settings=settings)
    except NoLinksFound:  # every link was filtered out (a run restricted to some operations)
        return False
    except _Inconclusive:
        pass
    return True
