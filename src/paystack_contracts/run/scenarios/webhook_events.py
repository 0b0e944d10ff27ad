"""Identification outcomes arrive as webhooks (reference §2.5): identify one customer with the documented test
credentials and one with others, then expect a `customeridentification.success` and a `.failed` event for exactly
those customers at the run's receiver, within a few seconds. Signatures and payloads are judged by the run's
webhook gate (`webhooks.judge`), so this scenario only asks: did the right event come for the right customer?
"""

from __future__ import annotations

import json
import time
from typing import Any

from paystack_contracts.run.scenarios.steps import Expect, Steps, dig
from paystack_contracts.run.scenarios.workflows import IDENTIFICATION
from paystack_contracts.webhooks.receiver import Receiver

__all__ = ["WAIT_S", "identification_webhooks"]

WAIT_S = 5.0
"""How long a delivery may take to arrive (the embedded mock delivers at once; a real sandbox within seconds)."""

_OUTCOMES = {
    "success": IDENTIFICATION,
    "failed": {**IDENTIFICATION, "account_number": "0000000000"},  # not the documented test account
}


def identification_webhooks(steps: Steps) -> None:
    receiver = steps.receiver
    if receiver is None or not steps.has("customer_create", "customer_validate"):
        return
    asked = []
    for outcome, identity in _OUTCOMES.items():
        created = steps.call("customer_create", body={"email": f"webhook-{outcome}-{steps.run_id}@example.com"})
        code = dig(created.body, "data", "customer_code")
        if not steps.expect_status(created, 200) or not isinstance(code, str):
            return
        answer = steps.call("customer_validate", path={"code": code}, body=identity)
        if steps.expect_status(answer, 202):
            asked.append((f"customeridentification.{outcome}", code, answer))
    deadline = time.monotonic() + WAIT_S
    for event, code, answer in asked:
        got = _event_for(receiver, code, deadline)
        expected = f"{event} for {code} within {WAIT_S:g} s"
        steps.expect(answer, got == event, Expect("webhook_event", "webhook $.event", expected, got or "no event"))


def _event_for(receiver: Receiver, code: str, deadline: float) -> str | None:
    """The event name of the first delivery about customer `code`, waiting until `deadline`."""
    while True:
        for delivery in receiver.deliveries:
            payload = _json(delivery.body)
            if dig(payload, "data", "customer_code") == code:
                event = dig(payload, "event")
                return event if isinstance(event, str) else "?"
        if time.monotonic() >= deadline:
            return None
        time.sleep(0.02)


def _json(body: bytes) -> Any:
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return None
