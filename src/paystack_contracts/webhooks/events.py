"""Event payloads: `{"event": NAME, "data": {...}}` as Paystack POSTs them, and their exact bytes on the wire.

Shapes follow the docs samples for identification (reference §2.5, SNIP
src/doc/identity/validate-customer/webhook/*.json): `data = {customer_id, customer_code, email, identification:
{country, type, bvn, account_number, bank_code}, reason?}` with the BVN and account number masked. The samples
disagree on `customer_id` (a string in success, an integer in failed: ledger D069); the mock follows each sample.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from typing import Any

__all__ = [
    "AUTHORIZATION_ACTIVE",
    "AUTHORIZATION_CREATED",
    "IDENTIFICATION_FAILED",
    "IDENTIFICATION_SUCCESS",
    "authorization_event",
    "encode",
    "identification_event",
    "mask",
]

IDENTIFICATION_SUCCESS = "customeridentification.success"
IDENTIFICATION_FAILED = "customeridentification.failed"
AUTHORIZATION_CREATED = "direct_debit.authorization.created"
AUTHORIZATION_ACTIVE = "direct_debit.authorization.active"


def mask(value: str, keep: int = 3) -> str:
    """`222222222221` -> `222******221`, as the samples mask BVNs and account numbers."""
    if len(value) <= 2 * keep:
        return "*" * len(value)
    return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]


def identification_event(
    customer: Mapping[str, Any], identity: Mapping[str, Any], *, success: bool, reason: str
) -> dict[str, Any]:
    """The outcome event of one identification request for `customer` (a stored row with id, code, email)."""
    data: dict[str, Any] = {
        # D069: the success sample carries the id as a string, the failed sample as an integer.
        "customer_id": str(customer["id"]) if success else int(customer["id"]),
        "customer_code": customer["customer_code"],
        "email": customer["email"],
        "identification": {
            "country": identity.get("country", "NG"),
            "type": identity.get("type", "bank_account"),
            "bvn": mask(str(identity.get("bvn", ""))),
            "account_number": mask(str(identity.get("account_number", ""))),
            "bank_code": str(identity.get("bank_code", "")),
        },
    }
    if not success:
        data["reason"] = reason
    return {"event": IDENTIFICATION_SUCCESS if success else IDENTIFICATION_FAILED, "data": data}


def authorization_event(
    event: str, authorization: Mapping[str, Any], customer: Mapping[str, Any], integration: int
) -> dict[str, Any]:
    """A direct-debit authorization event, shaped as the docs samples (src/doc/payments/direct-debit/
    authorization-status/events/*, PaystackOSS/doc-code-snippets 6b86225). The created sample's stray top-level
    `status`/`message` (ledger D080) are not sent; integration, domain and reference (active sample) always are."""
    created = time.gmtime(authorization["created_ms"] / 1000)
    names = " ".join(n for n in (customer.get("first_name"), customer.get("last_name")) if n) or None
    data = {
        "authorization_code": authorization["authorization_code"],
        "active": bool(authorization["active"]),
        "last4": str(authorization["account_number"])[-4:],
        "channel": "direct_debit",
        "card_type": "mandate",
        "bank": authorization["bank"],
        "exp_month": created.tm_mon,
        "exp_year": created.tm_year + 10,  # [GUESS] the sample's mandate runs ten years
        "country_code": "NG",
        "brand": authorization["bank"],
        "reusable": True,
        "signature": authorization["signature"],
        "account_name": names,
        "integration": integration,
        "domain": authorization["domain"],
        "reference": authorization["reference"],
        "customer": {
            "first_name": customer.get("first_name"),
            "last_name": customer.get("last_name"),
            "code": customer["customer_code"],
            "email": customer["email"],
            "phone": customer.get("phone") or "",
            "metadata": customer.get("metadata") or None,
            "risk_action": customer.get("risk_action", "default"),
        },
    }
    return {"event": event, "data": data}


def encode(payload: Mapping[str, Any]) -> bytes:
    """Compact JSON bytes: what is signed is exactly what is sent."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
