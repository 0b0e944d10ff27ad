"""The store: list pages come from indexes (no table scans), counts from the trigger-kept counter."""

from __future__ import annotations

import pytest

from paystack_contracts.mock.store import Store


@pytest.fixture
def store():
    made = Store()
    yield made
    made.close()


def plan(store: Store, sql: str, params: tuple) -> str:
    return " | ".join(row["detail"] for row in store.rows(f"EXPLAIN QUERY PLAN {sql}", params))


@pytest.mark.parametrize(
    ("sql", "params"),
    [
        ("SELECT * FROM customers WHERE domain = ? ORDER BY id DESC LIMIT ? OFFSET ?", ("test", 50, 0)),
        (
            "SELECT * FROM customers WHERE domain = ? AND created_ms BETWEEN ? AND ? "
            "ORDER BY created_ms DESC, id DESC LIMIT ? OFFSET ?",
            ("test", 0, 1, 50, 0),
        ),
        (
            "SELECT * FROM customers WHERE domain = ? AND created_ms BETWEEN ? AND ? AND id < ? "
            "ORDER BY id DESC LIMIT ?",
            ("test", 0, 2**62, 5, 50),
        ),
        ("SELECT * FROM customers WHERE domain = ? AND email_key = ?", ("test", "a@b.co")),
        ("SELECT * FROM authorizations WHERE customer_id = ? AND active = 1 ORDER BY id", (1,)),
    ],
)
def test_list_and_lookup_queries_use_an_index(store, sql, params):
    detail = plan(store, sql, params)
    assert detail.startswith("SEARCH"), detail
    assert "USING" in detail, detail
    assert "TEMP B-TREE" not in detail, detail


def test_the_domain_counter_follows_inserts(store):
    rows = [
        {"domain": d, "customer_code": f"CUS_{i:015d}", "email": f"{i}@x.co", "email_key": f"{i}@x.co",
         "risk_action": "default", "identified": 0, "created_ms": i, "updated_ms": i}
        for i, d in enumerate(["test", "test", "live"])
    ]  # fmt: skip
    store.insert_customers(rows)
    assert (store.count_customers("test"), store.count_customers("live"), store.count_customers("none")) == (2, 1, 0)
    assert store.count_customers("test", since=1, until=5) == 1
