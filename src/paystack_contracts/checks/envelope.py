"""The Paystack envelope on every response: `{status, message, data?, meta?}` (reference §3).

Rules: a JSON object with a JSON content type; `status` a boolean agreeing with the HTTP class (true on 2xx,
false otherwise); `message` a non-empty string; `data` present on a success whose documented schema requires it;
an error body in the error envelope (optional `meta` object, `type`/`code` strings).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import schemathesis

from paystack_contracts.checks._body import NOT_JSON, decoded_body, short
from paystack_contracts.checks._guards import guarded
from paystack_contracts.checks.contract_view import requires_data
from paystack_contracts.checks.violation import Violation, raise_for
from paystack_contracts.seam import Case, CheckContext, Response, first_headers

__all__ = ["envelope_violations", "paystack_envelope"]

_ERROR_FIELD_TYPES: dict[str, tuple[type, str]] = {"meta": (dict, "an object"), "type": (str, "a string")}


def envelope_violations(
    status_code: int, headers: Mapping[str, str], body: Any, *, data_required: bool
) -> list[Violation]:
    content_type = headers.get("content-type", "")
    if not content_type.split(";")[0].strip().endswith("json"):
        return [Violation("envelope.content_type", "$", "an application/json Content-Type", repr(content_type or None))]
    if not isinstance(body, dict):
        return [Violation("envelope.object", "$", "a JSON object", short(body))]
    found: list[Violation] = []
    success = 200 <= status_code < 300
    status = body.get("status")
    if not isinstance(status, bool):
        found.append(Violation("envelope.status", "$.status", "a boolean", short(status)))
    elif status is not success:
        found.append(Violation("envelope.status", "$.status", f"{success} for HTTP {status_code}", short(status)))
    message = body.get("message")
    if not isinstance(message, str) or not message.strip():
        found.append(Violation("envelope.message", "$.message", "a non-empty string", short(message)))
    if success and data_required and "data" not in body:
        found.append(Violation("envelope.data", "$.data", "data on this success (the contract requires it)", "absent"))
    if not success:
        found += _error_violations(body)
    return found


def _error_violations(body: dict[str, Any]) -> list[Violation]:
    found = []
    for name, (kind, label) in _ERROR_FIELD_TYPES.items():
        if name in body and not isinstance(body[name], kind):
            found.append(Violation("envelope.error", f"$.{name}", label, short(body[name])))
    if "code" in body and not isinstance(body["code"], str):
        found.append(Violation("envelope.error", "$.code", "a string", short(body["code"])))
    return found


@schemathesis.check
@guarded()
def paystack_envelope(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Every response of our contracts is in the Paystack envelope."""
    body = decoded_body(response.content)
    if body is NOT_JSON:
        body = response.content[:80].decode("utf-8", "replace")
    data_required = 200 <= response.status_code < 300 and requires_data(case, response.status_code)
    headers = first_headers(response.headers)
    raise_for(
        "paystack_envelope", case, envelope_violations(response.status_code, headers, body, data_required=data_required)
    )
    return None
