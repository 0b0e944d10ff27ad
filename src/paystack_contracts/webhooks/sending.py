"""`webhook send`'s library half: build the event, POST it signed (or deliberately mis-signed), judge the answer.

A handler behaves when it accepts a correctly signed event with a 2xx ("return a 200 OK", per
https://paystack.com/docs/payments/webhooks/) and refuses a mis-signed one with a non-2xx. The answer's body is
kept to a short preview; nothing here prints.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx

from paystack_contracts.errors import TargetUnavailableError
from paystack_contracts.findings import Finding
from paystack_contracts.webhooks.signature import SIGNATURE_HEADER, sign

__all__ = ["Answer", "handler_finding", "post_event"]

_WRONG_KEY = "sk_test_" + "0" * 12 + "wrongkey" + "0" * 20


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    latency_ms: float
    preview: str

    @property
    def accepted(self) -> bool:
        return 200 <= self.status < 300


def post_event(url: str, body: bytes, secret_key: str, *, bad_signature: bool = False, timeout: float = 10.0) -> Answer:
    """POST `body` signed with `secret_key` (or with a wrong key); the handler's answer."""
    signature = sign(body, _WRONG_KEY if bad_signature else secret_key)
    headers = {"content-type": "application/json", SIGNATURE_HEADER: signature}
    started = time.perf_counter()
    try:
        with httpx.Client(timeout=timeout, trust_env=False, follow_redirects=False) as client:
            response = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise TargetUnavailableError(f"cannot reach the handler at {url}: {type(exc).__name__}") from None
    latency = (time.perf_counter() - started) * 1000
    return Answer(response.status_code, latency, response.text[:120].replace("\n", " "))


def handler_finding(event: str, answer: Answer, *, bad_signature: bool) -> Finding | None:
    """None when the handler did what a careful handler does; otherwise what it did wrong."""
    if answer.accepted == (not bad_signature):
        return None
    facts: dict[str, Any] = {"operation": f"webhook {event}", "source": "webhook", "actual": str(answer.status)}
    if bad_signature:
        message = f"the handler accepted a mis-signed {event} with {answer.status}"
        return Finding("webhook-handler-accepts-bad-signature", message, expected="a non-2xx refusal", **facts)
    message = f"the handler refused a correctly signed {event} with {answer.status}"
    return Finding("webhook-handler-refuses-event", message, expected="2xx (Paystack expects 200 OK)", **facts)
