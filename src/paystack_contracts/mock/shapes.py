"""How a stored customer looks in each answer (reference §2): the same record has five shapes.

* create: the full 17-field shape of the recorded 2022 response (PM [LIVE]), timestamps with real milliseconds;
* list item: lean, camelCase dates only (SNIP list, OAS `CustomerListResponseArray`);
* fetch: nested arrays, camelCase *and* snake_case dates, totals, `dedicated_account` (SNIP fetch);
* update: the customer with the three arrays, `identified`, camelCase dates (SNIP update);
* risk action: no nested arrays (SNIP set_risk_action).
Reads show whole seconds (`...09.000Z`): compare SNIP create vs update of customer 1173.
"""

from __future__ import annotations

import time
from typing import Any

__all__ = [
    "authorization_item",
    "created_shape",
    "fetch_shape",
    "iso",
    "list_item",
    "risk_shape",
    "update_shape",
]


def iso(millis: int, *, whole_seconds: bool = True) -> str:
    """ISO-8601 with milliseconds and Z; reads truncate to the second. (time.gmtime + an f-string: five times
    cheaper than datetime.strftime, and a list page formats a hundred of these.)"""
    seconds, fraction = divmod(millis, 1000)
    t = time.gmtime(seconds)
    return (
        f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}T{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}."
        f"{0 if whole_seconds else fraction:03d}Z"
    )


def _core(row: dict[str, Any], integration: int) -> dict[str, Any]:
    return {
        "integration": integration,
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "email": row["email"],
        "phone": row["phone"],
        "metadata": row["metadata"],
        "domain": row["domain"],
        "customer_code": row["customer_code"],
        "risk_action": row["risk_action"],
        "id": row["id"],
    }


def _camel_dates(row: dict[str, Any], *, whole_seconds: bool = True) -> dict[str, str]:
    return {
        "createdAt": iso(row["created_ms"], whole_seconds=whole_seconds),
        "updatedAt": iso(row["updated_ms"], whole_seconds=whole_seconds),
    }


def created_shape(row: dict[str, Any], integration: int, *, fresh: bool) -> dict[str, Any]:
    """The create answer; `fresh` keeps the milliseconds of a record created by this very request."""
    return {
        "transactions": [],
        "subscriptions": [],
        "authorizations": [],
        **_core(row, integration),
        **_camel_dates(row, whole_seconds=not fresh),
        "identified": bool(row["identified"]),
        "identifications": row["identifications"],
    }


def list_item(row: dict[str, Any], integration: int) -> dict[str, Any]:
    return {**_core(row, integration), **_camel_dates(row)}


def fetch_shape(
    row: dict[str, Any], integration: int, authorizations: list[dict[str, Any]], *, dedicated_accounts: bool
) -> dict[str, Any]:
    dates = _camel_dates(row)
    shape = {
        "transactions": [],
        "subscriptions": [],
        "authorizations": authorizations,
        **_core(row, integration),
        **dates,
        "created_at": dates["createdAt"],
        "updated_at": dates["updatedAt"],
        "total_transactions": 0,
        "total_transaction_value": [],
        "dedicated_account": None,
        "identified": bool(row["identified"]),
        "identifications": row["identifications"],
    }
    if dedicated_accounts:
        shape["dedicated_accounts"] = []
    return shape


def update_shape(row: dict[str, Any], integration: int, authorizations: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "transactions": [],
        "subscriptions": [],
        "authorizations": authorizations,
        **_core(row, integration),
        "identified": bool(row["identified"]),
        "identifications": row["identifications"],
        **_camel_dates(row),
    }


def risk_shape(row: dict[str, Any], integration: int) -> dict[str, Any]:
    return {
        **_core(row, integration),
        "identified": bool(row["identified"]),
        "identifications": row["identifications"],
        **_camel_dates(row),
    }


def authorization_item(auth: dict[str, Any]) -> dict[str, Any]:
    """A reusable authorization as nested in the fetched customer (SNIP fetch), for a direct-debit mandate."""
    return {
        "authorization_code": auth["authorization_code"],
        "bin": None,
        "last4": (auth["account_number"] or "0000")[-4:],
        "exp_month": None,
        "exp_year": None,
        "channel": auth["channel"],
        "card_type": None,
        "bank": auth["bank"],
        "country_code": "NG",
        "brand": None,
        "reusable": True,
        "signature": auth["signature"],
        "account_name": None,
    }
