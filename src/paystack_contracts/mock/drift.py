"""Drift profiles: deliberate, realistic deviations from the contract, switched on by name (`--drift NAME`).

They exist so the suite can prove it catches drift: the suite runs against the mock with each profile and must
report a finding that mentions the profile's `detected_by` (an operation label, a field name or a check name).
`severity="warning"` marks the one profile that only adds a field: fingerprints should warn, not fail.

Two kinds: *response* profiles rewrite a finished `Reply` (registered below with the operations they touch);
*behaviour* profiles are consulted by the handlers by name (`call.drifted("update-not-persisted")`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from paystack_contracts.mock.envelope import Reply

__all__ = ["DRIFT_PROFILES", "DriftProfile", "apply_drift"]


@dataclass(frozen=True, slots=True)
class DriftProfile:
    name: str
    area: str
    description: str
    detected_by: str
    severity: str = "error"


Rewrite = Callable[[Reply], None]
_REWRITES: dict[str, tuple[frozenset[str] | None, Rewrite]] = {}
DRIFT_PROFILES: dict[str, DriftProfile] = {}

_CUSTOMER_READS = frozenset({"POST /customer", "GET /customer", "GET /customer/{email_or_code}"})
_CUSTOMER_WRITES = frozenset({"PUT /customer/{email_or_code}", "POST /customer/set_risk_action"})
_FETCH = frozenset({"GET /customer/{email_or_code}"})


def _profile(name: str, area: str, description: str, detected_by: str, *, severity: str = "error") -> None:
    DRIFT_PROFILES[name] = DriftProfile(name, area, description, detected_by, severity)


def _rewrite(
    name: str, area: str, description: str, detected_by: str, operations: Iterable[str] | None = None, **kw: str
) -> Callable[[Rewrite], Rewrite]:
    def register(rewrite: Rewrite) -> Rewrite:
        _profile(name, area, description, detected_by, **kw)
        _REWRITES[name] = (None if operations is None else frozenset(operations), rewrite)
        return rewrite

    return register


def _customers(reply: Reply) -> list[dict[str, Any]]:
    """The customer records in a reply's data (one object or a list)."""
    data = (reply.body or {}).get("data") if reply.status < 300 else None
    records = data if isinstance(data, list) else [data]
    return [record for record in records if isinstance(record, dict) and "customer_code" in record]


def apply_drift(active: Iterable[str], label: str, reply: Reply) -> Reply:
    """Run the response rewrites of the active profiles that touch operation `label`."""
    for name in active:
        entry = _REWRITES.get(name)
        if entry is not None and (entry[0] is None or label in entry[0]) and reply.raw is None:
            entry[1](reply)
    return reply


# --- envelope ------------------------------------------------------------------------------------------------


@_rewrite("status-as-string", "envelope", 'successes carry "status": "true" (a string) instead of true', "status")
def _status_string(reply: Reply) -> None:
    if reply.body is not None and reply.body.get("status") is True:
        reply.body["status"] = "true"


@_rewrite("message-missing", "envelope", "successes omit the `message` field", "message")
def _message_missing(reply: Reply) -> None:
    if reply.body is not None and reply.status < 300:
        reply.body.pop("message", None)


# --- status codes --------------------------------------------------------------------------------------------


@_rewrite(
    "create-returns-201",
    "status-code",
    "POST /customer answers 201 instead of 200",
    "POST /customer",
    ["POST /customer"],
)
def _create_201(reply: Reply) -> None:
    if reply.status == 200:
        reply.status = 201


_VALIDATE = "POST /customer/{code}/identification"


@_rewrite("validate-returns-200", "status-code", "identification answers 200 instead of 202", _VALIDATE, [_VALIDATE])
def _validate_200(reply: Reply) -> None:
    if reply.status == 202:
        reply.status = 200


# --- field names, identifiers and types ----------------------------------------------------------------------


@_rewrite(
    "snake-case-dates",
    "field-names",
    "createdAt/updatedAt renamed to created_at/updated_at on create, list, update and risk action",
    "createdAt",
    _CUSTOMER_READS - _FETCH | _CUSTOMER_WRITES,
)
def _snake_dates(reply: Reply) -> None:
    for record in _customers(reply):
        record["created_at"] = record.pop("createdAt", None)
        record["updated_at"] = record.pop("updatedAt", None)


@_rewrite(
    "naive-timestamps", "field-types", 'dates lose their zone: "2024-01-05 10:00:00"', "createdAt", _CUSTOMER_READS
)
def _naive_dates(reply: Reply) -> None:
    for record in _customers(reply):
        for name in ("createdAt", "updatedAt", "created_at", "updated_at"):
            if isinstance(record.get(name), str):
                record[name] = record[name][:19].replace("T", " ")


@_rewrite("lowercase-code-prefix", "identifiers", 'customer codes start "cus_" instead of "CUS_"', "customer_code")
def _lower_prefix(reply: Reply) -> None:
    for record in _customers(reply):
        record["customer_code"] = "cus_" + record["customer_code"][4:]


