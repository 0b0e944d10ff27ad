from __future__ import annotations

import pytest

from paystack_contracts.checks.pagination import meta_violations


def offset(total: int, skipped: int, per_page, page: int, page_count: int) -> dict:
    return {"total": total, "skipped": skipped, "perPage": per_page, "page": page, "pageCount": page_count}


@pytest.mark.parametrize(
    ("meta", "items"),
    [
        (offset(3, 0, 50, 1, 1), 3),
        (offset(5, 2, 2, 2, 3), 2),
        (offset(5, 4, "2", 3, 3), 1),  # perPage echoed as a string (ledger #16)
        (offset(0, 0, 50, 1, 0), 0),
        (offset(2, 50, 50, 2, 1), 0),  # past the last page
        ({"next": "Y3VzdG9tZXI6OTAyMjU4MDk=", "previous": None, "perPage": 3}, 3),
        ({"next": None, "previous": "null", "perPage": 3}, 1),  # the string "null" (ledger #18)
    ],
)
def test_consistent_meta_passes(meta: dict, items: int) -> None:
    assert meta_violations(meta, [{}] * items) == []


@pytest.mark.parametrize(
    ("meta", "items", "expected"),
    [
        (offset(10, 0, 3, 1, 3), 3, [("pagination.pageCount", "$.meta.pageCount")]),
        (offset(10, 0, 3, 2, 4), 3, [("pagination.skipped", "$.meta.skipped")]),
        (offset(3, 0, 1, 1, 3), 3, [("pagination.length", "$.data")]),
        (offset(17, 0, 50, 1, 1), 10, [("pagination.length", "$.data")]),
        (
            {"total": "many", "skipped": 0, "perPage": 50, "page": 1, "pageCount": 1},
            0,
            [("pagination.meta", "$.meta.total")],
        ),
        ({"next": "", "previous": None, "perPage": 3}, 1, [("pagination.cursor", "$.meta.next")]),
        ({"next": None, "previous": None, "perPage": 1}, 2, [("pagination.length", "$.data")]),
        ("not meta", 0, [("pagination.meta", "$.meta")]),
    ],
)
def test_inconsistent_meta_names_the_field(meta, items: int, expected) -> None:
    assert [(v.rule, v.location) for v in meta_violations(meta, [{}] * items)] == expected


def test_the_expected_value_explains_the_arithmetic() -> None:
    (violation,) = meta_violations(offset(10, 0, 3, 1, 3), [{}] * 3)
    assert "ceil(total / perPage)" in violation.expected
    assert "4" in violation.expected
    assert violation.actual == "3"
