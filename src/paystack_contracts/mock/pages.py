"""Customer list pagination (reference §2.2): offset meta by default, cursor meta with `use_cursor=true`.

Offset meta: `{total, skipped, perPage, page, pageCount}`; `perPage` echoes the query string when
`per_page_as_sent` (§5.4). Cursor meta: `{next, previous, perPage}` where a cursor is base64 of `customer:<id>`
(SNIP list: `Y3VzdG9tZXI6OTAyMjU4MDk=` = `customer:90225809`); `next` pages towards older customers.
"""

from __future__ import annotations

import base64
import binascii
import math
from typing import Any

from paystack_contracts.mock import validation
from paystack_contracts.mock.context import Call
from paystack_contracts.mock.errors import ApiError

__all__ = ["decode_cursor", "encode_cursor", "list_page"]

_DEFAULT_PER_PAGE = 50


def encode_cursor(customer_id: int) -> str:
    return base64.b64encode(f"customer:{customer_id}".encode()).decode()


def decode_cursor(value: str | None) -> int | None:
    """The customer id in a cursor; None for anything that is not base64 of `<word>:<digits>`.

    The contract types cursors as plain strings, so an unreadable one is ignored (first page) rather than
    rejected; DOCS 0c shows `undefined:<id>` cursors and a `"null"` string, both handled here [GUESS].
    """
    try:
        _, sep, number = base64.b64decode(value or "", validate=True).decode().partition(":")
    except (ValueError, binascii.Error, UnicodeDecodeError):
        return None
    return int(number) if sep and number.isascii() and number.isdigit() and len(number) < 19 else None


def _per_page(call: Call) -> int:
    per_page = validation.integer(call.query.get("perPage"), "perPage", default=_DEFAULT_PER_PAGE)
    if call.drifted("per-page-ignored"):
        return _DEFAULT_PER_PAGE
    maximum = call.settings.max_per_page
    return min(per_page, maximum) if maximum else per_page


def _echo_per_page(call: Call, per_page: int) -> int | str:
    sent = call.query.get("perPage")
    if sent and call.settings.per_page_as_sent and str(per_page) == sent.strip():
        return sent.strip()
    return per_page


def list_page(call: Call) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """One page of the caller's customers (newest first) and its meta."""
    per_page = _per_page(call)
    since = validation.parse_instant(call.query.get("from"), "from")
    until = validation.parse_instant(call.query.get("to"), "to", end_of_day=True)
    if call.drifted("date-filter-500") and (since is not None or until is not None):
        raise ApiError(500, "An error occurred", "server")
    use_cursor = validation.boolean(call.query.get("use_cursor"), "use_cursor")
    if use_cursor or call.settings.list_meta_default == "cursor":
        return _cursor_page(call, per_page, since, until)
    page = validation.integer(call.query.get("page"), "page", default=1)
    skipped = min((page - 1) * per_page, 2**62)
    shift = 1 if call.drifted("pages-overlap") and skipped else 0  # each later page repeats the previous one's last
    rows = call.store.customer_page(call.mode, per_page, skipped - shift, since, until)
    total = call.store.count_customers(call.mode, since, until)
    meta = {
        "total": total,
        "skipped": skipped,
        "perPage": _echo_per_page(call, per_page),
        "page": page,
        "pageCount": math.ceil(total / per_page),
    }
    return rows, meta


def _cursor_page(
    call: Call, per_page: int, since: int | None, until: int | None
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    before = decode_cursor(call.query.get("next"))
    after = decode_cursor(call.query.get("previous")) if before is None else None
    rows = call.store.customer_slice(call.mode, per_page, before=before, after=after, since=since, until=until)
    older = bool(rows) and call.store.has_customer_beyond(call.mode, below=rows[-1]["id"])
    newer = bool(rows) and call.store.has_customer_beyond(call.mode, above=rows[0]["id"])
    following = encode_cursor(rows[-1]["id"]) if older else None
    if following is None and rows and call.drifted("cursor-never-ends"):
        following = encode_cursor(2**53)  # "ids below 2^53": the last page points back to the first
    meta = {
        "next": following,
        "previous": encode_cursor(rows[0]["id"]) if newer else None,
        "perPage": _echo_per_page(call, per_page),
    }
    return rows, meta