@_rewrite("id-as-string", "field-types", "customer `id` is a string of digits instead of an integer", "id")
def _id_string(reply: Reply) -> None:
    for record in _customers(reply):
        record["id"] = str(record["id"])


@_rewrite("integration-as-string", "field-types", "`integration` is a string instead of an integer", "integration")
def _integration_string(reply: Reply) -> None:
    for record in _customers(reply):
        record["integration"] = str(record.get("integration"))


@_rewrite("risk-action-missing", "removed-field", "fetch no longer returns `risk_action`", "risk_action", _FETCH)
def _risk_missing(reply: Reply) -> None:
    for record in _customers(reply):
        record.pop("risk_action", None)


@_rewrite(
    "undocumented-field",
    "added-field",
    "fetch adds an undocumented `loyalty_tier` field (additive: fingerprints warn, nothing breaks)",
    "loyalty_tier",
    _FETCH,
    severity="warning",
)
def _added_field(reply: Reply) -> None:
    for record in _customers(reply):
        record["loyalty_tier"] = "bronze"


# --- pagination ----------------------------------------------------------------------------------------------


@_rewrite(
    "wrong-total",
    "pagination",
    "list meta.total is 7 too high, so pageCount disagrees with it",
    "total",
    ["GET /customer"],
)
def _wrong_total(reply: Reply) -> None:
    meta = (reply.body or {}).get("meta")
    if isinstance(meta, dict) and isinstance(meta.get("total"), int):
        meta["total"] += 7


_profile(
    "pages-overlap",
    "pagination",
    "each offset page after the first starts one customer early, repeating the previous page's last",
    "pages_disjoint",
)
_profile(
    "cursor-never-ends",
    "pagination",
    "with use_cursor=true the last page's meta.next points back to the first page instead of null",
    "cursor_walk",
)
_profile("list-oldest-first", "ordering", "the customer list comes back oldest first", "newest_first")
_profile("per-page-ignored", "pagination", "the list ignores perPage and always answers 50 items", "perPage")
_profile(
    "mandate-meta-camel-case",
    "pagination",
    "mandate authorizations meta says perPage instead of per_page",
    "per_page",
)

# --- auth ----------------------------------------------------------------------------------------------------

_profile("auth-not-required", "auth", "requests without an Authorization header succeed (as test mode)", "ignored_auth")


@_rewrite("wrong-401-body", "auth", '401 answers {"error": "Unauthorized"} without the status/message envelope', "401")
def _wrong_401(reply: Reply) -> None:
    if reply.status == 401:
        reply.body = {"error": "Unauthorized"}


# --- validation ----------------------------------------------------------------------------------------------

_profile("accepts-invalid-email", "validation", "create accepts any string as email", "POST /customer")
_profile(
    "metadata-null-accepted", "validation", "create/update accept metadata: null (the live API answers 400)", "metadata"
)
_profile(
    "bvn-not-validated", "validation", 'identification accepts a non-digit bvn instead of 400 "Invalid BVN"', "bvn"
)

_profile(
    "identification-unknown-accepted",
    "validation",
    "identification for an unknown customer code answers 202 instead of 404",
    "unknown_identification_refused",
)

# --- statefulness --------------------------------------------------------------------------------------------

_profile(
    "update-not-persisted",
    "statefulness",
    "PUT answers the new values but a later fetch shows the old ones",
    "PUT /customer/{email_or_code}",
)
_profile(
    "risk-action-not-persisted",
    "statefulness",
    "set_risk_action answers the new value; fetch shows the old",
    "risk_action",
)
_profile(
    "update-clears-fields",
    "statefulness",
    "PUT clears the name and phone fields it was not sent (a replace, not a partial update)",
    "update_keeps_fields",
)
_profile(
    "verify-wrong-customer",
    "statefulness",
    "authorization verify names another customer than the one who initialized it",
    "verify_customer",
)
_profile("deactivated-still-active", "statefulness", "verify still reports active: true after deactivation", "active")
_profile(
    "idempotency-ignored",
    "statefulness",
    "GlobalStack: a reused Idempotency-Key with a different body creates again instead of 409",
    "idempotency_conflict",
)

# --- content type and server errors --------------------------------------------------------------------------


@_rewrite("text-plain-json", "content-type", "JSON bodies are sent as Content-Type text/plain", "Content-Type")
def _text_plain(reply: Reply) -> None:
    if reply.media_type == "application/json":
        reply.media_type = "text/plain"


@_rewrite(
    "json-as-html",
    "content-type",
    "JSON bodies are sent as Content-Type text/html by the origin (no CDN edge page: no Cloudflare markers)",
    "Content-Type",
)
def _html_json(reply: Reply) -> None:
    if reply.media_type == "application/json":
        reply.media_type = "text/html"


_profile(
    "trailing-slash-404",
    "routing",
    "/customer/ and /customer/{code}/ answer 404 instead of serving the path without the slash",
    "trailing_slash",
)
_profile("date-filter-500", "server-error", "GET /customer answers 500 when from or to is given", "GET /customer")
