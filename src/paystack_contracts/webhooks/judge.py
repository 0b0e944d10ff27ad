"""Judging deliveries against the contract: pure functions from what a receiver saw to `Finding`s.

`judge_delivery` looks at one POST: the signature verified, the body is a JSON `{"event", "data"}` object, the
event is declared in the contract's `webhooks`, the payload validates against that event's schema.
`judge_deliveries` adds what only a sequence shows: the same event delivered again after it was acknowledged
with a 2xx (a retry after a failure is expected; a second copy after success is a duplicate to de-duplicate).
Each finding names the event (`operation="webhook EVENT"`) and the JSON path of the field (`location`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any, Protocol

from paystack_contracts.findings import Finding
from paystack_contracts.webhooks.contract import WebhookContract

__all__ = ["judge_deliveries", "judge_delivery"]


class Received(Protocol):
    @property
    def body(self) -> bytes: ...
    @property
    def signature_ok(self) -> bool: ...
    @property
    def answered(self) -> int: ...


def _finding(rule: str, event: str, message: str, **facts: str | None) -> Finding:
    return Finding(rule=rule, message=message, source="webhook", operation=f"webhook {event}", **facts)  # type: ignore[arg-type]


def _event_of(body: bytes) -> tuple[str, Any]:
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return "?", None
    event = payload.get("event") if isinstance(payload, dict) else None
    return (event if isinstance(event, str) else "?"), payload


def judge_delivery(delivery: Received, contract: WebhookContract) -> list[Finding]:
    event, payload = _event_of(delivery.body)
    found: list[Finding] = []
    if not delivery.signature_ok:
        found.append(
            _finding(
                "webhook-signature",
                event,
                f"{event}: x-paystack-signature does not verify",
                location="header x-paystack-signature",
                expected="hex HMAC-SHA512 of the raw body keyed with the secret key",
                actual="missing or different",
            )
        )
    if not isinstance(payload, dict) or event == "?":
        found.append(
            _finding(
                "webhook-not-event",
                event,
                'body is not a JSON {"event", "data"} object',
                location="$",
                expected='{"event": string, "data": object}',
                actual=delivery.body[:80].decode(errors="replace"),
            )
        )
        return found
    if event not in contract.events:
        found.append(
            _finding(
                "webhook-unknown-event",
                event,
                f"event {event!r} is not declared in the contract's webhooks",
                location="$.event",
                expected=" | ".join(contract.events),
                actual=event,
            )
        )
        return found
    for error in contract.errors(event, payload):
        message = f"{event}: {error.location}: {error.message}"
        found.append(
            _finding(
                "webhook-payload", event, message, location=error.location, expected=error.expected, actual=error.actual
            )
        )
    return found


def judge_deliveries(deliveries: Iterable[Received], contract: WebhookContract) -> list[Finding]:
    """Every finding of every delivery, then one per copy of an event re-sent after it was acknowledged."""
    found: list[Finding] = []
    acknowledged: set[str] = set()
    for delivery in deliveries:
        found += judge_delivery(delivery, contract)
        digest = hashlib.sha256(delivery.body).hexdigest()
        if digest in acknowledged:
            event, _ = _event_of(delivery.body)
            message = f"{event}: delivered again after the receiver acknowledged it with a 2xx"
            found.append(
                _finding(
                    "webhook-duplicate",
                    event,
                    message,
                    location="$",
                    expected="one delivery per event once acknowledged",
                    actual="a repeat of an acknowledged body",
                )
            )
        if 200 <= delivery.answered < 300:
            acknowledged.add(digest)
    return found
