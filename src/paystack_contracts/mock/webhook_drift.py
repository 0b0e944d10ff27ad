"""Webhook drift profiles: deliberate deviations in the events the mock sends (`--drift webhook-...`).

Kept apart from `DRIFT_PROFILES` (which rewrite API replies and which the suite proves it catches today); the
`webhooks.judge` functions catch each of these with a finding naming the event and `detected_by`.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from paystack_contracts.mock.drift import DriftProfile

__all__ = ["WEBHOOK_DRIFT_PROFILES", "Drifted", "apply_webhook_drift"]

WEBHOOK_DRIFT_PROFILES: dict[str, DriftProfile] = {
    p.name: p
    for p in (
        DriftProfile(
            "webhook-bad-signature", "webhook", "events are signed with the wrong key", "x-paystack-signature"
        ),
        DriftProfile(
            "webhook-customer-id-type", "webhook", "data.customer_id arrives as null instead of an id", "customer_id"
        ),
        DriftProfile("webhook-missing-field", "webhook", "data.customer_code is left out", "customer_code"),
        DriftProfile("webhook-event-renamed", "webhook", "events are named customer.identification.* instead", "event"),
        DriftProfile("webhook-duplicate", "webhook", "every event is delivered twice", "duplicate"),
    )
}


@dataclass(slots=True)
class Drifted:
    payload: dict[str, Any]
    wrong_key: bool = False
    copies: int = 1


def apply_webhook_drift(active: frozenset[str], payload: dict[str, Any]) -> Drifted:
    """The event as the active profiles send it (the input is not changed)."""
    result = Drifted(copy.deepcopy(payload))
    data = result.payload.get("data", {})
    if "webhook-customer-id-type" in active and "customer_id" in data:
        data["customer_id"] = None
    if "webhook-missing-field" in active:
        data.pop("customer_code", None)
    if "webhook-event-renamed" in active:
        result.payload["event"] = str(result.payload["event"]).replace(
            "customeridentification", "customer.identification"
        )
    result.wrong_key = "webhook-bad-signature" in active
    result.copies = 2 if "webhook-duplicate" in active else 1
    return result
