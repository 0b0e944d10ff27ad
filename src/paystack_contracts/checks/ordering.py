"""A customer list is newest first (reference §1, Ordering: ids and `createdAt` descending in the docs' list
sample).

Judged on `createdAt` (or `created_at`) of consecutive items: a later item may not be newer than an earlier one.
Equal timestamps are tolerated both ways: reads show whole seconds (reference §1, Timestamps), so customers
created within one second cannot be ordered by what the response shows. Items without a parseable date are
skipped (the resource check reports those).
"""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any

import schemathesis

from paystack_contracts.checks._body import NOT_JSON, decoded_body
from paystack_contracts.checks._guards import for_operation, guarded
from paystack_contracts.checks.violation import Violation, raise_for
from paystack_contracts.seam import Case, CheckContext, Response

__all__ = ["order_violations", "paystack_list_order"]


def _created(item: Any) -> datetime | None:
    raw = item.get("createdAt", item.get("created_at")) if isinstance(item, dict) else None
    if not isinstance(raw, str):
        return None
    try:
        return datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return None


def order_violations(items: Any) -> list[Violation]:
    """One violation at the first item that is newer than the one before it."""
    if not isinstance(items, list):
        return []
    dated = [(index, when) for index, when in enumerate(map(_created, items)) if when is not None]
    for (before, older), (index, newer) in itertools.pairwise(dated):
        if older.tzinfo is None or newer.tzinfo is None:
            continue  # naive dates cannot be compared with zoned ones; the identifiers check reports them
        if newer > older:
            return [
                Violation(
                    "ordering.newest_first",
                    f"$.data[{index}].createdAt",
                    f"newest first: not after $.data[{before}].createdAt ({older.isoformat()})",
                    newer.isoformat(),
                )
            ]
    return []


@schemathesis.check
@guarded(for_operation("customer_list", status=200))
def paystack_list_order(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Customers come back newest first."""
    body = decoded_body(response.content)
    if body is NOT_JSON or not isinstance(body, dict):
        return True
    raise_for("paystack_list_order", case, order_violations(body.get("data")))
    return None
