"""Before anything else is sent: is the target there, and does it accept the key? Configuration is not drift.

One authenticated request (`GET /customer?perPage=1`, the cheapest read) goes first. A 401 means the key is
wrong or revoked: the run stops with `KeyRejectedError` (exit 2 at the CLI) instead of sending a thousand requests
that would each report "HTTP 401, expected 200". A probe that cannot connect or times out means the target is not
there: `TargetNeverReachedError`. Anything else (even a 429 or an edge page) lets the run go on; a run that ends
with not one conclusive answer is refused by `never_reached` the same way.
"""

from __future__ import annotations

from paystack_contracts.errors import KeyRejectedError, TargetNeverReachedError
from paystack_contracts.results import InconclusiveReason, RunResult
from paystack_contracts.run.scenarios.steps import ScenarioStopped, Steps, dig

__all__ = ["PROBE", "never_reached", "preflight"]

PROBE = "customer_list"
_UNREACHED = (InconclusiveReason.CONNECTION_ERROR, InconclusiveReason.TIMEOUT)


def preflight(steps: Steps) -> None:
    """Raise `KeyRejectedError` or `TargetNeverReachedError` when the first authenticated probe says so."""
    if not steps.has(PROBE):
        return
    try:
        answer = steps.call(PROBE, query={"perPage": 1}, fingerprinted=False)  # whatever is newest: not a shape
    except ScenarioStopped:
        result = steps.client.recorder.result
        if result.inconclusives and result.inconclusives[-1].reason in _UNREACHED:
            raise TargetNeverReachedError(unreached_line(steps.plan.label, result)) from None
        return
    if answer.status_code == 401:
        message = str(dig(answer.body, "message") or answer.exchange.response_body or "")[:120]
        raise KeyRejectedError(
            f"the target rejected the key: GET {steps.plan.paystack.base_url}/customer?perPage=1 with "
            f"Authorization: Bearer {steps.plan.paystack.key.redacted} answered HTTP 401 {message!r}; check that "
            "--secret-key / PAYSTACK_SECRET_KEY is a current test secret key of the integration this target serves"
        )


def never_reached(label: str, result: RunResult) -> TargetNeverReachedError:
    """The error for a run that got not one conclusive answer from its target."""
    return TargetNeverReachedError(unreached_line(label, result))


def unreached_line(label: str, result: RunResult) -> str:
    first = result.inconclusives[0] if result.inconclusives else None
    why = f"{first.reason.value}: {first.message}" if first else "nothing was sent"
    return (
        f"the target {label} was never reached ({why}); check --base-url and that the target is running and "
        "answers the Paystack API itself (not an edge or proxy page)"
    )
