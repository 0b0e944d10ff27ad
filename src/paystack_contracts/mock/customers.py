"""Customer endpoints: create, list, fetch, update, validate (identification), set risk action (reference §2.1-2.6)."""

from __future__ import annotations

import re
from typing import Any

from paystack_contracts.mock import shapes, validation
from paystack_contracts.mock.context import Call
from paystack_contracts.mock.envelope import Reply, success
from paystack_contracts.mock.errors import ApiError
from paystack_contracts.mock.pages import list_page

__all__ = [
    "create_customer",
    "fetch_customer",
    "find_customer",
    "list_customers",
    "new_customer",
    "set_risk_action",
    "update_customer",
    "validate_customer",
]

_NAMES = ("first_name", "last_name", "phone")
# Test credentials that identify successfully (SNIP test-cred); anything else stays unidentified.
_GOOD_IDENTITY = {"account_number": "0111111111", "bvn": "222222222221", "bank_code": "007"}


def find_customer(call: Call, key: str) -> dict[str, Any]:
    """A customer of the caller's mode by email, `CUS_` code or numeric id; 404 with the real texts otherwise."""
    store, domain = call.store, call.mode
    if "@" in key:
        found = store.customer_by(domain, "email_key", key.lower())
        message = call.settings.unknown_email_message.format(domain=domain)
    elif key.isascii() and key.isdigit() and len(key) < 19:
        found = store.customer_by(domain, "id", int(key))
        message = call.settings.unknown_code_message
    else:
        found = store.customer_by(domain, "customer_code", key)
        message = call.settings.unknown_code_message
    if found is None:
        raise ApiError(404, message, "not_found")
    return found


def new_customer(call: Call, email: str, fields: dict[str, Any]) -> dict[str, Any]:
    """Insert a customer of the caller's mode and return the stored row."""
    now = call.sandbox.now_ms()
    record = {
        "domain": call.mode,
        "customer_code": call.sandbox.ids.customer_code(),
        "email": email,
        "email_key": email.lower(),
        "first_name": fields.get("first_name"),
        "last_name": fields.get("last_name"),
        "phone": fields.get("phone"),
        "metadata": fields.get("metadata", {}),
        "risk_action": "default",
        "identified": 0,
        "identifications": [],
        "created_ms": now,
        "updated_ms": now,
    }
    record["id"] = call.store.insert_customer(record)
    return record


def _profile_fields(call: Call) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in _NAMES:
        value = validation.optional_string(call.body, name)
        if value is not None:
            fields[name] = value
    if "metadata" in call.body:
        fields["metadata"] = validation.metadata(
            call.body["metadata"],
            string_accepted=call.settings.metadata_string_accepted,
            null_accepted=call.drifted("metadata-null-accepted"),
        )
    return fields


def create_customer(call: Call) -> Reply:
    address = validation.email(call.body, strict=not call.drifted("accepts-invalid-email"))
    fields = _profile_fields(call)
    existing = call.store.customer_by(call.mode, "email_key", address.lower())
    integration = call.settings.integration_id
    if existing is None:
        return success(
            "Customer created", shapes.created_shape(new_customer(call, address, fields), integration, fresh=True)
        )
    policy = call.settings.duplicate_email
    if policy == "reject":
        raise ApiError(400, "Customer already exists", "invalid")
    if policy == "update_existing" and fields:
        call.store.update_customer(existing["id"], {**fields, "updated_ms": call.sandbox.now_ms()})
        existing = find_customer(call, str(existing["id"]))
    return success("Customer created", shapes.created_shape(existing, integration, fresh=False))


def list_customers(call: Call) -> Reply:
    rows, meta = list_page(call)
    if call.drifted("list-oldest-first"):
        rows = rows[::-1]
    integration = call.settings.integration_id
    return success("Customers retrieved", [shapes.list_item(row, integration) for row in rows], meta=meta)


