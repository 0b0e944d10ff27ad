"""Identifiers and time in classic Paystack data (reference §1): `CUS_` codes, integer ids, ISO-8601
timestamps, and `domain` equal to the mode of the key that made the request.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import schemathesis

from paystack_contracts.checks._body import NOT_JSON, decoded_body, json_path, short
from paystack_contracts.checks._guards import classic, guarded, on_success
from paystack_contracts.checks.violation import Violation, raise_for
from paystack_contracts.seam import Case, CheckContext, Response, request_headers

__all__ = ["identifier_violations", "key_mode", "paystack_identifiers"]

CUSTOMER_CODE = re.compile(r"CUS_[A-Za-z0-9]+")  # contract tolerance: case and length are not enforced (ledger #24)
_INTEGER_KEYS = frozenset({"id", "integration", "integration_id", "authorization_id", "mandate_id"})
_TIME_KEYS = frozenset({"createdAt", "updatedAt", "created_at", "updated_at", "authorized_at"})
_KEY_MODE = re.compile(r"Bearer\s+sk_(test|live)_", re.IGNORECASE)

Path = tuple[str | int, ...]


def identifier_violations(data: Any, *, mode: str | None) -> list[Violation]:
    found = []
    for path, key, value in _walk(data, ("data",)):
        violation = _judge(key, value, path, mode)
        if violation is not None:
            found.append(violation)
    return found[:10]


def _judge(key: str, value: Any, path: Path, mode: str | None) -> Violation | None:
    where = json_path(*path)
    if key == "customer_code" or (key == "code" and len(path) >= 2 and path[-2] == "customer"):
        if not (isinstance(value, str) and CUSTOMER_CODE.fullmatch(value)):
            return Violation("identifiers.customer_code", where, "CUS_ followed by letters and digits", short(value))
    elif key in _INTEGER_KEYS:
        if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
            return Violation("identifiers.integer", where, "an integer", short(value))
    elif key in _TIME_KEYS:
        if value is not None and not _is_iso8601(value):
            return Violation("identifiers.timestamp", where, "an ISO-8601 timestamp", short(value))
    elif key == "domain" and mode is not None and value != mode:
        return Violation("identifiers.domain", where, f"{mode!r} (the key's mode)", short(value))
    return None


def _walk(value: Any, path: Path) -> Iterator[tuple[Path, str, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), key, item
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))


def _is_iso8601(value: Any) -> bool:
    if not isinstance(value, str) or "T" not in value:
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def key_mode(authorization: str | None) -> str | None:
    """`test` or `live` from the Authorization header that was sent; None when there was none."""
    match = _KEY_MODE.match(authorization or "")
    return match.group(1).lower() if match else None


@schemathesis.check
@guarded(classic, on_success)
def paystack_identifiers(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Codes, ids, timestamps and `domain` in classic customer data have the documented forms."""
    body = decoded_body(response.content)
    if body is NOT_JSON or not isinstance(body, dict) or "data" not in body:
        return True
    mode = key_mode(request_headers(response).get("Authorization"))
    raise_for("paystack_identifiers", case, identifier_violations(body["data"], mode=mode))
    return None
