"""Direct-debit endpoints addressed by the numeric customer id (reference §2.9-2.11)."""

from __future__ import annotations

from typing import Any

from paystack_contracts.mock import validation
from paystack_contracts.mock.authorizations import new_authorization, sub_object
from paystack_contracts.mock.context import Call
from paystack_contracts.mock.customers import find_customer
from paystack_contracts.mock.envelope import Reply, success
from paystack_contracts.mock.errors import ApiError
from paystack_contracts.mock.shapes import iso

__all__ = ["activation_charge", "initialize_direct_debit", "mandate_authorizations"]


def _customer(call: Call) -> dict[str, Any]:
    key = call.path["id"]
    if not (key.isascii() and key.isdigit()):
        raise ApiError(400, '"id" must be a number', "invalid")
    return find_customer(call, key)


def initialize_direct_debit(call: Call) -> Reply:
    account = sub_object(call.body, "account", ("number", "bank_code"), required=True)
    sub_object(call.body, "address", ("street", "city", "state"), required=True)
    auth = new_authorization(call, _customer(call), account)
    data = {
        "redirect_url": f"https://link.paystack.com/{auth['access_code']}",
        "access_code": auth["access_code"],
        "reference": auth["reference"],
    }
    return success("Authorization initialized", data)


def activation_charge(call: Call) -> Reply:
    authorization_id = validation.whole_number(call.body.get("authorization_id"), "authorization_id", form=call.form)
    customer = _customer(call)
    sql = (
        "SELECT m.id FROM mandates m JOIN authorizations a ON a.id = m.authorization_id "
        "WHERE a.id = ? AND a.customer_id = ?"
    )
    mandate = call.store.row(sql, (authorization_id if authorization_id < 2**63 else -1, customer["id"]))
    if mandate is None:
        raise ApiError(404, "Authorization does not exist or does not belong to integration", "not_found")
    call.store.execute("UPDATE mandates SET retries = retries + 1 WHERE id = ?", (mandate["id"],))
    return success("Mandate is queued for retry")


def mandate_authorizations(call: Call) -> Reply:
    customer = _customer(call)
    sql = (
        "SELECT a.*, m.id AS mandate_id FROM authorizations a JOIN mandates m ON m.authorization_id = a.id "
        "WHERE a.customer_id = ? ORDER BY a.id DESC"
    )
    items = [
        _mandate_item(row, customer, call.settings.integration_id) for row in call.store.rows(sql, (customer["id"],))
    ]
    per_page_key = "perPage" if call.drifted("mandate-meta-camel-case") else "per_page"
    meta = {per_page_key: 50, "next": None, "count": len(items), "total": len(items)}
    return success("Mandate authorizations retrieved successfully", items, meta=meta)


def _mandate_item(row: dict[str, Any], customer: dict[str, Any], integration: int) -> dict[str, Any]:
    return {
        "id": row["mandate_id"],
        "status": "active" if row["active"] else "revoked",
        "mandate_id": row["mandate_id"],
        "authorization_id": row["id"],
        "authorization_code": row["authorization_code"],
        "integration_id": integration,
        "account_number": row["account_number"],
        "bank_code": row["bank_code"],
        "bank_name": row["bank"],
        "customer": {
            "id": customer["id"],
            "customer_code": customer["customer_code"],
            "email": customer["email"],
            "first_name": customer["first_name"],
            "last_name": customer["last_name"],
        },
        "authorized_at": iso(row["created_ms"]),
    }
