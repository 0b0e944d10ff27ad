"""Page walks: a consumer that syncs its customers walks the list to the end, and relies on what no single page
shows. Offset pages (perPage 3) must be disjoint and, when every page was walked, complete (`meta.total`
distinct customers); following `meta.next` from `use_cursor=true` must end, each customer once
(`checks/pages.py` holds the rules). At most three requests per walk, so the live profile stays in its budget:
a list too long to walk in three pages is checked for disjointness only.

Walks run after the generated phases (with the status plan): the fuzzing workers create customers while the
scenarios run, and an insert during an offset walk shifts every later page. Their responses are not compared with
the response-shape baseline, which would then see the generated records.
"""

from __future__ import annotations

import math
from typing import Any

from paystack_contracts.checks.pages import Pages, cursor_walk_violations, offset_walk_violations
from paystack_contracts.checks.violation import Violation
from paystack_contracts.run.judge import Judged
from paystack_contracts.run.scenarios.steps import Expect, Steps, dig

__all__ = ["page_walks"]

MAX_PAGES = 3
OFFSET_PER_PAGE = 3
LIST = "customer_list"


def page_walks(steps: Steps) -> None:
    if not steps.has(LIST):
        return
    total = _offset_walk(steps)
    if total is not None:
        _cursor_walk(steps, per_page=max(1, math.ceil(total / 2)) if total <= 100 else 50)


def _page(steps: Steps, query: dict[str, Any]) -> tuple[Judged, list[str]] | None:
    answer = steps.call(LIST, query=query, fingerprinted=False)
    items = dig(answer.body, "data")
    if answer.status_code != 200 or not isinstance(items, list):
        return None
    return answer, [str(dig(item, "customer_code")) for item in items]


def _offset_walk(steps: Steps) -> int | None:
    """Walk the offset pages; returns meta.total (None when the first page did not answer a list)."""
    first = _page(steps, {"perPage": OFFSET_PER_PAGE, "page": 1})
    total = dig(first[0].body, "meta", "total") if first else None
    if first is None or not isinstance(total, int):
        return None
    needed = math.ceil(total / OFFSET_PER_PAGE)
    pages, last = [first[1]], first[0]
    for number in range(2, min(needed, MAX_PAGES) + 1):
        page = _page(steps, {"perPage": OFFSET_PER_PAGE, "page": number})
        if page is None:
            return total
        last = page[0]
        pages.append(page[1])
    complete = total if needed <= MAX_PAGES else None
    _record(steps, last, offset_walk_violations(pages, complete))
    return total


def _cursor_walk(steps: Steps, *, per_page: int) -> None:
    query: dict[str, Any] = {"use_cursor": "true", "perPage": per_page}
    pages: Pages = []
    cursors: list[str] = []
    for _ in range(MAX_PAGES):
        page = _page(steps, query)
        if page is None:
            return
        pages = [*pages, page[1]]
        found = cursor_walk_violations(pages, cursors)
        cursor = dig(page[0].body, "meta", "next")
        if found or not isinstance(cursor, str) or cursor in ("", "null"):
            _record(steps, page[0], found)
            return
        cursors.append(cursor)
        query = {**query, "next": cursor}


def _record(steps: Steps, judged: Judged, violations: list[Violation]) -> None:
    for v in violations:
        rule = v.rule.removeprefix("pagination.")
        steps.expect(judged, False, Expect(rule, v.location, v.expected, v.actual, after="walking GET /customer"))
