"""The GlobalStack envelope (reference §2.14): `{status, message, code, data, meta{request_id, timestamp,
version}}`, with `data.id` a `cust_` identifier on success; on errors `meta` may be absent but is well formed
when present. Idempotency replay and conflict are stateful and live
in `run.scenarios.workflows`.
"""

from __future__ import annotations

from typing import Any

import schemathesis

from paystack_contracts.checks._body import NOT_JSON, decoded_body, short
from paystack_contracts.checks._guards import globalstack, guarded
from paystack_contracts.checks.violation import Violation, raise_for
from paystack_contracts.seam import Case, CheckContext, Response

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


def _not_rate_limited(case: Case, response: Response) -> bool:
    return response.status_code != 429


@schemathesis.check
@guarded(globalstack, _not_rate_limited)
def globalstack_envelope(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """GlobalStack responses carry `code` and `meta.request_id`/`meta.version`."""
    body = decoded_body(response.content)
    if body is NOT_JSON:
        return True  # the envelope check reports it
    raise_for("globalstack_envelope", case, globalstack_violations(response.status_code, body))
    return None