def _authorizations(call: Call, customer_id: int) -> list[dict[str, Any]]:
    sql = "SELECT * FROM authorizations WHERE customer_id = ? AND active = 1 ORDER BY id"
    return [shapes.authorization_item(auth) for auth in call.store.rows(sql, (customer_id,))]


def fetch_customer(call: Call) -> Reply:
    row = find_customer(call, call.path["email_or_code"])
    data = shapes.fetch_shape(
        row,
        call.settings.integration_id,
        _authorizations(call, row["id"]),
        dedicated_accounts=call.settings.fetch_dedicated_accounts,
    )
    return success("Customer retrieved", data)


def update_customer(call: Call) -> Reply:
    row = find_customer(call, call.path["email_or_code"])
    changes = _profile_fields(call)
    if call.drifted("update-clears-fields"):
        changes = {**dict.fromkeys(n for n in _NAMES if n not in call.body), **changes}
    if "email" in call.body and call.settings.update_email != "ignore":
        if call.settings.update_email == "reject":
            raise ApiError(400, '"email" is not allowed', "invalid")
        changes["email"] = validation.email(call.body)
        changes["email_key"] = changes["email"].lower()
    if changes:
        changes["updated_ms"] = call.sandbox.now_ms()
        if not call.drifted("update-not-persisted"):
            call.store.update_customer(row["id"], changes)
    shown = {**row, **changes}
    return success(
        "Customer updated", shapes.update_shape(shown, call.settings.integration_id, _authorizations(call, row["id"]))
    )


def _check_identity(call: Call) -> None:
    """Required fields first (400 `"x" is required`), then their shapes; "Invalid BVN" is the documented text."""
    body = call.body
    for name in ("country", "type", "first_name", "last_name", "bvn", "bank_code", "account_number"):
        validation.required_string(body, name)
    for name in ("middle_name", "value"):
        validation.optional_string(body, name)
    if body["type"] != "bank_account":
        raise ApiError(400, '"type" must be one of [bank_account]', "invalid")
    if not re.fullmatch(r"[A-Z]{2}", body["country"]):
        raise ApiError(400, '"country" must be a valid country code', "invalid")
    validation.digits(body, "account_number")
    if not call.drifted("bvn-not-validated"):
        validation.digits(body, "bvn", message="Invalid BVN")


def validate_customer(call: Call) -> Reply:
    _check_identity(call)
    body = call.body
    try:
        row = find_customer(call, call.path["code"])
    except ApiError:
        if call.drifted("identification-unknown-accepted"):
            return success("Customer Identification in progress", status=202)
        raise
    identity = {k: body.get(k) for k in _GOOD_IDENTITY}
    identified = identity == _GOOD_IDENTITY
    entry = {"country": body["country"], "type": body["type"], "value": body.get("account_number") or body["bvn"]}
    changes: dict[str, Any] = {
        "identified": int(identified or bool(row["identified"])),
        "updated_ms": call.sandbox.now_ms(),
    }
    if identified:
        changes["identifications"] = [*(row["identifications"] or []), entry]
    call.store.update_customer(row["id"], changes)
    if call.sandbox.outbox is not None:
        call.sandbox.outbox.identification(call.secret_key, call.mode, row, body, identified)
    return success("Customer Identification in progress", status=202)


def set_risk_action(call: Call) -> Reply:
    key = validation.required_string(call.body, "customer")
    action = call.body.get("risk_action", "default")
    if not isinstance(action, str) or action not in {"default", "allow", "deny"}:
        raise ApiError(400, '"risk_action" must be one of [default, allow, deny]', "invalid")
    if action in call.settings.forbidden_risk_actions:
        raise ApiError(403, "You cannot modify risk level of customers on this integration", "forbidden")
    row = find_customer(call, key)
    changes = {"risk_action": action, "updated_ms": call.sandbox.now_ms()}
    if not call.drifted("risk-action-not-persisted"):
        call.store.update_customer(row["id"], changes)
    return success("Customer updated", shapes.risk_shape({**row, **changes}, call.settings.integration_id))
