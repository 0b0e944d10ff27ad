"""The store: list pages come from indexes (no table scans), counts from the trigger-kept counter."""

from __future__ import annotations

import pytest

from paystack_contracts.errors import ConfigError
from paystack_contracts.mock.store import CUSTOMER_ID_BASE, FILTERED_PAGE_SQL, PAGE_SQL, Store


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
        (PAGE_SQL, ("test", 50, 0)),
        (FILTERED_PAGE_SQL, ("test", 0, 1, 50, 0)),
        ("SELECT * FROM customers WHERE domain = ? AND email_key = ?", ("test", "a@b.co")),
        ("SELECT * FROM authorizations WHERE customer_id = ? AND active = 1 ORDER BY id", (1,)),
    ],
)
def test_list_and_lookup_queries_never_scan_a_table(store, sql, params):
    detail = plan(store, sql, params)
    assert "SCAN" not in detail, detail
    assert "USING" in detail, detail


def test_a_cursor_page_is_keyset_ordered_and_date_filtered(store):
    store.insert_customers(
        {"domain": "test", "customer_code": f"CUS_{i:015d}", "email": f"{i}@x.co", "email_key": f"{i}@x.co",
         "risk_action": "default", "identified": 0, "created_ms": 1000 * i, "updated_ms": 1000 * i}
        for i in range(10)
    )  # fmt: skip
    rows = store.customer_slice("test", 3, before=CUSTOMER_ID_BASE + 7, after=None, since=2000, until=None)
    assert [row["id"] for row in rows] == [CUSTOMER_ID_BASE + 6, CUSTOMER_ID_BASE + 5, CUSTOMER_ID_BASE + 4]


def test_the_domain_counter_follows_inserts(store):
    rows = [
        {"domain": d, "customer_code": f"CUS_{i:015d}", "email": f"{i}@x.co", "email_key": f"{i}@x.co",
         "risk_action": "default", "identified": 0, "created_ms": i, "updated_ms": i}
        for i, d in enumerate(["test", "test", "live"])
    ]  # fmt: skip
    store.insert_customers(rows)
    assert (store.count_customers("test"), store.count_customers("live"), store.count_customers("none")) == (2, 1, 0)
    assert store.count_customers("test", since=1, until=5) == 1


@pytest.mark.parametrize("content", [None, b"this is not a database, just text" * 100])
def test_an_unusable_db_path_is_a_one_line_config_error(tmp_path, content):
    path = tmp_path / "missing-dir" / "x.sqlite3"
    if content is not None:
        path = tmp_path / "text.sqlite3"
        path.write_bytes(content)
    with pytest.raises(ConfigError, match=r"cannot use .* as the mock.s SQLite database"):
        Store(path)
