"""Walking a list page by page: what a consumer's sync loop relies on, and one response cannot show.

- offset pages are disjoint (no customer on two pages) and, when every page was walked, complete (as many
  distinct customers as `meta.total` said);
- following `meta.next` cursors ends: no customer comes back on a later page, no cursor is handed out twice.

Pure rules over what the walk saw (the customer codes per page, the cursors followed); the scenario in
`run/scenarios/walks.py` sends the requests and records what these return. A customer created by someone else
during the walk can shift an offset page by one, so the scenario walks right after its own writes and before the
generated phases, and the rules name what they saw rather than guess why.
"""

from __future__ import annotations

from collections.abc import Sequence

from paystack_contracts.checks.violation import Violation

__all__ = ["cursor_walk_violations", "offset_walk_violations"]

Pages = Sequence[Sequence[str]]  # customer codes per page, in the order the walk saw them


def _repeat(pages: Pages) -> tuple[str, int, int] | None:
    """The first customer seen on two pages: (code, first page, second page), pages counted from 1."""
    first: dict[str, int] = {}
    for number, codes in enumerate(pages, start=1):
        for code in dict.fromkeys(codes):
            if code in first:
                return code, first[code], number
            first[code] = number
    return None


def offset_walk_violations(pages: Pages, total: int | None) -> list[Violation]:
    """`total`: `meta.total` when the walk covered every page (None when it stopped early)."""
    found = []
    repeat = _repeat(pages)
    if repeat is not None:
        code, first, second = repeat
        found.append(
            Violation(
                "pagination.pages_disjoint",
                "$.data[*].customer_code",
                "each customer on one page only",
                f"{code} on page {first} and page {second}",
            )
        )
    distinct = len({code for codes in pages for code in codes})
    if total is not None and distinct != total:
        found.append(
            Violation(
                "pagination.pages_complete",
                "$.meta.total",
                f"{total} distinct customers over all {len(pages)} pages (meta.total)",
                f"{distinct} distinct customers",
            )
        )
    return found


def cursor_walk_violations(pages: Pages, cursors: Sequence[str]) -> list[Violation]:
    """`cursors`: the `meta.next` values followed, in order."""
    repeat = _repeat(pages)
    again = next((c for i, c in enumerate(cursors) if c in cursors[:i]), None)
    if repeat is None and again is None:
        return []
    seen = f"{repeat[0]} again on page {repeat[2]} (first on page {repeat[1]})" if repeat else f"cursor {again} twice"
    return [Violation("pagination.cursor_walk", "$.meta.next", "a cursor walk that ends, each customer once", seen)]
