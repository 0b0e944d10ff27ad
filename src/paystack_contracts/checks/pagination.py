"""List metadata is internally consistent (reference §2.2, §2.11).

Offset meta `{total, skipped, perPage, page, pageCount}`: pageCount = ceil(total / perPage), skipped =
(page - 1) * perPage, len(data) = min(perPage, total - skipped) and never more than perPage. `perPage` may come
back as a string (ledger #16), so numeric strings are accepted. Cursor meta `{next, previous, perPage}`: cursors
are null or non-empty strings (the string "null" is tolerated, ledger #18).
"""

from __future__ import annotations

import math
from typing import Any

import schemathesis

from paystack_contracts.checks._body import NOT_JSON, decoded_body, short
from paystack_contracts.checks._guards import for_operation, guarded
from paystack_contracts.checks.violation import Violation, raise_for
from paystack_contracts.seam import Case, CheckContext, Response

__all__ = ["meta_violations", "paystack_pagination"]

_OFFSET_KEYS = ("total", "skipped", "perPage", "page", "pageCount")


def meta_violations(meta: Any, data: Any) -> list[Violation]:
    if not isinstance(meta, dict):
        return [Violation("pagination.meta", "$.meta", "an object", short(meta))]
    if not isinstance(data, list):
        return [Violation("pagination.data", "$.data", "an array", short(data))]
    if "next" in meta or "previous" in meta:
        return _cursor_violations(meta, data)
    return _offset_violations(meta, data)


def _number(meta: dict[str, Any], key: str) -> int | None:
    value = meta.get(key)
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return None


def _offset_violations(meta: dict[str, Any], data: list[Any]) -> list[Violation]:
    values = {key: _number(meta, key) for key in _OFFSET_KEYS}
    bad = [
        Violation("pagination.meta", f"$.meta.{k}", "a non-negative integer", short(meta.get(k)))
        for k, v in values.items()
        if v is None or v < 0
    ]
    if bad:
        return bad
    total, skipped, per_page, page, page_count = (values[k] or 0 for k in _OFFSET_KEYS)
    found = []
    if per_page > 0 and page_count != math.ceil(total / per_page):
        found.append(
            Violation(
                "pagination.pageCount",
                "$.meta.pageCount",
                f"ceil(total / perPage) = ceil({total} / {per_page}) = {math.ceil(total / per_page)}",
                str(page_count),
            )
        )
    if page >= 1 and skipped != (page - 1) * per_page:
        found.append(
            Violation(
                "pagination.skipped", "$.meta.skipped", f"(page - 1) * perPage = {(page - 1) * per_page}", str(skipped)
            )
        )
    expected_len = max(0, min(per_page, total - skipped))
    if len(data) != expected_len:
        found.append(
            Violation(
                "pagination.length",
                "$.data",
                f"{expected_len} items (total {total}, skipped {skipped}, perPage {per_page})",
                f"{len(data)} items",
            )
        )
    return found


def _cursor_violations(meta: dict[str, Any], data: list[Any]) -> list[Violation]:
    found = []
    for key in ("next", "previous"):
        value = meta.get(key)
        if value is not None and not (isinstance(value, str) and value):
            found.append(
                Violation("pagination.cursor", f"$.meta.{key}", "null or a non-empty cursor string", short(value))
            )
    per_page = _number(meta, "perPage")
    if per_page is None:
        found.append(Violation("pagination.cursor", "$.meta.perPage", "an integer", short(meta.get("perPage"))))
    elif len(data) > per_page:
        found.append(
            Violation("pagination.length", "$.data", f"at most perPage = {per_page} items", f"{len(data)} items")
        )
    return found


@schemathesis.check
@guarded(for_operation("customer_list", status=200))
def paystack_pagination(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Customer list meta agrees with itself and with the number of items returned."""
    body = decoded_body(response.content)
    if body is NOT_JSON or not isinstance(body, dict):
        return True
    raise_for("paystack_pagination", case, meta_violations(body.get("meta"), body.get("data")))
    return None
