from __future__ import annotations

import pytest

from paystack_contracts.checks.pages import cursor_walk_violations, offset_walk_violations


@pytest.mark.parametrize(
    ("pages", "total", "expected"),
    [
        ([["A", "B"], ["C", "D"], ["E"]], 5, []),
        ([["A", "B"], ["C"]], None, []),  # stopped early: completeness is not judged
        ([[]], 0, []),
        ([["A", "B"], ["B", "C"]], 4, ["pagination.pages_disjoint", "pagination.pages_complete"]),
        ([["A", "B"], ["B", "C"]], None, ["pagination.pages_disjoint"]),
        ([["A", "B"], ["C"]], 5, ["pagination.pages_complete"]),
    ],
)
def test_offset_pages_are_disjoint_and_complete(pages, total, expected) -> None:
    assert [v.rule for v in offset_walk_violations(pages, total)] == expected


def test_a_repeated_customer_is_named_with_both_pages() -> None:
    (violation,) = offset_walk_violations([["A", "B"], ["B", "C"]], None)
    assert violation.actual == "B on page 1 and page 2"


@pytest.mark.parametrize(
    ("pages", "cursors", "actual"),
    [
        ([["A", "B"], ["C"]], ["n1"], None),
        ([["A"]], [], None),
        ([["A", "B"], ["C"], ["A", "B"]], ["n1", "n2"], "A again on page 3 (first on page 1)"),
        ([["A"], ["B"], ["C"]], ["n1", "n1"], "cursor n1 twice"),
    ],
)
def test_a_cursor_walk_ends_with_each_customer_once(pages, cursors, actual) -> None:
    found = cursor_walk_violations(pages, cursors)
    assert [v.actual for v in found] == ([] if actual is None else [actual])
    assert all(v.location == "$.meta.next" for v in found)
