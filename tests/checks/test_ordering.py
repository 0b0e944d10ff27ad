from __future__ import annotations

import pytest

from paystack_contracts.checks.ordering import order_violations


def listed(*dates: str | None) -> list[dict]:
    return [{"createdAt": d} if d is not None else {} for d in dates]


@pytest.mark.parametrize(
    "items",
    [
        listed("2026-01-03T10:00:00.000Z", "2026-01-02T10:00:00.000Z", "2026-01-01T10:00:00.000Z"),
        listed("2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z"),  # same second: whole seconds on reads
        listed("2026-01-02T10:00:00.000Z", None, "2026-01-01T10:00:00.000Z"),  # an undated item is skipped
        [{"created_at": "2026-01-02T10:00:00Z"}, {"created_at": "2026-01-01T10:00:00Z"}],  # snake_case tolerated
        listed("2026-01-01 10:00:00", "2026-01-02T10:00:00.000Z"),  # naive vs zoned: not comparable here
        [],
        None,
    ],
)
def test_a_newest_first_list_passes(items) -> None:
    assert order_violations(items) == []


def test_an_item_newer_than_the_one_before_it_is_named_with_both() -> None:
    items = listed("2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z", "2026-01-03T10:00:00.000Z")
    (violation,) = order_violations(items)
    assert violation.rule == "ordering.newest_first"
    assert violation.location == "$.data[2].createdAt"
    assert "$.data[1].createdAt" in violation.expected
    assert violation.actual.startswith("2026-01-03T10:00:00")
