"""GlobalStack `POST /v1/customers` (seed 002, reference §2.14): a different API with its own envelope.

Envelope: `{status, message, code, data, meta: {request_id, timestamp, version: "1"}}`. Body rules from
`CreateCustomerDto`; messages in class-validator wording [GUESS: the DTO naming suggests NestJS].

Idempotency-Key (`^[A-Za-z0-9_\\-]{8,255}$`): the same key and byte-identical body within 24 h replays the stored
answer byte for byte; the same key with other bytes is 409 `idempotency_conflict`; a malformed key is 400
`invalid_input`. (`idempotency_in_progress` cannot happen here: handlers run one at a time on the event loop.)
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from paystack_contracts.mock.context import Call, Sandbox
from paystack_contracts.mock.envelope import Reply, dumps
from paystack_contracts.mock.errors import ApiError, edge_reply
from paystack_contracts.mock.shapes import iso
from paystack_contracts.mock.validation import EMAIL_PATTERN

__all__ = ["create_globalstack_customer", "globalstack_error", "globalstack_reply"]

_KEY = re.compile(r"[A-Za-z0-9_\-]{8,255}")
_COUNTRY = re.compile(r"[A-Z]{2}")


_ERROR_CODES = {401: "unauthorized", 405: "method_not_allowed", 413: "payload_too_large", 429: "rate_limited"}


def _envelope(sandbox: Sandbox, ok: bool, message: str, code: str, data: Any) -> dict[str, Any]:
    now = sandbox.now_ms()
    meta = {"request_id": "req_" + sandbox.ids.ulid(now), "timestamp": iso(now, whole_seconds=False), "version": "1"}
    return {"status": ok, "message": message, "code": code, "data": data, "meta": meta}


def globalstack_error(call: Call, status: int, message: str, code: str) -> Reply:
    return Reply(status, _envelope(call.sandbox, False, message, code, None))


def globalstack_reply(sandbox: Sandbox, error: ApiError) -> Reply:
    """An error raised before the handler (auth, body, quota) in GlobalStack's envelope ([GUESS] codes)."""
    if error.kind == "edge":
        return edge_reply()
    message = "Unauthorized" if error.status == 401 else error.message
    code = _ERROR_CODES.get(error.status, "invalid_input" if error.status < 500 else "internal_error")
    return Reply(error.status, _envelope(sandbox, False, message, code, None), headers=dict(error.headers))


def _problems(body: dict[str, Any]) -> list[str]:
    problems = []
    if body.get("type") not in ("individual", "business"):  # a tuple: the value may be an unhashable list
        problems.append("type must be one of the following values: individual, business")
    name = body.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 255:
        problems.append("name must be longer than or equal to 1 and shorter than or equal to 255 characters")
    email = body.get("email")
    if not isinstance(email, str) or len(email) > 255 or not EMAIL_PATTERN.fullmatch(email):
        problems.append("email must be an email")
    country = body.get("country_code")
    if not isinstance(country, str) or not _COUNTRY.fullmatch(country):
        problems.append("country_code must match /^[A-Z]{2}$/ regular expression")
    metadata = body.get("metadata", {})
    if not isinstance(metadata, dict) or not all(isinstance(value, str) for value in metadata.values()):
        problems.append("metadata must be an object with string values")
    reference = body.get("merchant_reference")
    if reference is not None and (not isinstance(reference, str) or len(reference) > 128):
        problems.append("merchant_reference must be shorter than or equal to 128 characters")
    return problems


def _create(call: Call) -> Reply:
    body = call.body
    problems = _problems(body)
    if problems:
        return globalstack_error(call, 400, "; ".join(problems), "invalid_input")
    email_key = body["email"].lower()
    sql = "SELECT 1 AS x FROM gs_customers WHERE domain = ? AND email_key = ?"
    if call.store.row(sql, (call.mode, email_key)) is not None:
        return globalstack_error(call, 409, "A customer with this email already exists", "customer_already_exists")
    now = call.sandbox.now_ms()
    ids = call.sandbox.ids
    data = {
        "id": "cust_" + ids.ulid(now),
        "type": body["type"],
        "name": body["name"],
        "email": body["email"],
        "merchant_reference": body.get("merchant_reference") or "ref_" + ids.ulid(now),
        "country_code": body["country_code"],
        "tier": "tier_0",
        "kyc_status": "not_started",
        "metadata": body.get("metadata", {}),
        "created_at": iso(now, whole_seconds=False),
        "updated_at": iso(now, whole_seconds=False),
    }
    call.store.execute(
        "INSERT INTO gs_customers(id, domain, email_key, body) VALUES (?, ?, ?, ?)",
        (data["id"], call.mode, email_key, json.dumps(data)),
    )
    status = call.settings.globalstack_create_status
    return Reply(status, _envelope(call.sandbox, True, "Customer created successfully", "ok", data))


def create_globalstack_customer(call: Call) -> Reply:
    key = call.headers.get("idempotency-key")
    if key is None:
        return _create(call)
    if not _KEY.fullmatch(key):
        return globalstack_error(call, 400, "Idempotency-Key must match ^[A-Za-z0-9_-]{8,255}$", "invalid_input")
    digest = hashlib.sha256(call.raw_body).hexdigest()
    now = call.settings.clock()
    stored = call.store.row("SELECT * FROM idempotency WHERE domain = ? AND key = ?", (call.mode, key))
    if stored is not None and now - stored["created"] < call.settings.idempotency_ttl:
        if stored["digest"] != digest and not call.drifted("idempotency-ignored"):
            message = "Idempotency-Key was already used with a different request body"
            return globalstack_error(call, 409, message, "idempotency_conflict")
        if stored["digest"] == digest:
            return Reply(stored["status"], raw=bytes(stored["response"]), headers={"idempotent-replayed": "true"})
    reply = _create(call)
    content = dumps(reply.body)
    call.store.execute(
        "INSERT OR REPLACE INTO idempotency(domain, key, digest, status, response, created) VALUES (?, ?, ?, ?, ?, ?)",
        (call.mode, key, digest, reply.status, content, now),
    )
    return Reply(reply.status, raw=content)
