"""The GlobalStack envelope (reference §2.14): `{status, message, code, data, meta{request_id, timestamp,
version}}`, with `data.id` a `cust_` identifier on success; on errors `meta` may be absent but is well formed
when present. Idempotency replay and conflict are stateful and live
in `suite.workflows`.
"""

from __future__ import annotations

from typing import Any

import schemathesis

from paystack_contracts.checks.violation import NOT_JSON, Violation, applies_to, decoded_body, raise_for, short

__all__ = ["globalstack_envelope", "globalstack_violations"]


def globalstack_violations(status_code: int, body: Any) -> list[Violation]:
    if not isinstance(body, dict):
        return [Violation("globalstack.envelope", "$", "a JSON object", short(body))]
    found = []
    if not isinstance(body.get("code"), str) or not body.get("code"):
        found.append(Violation("globalstack.code", "$.code", "a non-empty string code", short(body.get("code"))))
    meta = body.get("meta")
    success = 200 <= status_code < 300
    if meta is None and not success:
        return found  # the contract's error envelope leaves meta optional (the 401 shape is a [GUESS])
    if not isinstance(meta, dict):
        return [*found, Violation("globalstack.meta", "$.meta", "an object with request_id and version", short(meta))]
    for key in ("request_id", "version"):
        if not isinstance(meta.get(key), str) or not meta.get(key):
            found.append(Violation("globalstack.meta", f"$.meta.{key}", "a non-empty string", short(meta.get(key))))
    if success:
        data = body.get("data")
        ident = data.get("id") if isinstance(data, dict) else None
        if not (isinstance(ident, str) and ident.startswith("cust_")):
            found.append(Violation("globalstack.id", "$.data.id", "a cust_ identifier", short(ident)))
    return found


@schemathesis.check
def globalstack_envelope(ctx: Any, response: Any, case: Any) -> bool | None:
    """GlobalStack responses carry `code` and `meta.request_id`/`meta.version`."""
    operation_id = case.operation.definition.raw.get("operationId", "")
    if not applies_to(case) or not operation_id.startswith("globalstack_") or response.status_code == 429:
        return True
    body = decoded_body(response.content)
    if body is NOT_JSON:
        return True  # the envelope check reports it
    raise_for("globalstack_envelope", case, globalstack_violations(response.status_code, body))
    return None
