"""Direct-debit authorizations: initialize -> verify (by reference) -> deactivate (reference §2.7, §2.8, §2.12).

In the sandbox the customer "approves" the mandate at once: an initialized authorization verifies `active: true`
until it is deactivated. Deactivating twice answers 404 "Authorization code not found." (the code is gone for the
integration). Both deactivate paths behave the same (CHG Jan 2024: "both endpoints achieve the same purpose").
"""

from __future__ import annotations

from typing import Any

from paystack_contracts.mock import validation
from paystack_contracts.mock.context import Call
from paystack_contracts.mock.customers import find_customer, new_customer
from paystack_contracts.mock.envelope import Reply, success
from paystack_contracts.mock.errors import ApiError

__all__ = ["deactivate_authorization", "initialize_authorization", "new_authorization", "verify_authorization"]

_BANKS = {"058": "Guaranty Trust Bank", "044": "Access Bank", "057": "Zenith Bank", "011": "First Bank of Nigeria"}


def sub_object(body: dict[str, Any], name: str, keys: tuple[str, ...], *, required: bool) -> dict[str, str] | None:
    """An `account` / `address` object whose listed keys are all required strings when it is sent."""
    if name not in body and not required:
        return None
    value = body.get(name)
    if value is None:
        raise ApiError(400, f'"{name}" is required' if required else f'"{name}" must be of type object', "missing")
    if not isinstance(value, dict):
        raise ApiError(400, f'"{name}" must be of type object', "invalid")
    return {key: validation.required_string(value, key, message=f'"{name}.{key}" is required') for key in keys}


def new_authorization(call: Call, customer: dict[str, Any], account: dict[str, str] | None) -> dict[str, Any]:
    """Store a (sandbox-approved) direct-debit authorization and its mandate for `customer`."""
    ids = call.sandbox.ids
    access_code = ids.access_code()
    bank_code = account["bank_code"] if account else "058"
    record = {
        "domain": call.mode,
        "authorization_code": ids.authorization_code(),
        "reference": ids.reference(access_code),
        "access_code": access_code,
        "customer_id": customer["id"],
        "channel": "direct_debit",
        "bank": _BANKS.get(bank_code, "Test Bank"),
        "bank_code": bank_code,
        "account_number": account["number"] if account else "0123456789",
        "signature": ids.signature(),
        "active": 1,
        "created_ms": call.sandbox.now_ms(),
    }
    columns = ",".join(record)
    record["id"] = call.store.execute(
        f"INSERT INTO authorizations({columns}) VALUES ({','.join('?' * len(record))})", list(record.values())
    )
    call.store.execute("INSERT INTO mandates(authorization_id) VALUES (?)", (record["id"],))
    if call.sandbox.outbox is not None:
        call.sandbox.outbox.authorization(call.secret_key, call.mode, record, customer)
    return record


def _channel(call: Call) -> str:
    channel = validation.required_string(call.body, "channel")
    allowed = {"direct_debit", "direct-debit"} if call.settings.accept_hyphenated_channel else {"direct_debit"}
    if channel not in allowed:
        raise ApiError(400, '"channel" must be one of [direct_debit]', "invalid")
    return channel


def initialize_authorization(call: Call) -> Reply:
    address = validation.email(call.body)
    _channel(call)
    validation.url(call.body, "callback_url")
    account = sub_object(call.body, "account", ("number", "bank_code"), required=False)
    sub_object(call.body, "address", ("street", "city", "state"), required=False)
    customer = call.store.customer_by(call.mode, "email_key", address.lower()) or new_customer(call, address, {})
    auth = new_authorization(call, customer, account)
    data = {
        "redirect_url": f"https://checkout.paystack.com/{auth['access_code']}",
        "access_code": auth["access_code"],
        "reference": auth["reference"],
    }
    return success("Authorization initialized", data)


def verify_authorization(call: Call) -> Reply:
    sql = "SELECT * FROM authorizations WHERE domain = ? AND reference = ?"
    auth = call.store.row(sql, (call.mode, call.path["reference"]))
    if auth is None:
        raise ApiError(404, "Authorization does not exist or does not belong to integration", "not_found")
    customer = find_customer(call, str(auth["customer_id"]))
    if call.drifted("verify-wrong-customer"):
        sql = "SELECT * FROM customers WHERE domain = ? AND id != ? ORDER BY id LIMIT 1"
        customer = call.store.row(sql, (call.mode, customer["id"])) or customer
    active = bool(auth["active"]) or call.drifted("deactivated-still-active")
    data = {
        "authorization_code": auth["authorization_code"],
        "channel": auth["channel"],
        "bank": auth["bank"],
        "active": active,
        "customer": {"code": customer["customer_code"], "email": customer["email"]},
    }
    return success("Authorization retrieved successfully", data)


def deactivate_authorization(call: Call) -> Reply:
    code = validation.required_string(call.body, "authorization_code")
    sql = "SELECT id FROM authorizations WHERE domain = ? AND authorization_code = ? AND active = 1"
    auth = call.store.row(sql, (call.mode, code))
    if auth is None:
        raise ApiError(404, "Authorization code not found.", "not_found")
    call.store.execute("UPDATE authorizations SET active = 0 WHERE id = ?", (auth["id"],))
    return success("Authorization has been deactivated")
