"""Webhooks: the asynchronous half of the Customers API.

- `signature`: sign and verify `x-paystack-signature` (hex HMAC-SHA512 of the raw body, keyed with the secret key).
- `events`: the payloads the mock sends (identification outcomes, direct-debit authorization created/active).
- `contract`: the events, schemas and examples of the contract's OpenAPI `webhooks` section.
- `delivery`: Paystack's retry schedule and the mock's background `Dispatcher`.
- `receiver`: a Starlette receiver that records and verifies deliveries (serve it with `mock.serve_in_thread`).
- `judge`: deliveries -> findings (`source="webhook"`), pure.
- `sending`: `webhook send`'s one-shot signed POST to a user's handler.

Core-level: imports neither the mock nor the suite.
"""

from __future__ import annotations

from paystack_contracts.webhooks.contract import WebhookContract, project_contract
from paystack_contracts.webhooks.judge import judge_deliveries, judge_delivery
from paystack_contracts.webhooks.receiver import Delivery, Receiver, Scripted
from paystack_contracts.webhooks.signature import SIGNATURE_HEADER, sign, verify

__all__ = [
    "SIGNATURE_HEADER",
    "Delivery",
    "Receiver",
    "Scripted",
    "WebhookContract",
    "judge_deliveries",
    "judge_delivery",
    "project_contract",
    "sign",
    "verify",
]
