"""The sandbox's state in SQLite (stdlib sqlite3): customers, authorizations, mandates, GlobalStack customers and
idempotency records. In memory by default; a file with `db_path`, so data survives a restart.

Every row carries its `domain` ("test"/"live"): a key only ever sees its own mode. List pages are served from
indexes (`customers_created`, `customers_domain`) and a per-domain counter kept by triggers, so a page never scans
the table (see bench/mock_bench.py: p50 well under 5 ms at 100,000 customers).

The connection is shared by the event-loop thread and, for `serve_in_thread`, created on another thread: hence
`check_same_thread=False` and a lock around every statement.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from paystack_contracts.errors import ConfigError

__all__ = ["CUSTOMER_ID_BASE", "FILTERED_PAGE_SQL", "PAGE_SQL", "Store"]

CUSTOMER_ID_BASE = 95_500_000
"""First customer id: 8 digits, like recent samples (90758908, 95485991)."""

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS customers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    domain TEXT NOT NULL,
    customer_code TEXT NOT NULL UNIQUE,
    email TEXT NOT NULL,
    email_key TEXT NOT NULL,
    first_name TEXT, last_name TEXT, phone TEXT,
    metadata TEXT,
    risk_action TEXT NOT NULL DEFAULT 'default',
    identified INTEGER NOT NULL DEFAULT 0,
    identifications TEXT,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS customers_email ON customers(domain, email_key);
CREATE INDEX IF NOT EXISTS customers_domain ON customers(domain, id);
CREATE INDEX IF NOT EXISTS customers_created ON customers(domain, created_ms, id);
CREATE TABLE IF NOT EXISTS domain_counts (domain TEXT PRIMARY KEY, n INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS customers_count_up AFTER INSERT ON customers BEGIN
    INSERT INTO domain_counts(domain, n) VALUES (NEW.domain, 1)
        ON CONFLICT(domain) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER IF NOT EXISTS customers_count_down AFTER DELETE ON customers BEGIN
    UPDATE domain_counts SET n = n - 1 WHERE domain = OLD.domain;
END;
CREATE TABLE IF NOT EXISTS authorizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    domain TEXT NOT NULL,
    authorization_code TEXT NOT NULL UNIQUE,
    reference TEXT NOT NULL UNIQUE,
    access_code TEXT NOT NULL,
    customer_id INTEGER NOT NULL REFERENCES customers(id),
    channel TEXT NOT NULL,
    bank TEXT, bank_code TEXT, account_number TEXT,
    signature TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS authorizations_customer ON authorizations(customer_id);
CREATE TABLE IF NOT EXISTS mandates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    authorization_id INTEGER NOT NULL UNIQUE REFERENCES authorizations(id),
    retries INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS gs_customers (
    id TEXT PRIMARY KEY,
    domain TEXT NOT NULL,
    email_key TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS gs_customers_email ON gs_customers(domain, email_key);
CREATE TABLE IF NOT EXISTS idempotency (
    domain TEXT NOT NULL,
    key TEXT NOT NULL,
    digest TEXT NOT NULL,
    status INTEGER NOT NULL,
    response BLOB NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (domain, key)
);
INSERT OR IGNORE INTO sqlite_sequence(name, seq) SELECT 'customers', {CUSTOMER_ID_BASE - 1}
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'customers');
INSERT OR IGNORE INTO sqlite_sequence(name, seq) SELECT 'authorizations', 297346000
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'authorizations');
INSERT OR IGNORE INTO sqlite_sequence(name, seq) SELECT 'mandates', 12596
    WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'mandates');
"""

# Deferred joins: the skipped rows of a deep page are walked in a covering index only, then the page's rows are read.
PAGE_SQL = (
    "SELECT * FROM customers WHERE id IN "
    "(SELECT id FROM customers WHERE domain = ? ORDER BY id DESC LIMIT ? OFFSET ?) ORDER BY id DESC"
)
FILTERED_PAGE_SQL = (
    "SELECT * FROM customers WHERE id IN (SELECT id FROM customers WHERE domain = ? AND created_ms BETWEEN ? AND ? "
    "ORDER BY created_ms DESC, id DESC LIMIT ? OFFSET ?) ORDER BY created_ms DESC, id DESC"
)

_CUSTOMER_COLUMNS = (
    "domain", "customer_code", "email", "email_key", "first_name", "last_name", "phone", "metadata",
    "risk_action", "identified", "identifications", "created_ms", "updated_ms",
)  # fmt: skip


class Store:
    """All sandbox state. Rows come back as plain dicts with JSON columns decoded."""

    def __init__(self, path: str | Path | None = None) -> None:
        target = ":memory:" if path is None else str(path)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            if path is not None:
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            raise ConfigError(f"cannot use {target} as the mock's SQLite database: {exc}") from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._lock:
            self._db.execute("BEGIN")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return [_decode(row) for row in self._db.execute(sql, params)]

    def row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        with self._lock:
            found = self._db.execute(sql, params).fetchone()
        return None if found is None else _decode(found)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one write; the new row's id (for inserts)."""
        with self._lock:
            return int(self._db.execute(sql, params).lastrowid or 0)

    # --- customers -------------------------------------------------------------------------------------------

    def insert_customer(self, record: dict[str, Any]) -> int:
        values = [_encode(record.get(column)) for column in _CUSTOMER_COLUMNS]
        placeholders = ",".join("?" * len(_CUSTOMER_COLUMNS))
        return self.execute(f"INSERT INTO customers({','.join(_CUSTOMER_COLUMNS)}) VALUES ({placeholders})", values)

    def insert_customers(self, records: Iterable[dict[str, Any]]) -> None:
        """Bulk insert in one transaction (seeding, benchmarks)."""
        placeholders = ",".join("?" * len(_CUSTOMER_COLUMNS))
        sql = f"INSERT OR IGNORE INTO customers({','.join(_CUSTOMER_COLUMNS)}) VALUES ({placeholders})"
        with self.transaction():
            self._db.executemany(sql, ([_encode(r.get(c)) for c in _CUSTOMER_COLUMNS] for r in records))

    def customer_by(self, domain: str, column: str, value: Any) -> dict[str, Any] | None:
        assert column in {"id", "customer_code", "email_key"}
        return self.row(f"SELECT * FROM customers WHERE domain = ? AND {column} = ?", (domain, value))

    def update_customer(self, customer_id: int, changes: dict[str, Any]) -> None:
        assignments = ", ".join(f"{column} = ?" for column in changes)
        params = [_encode(value) for value in changes.values()]
        self.execute(f"UPDATE customers SET {assignments} WHERE id = ?", [*params, customer_id])

    def count_customers(self, domain: str, since: int | None = None, until: int | None = None) -> int:
        if since is None and until is None:
            found = self.row("SELECT n FROM domain_counts WHERE domain = ?", (domain,))
            return int(found["n"]) if found else 0
        sql = "SELECT count(*) AS n FROM customers WHERE domain = ? AND created_ms BETWEEN ? AND ?"
        found = self.row(sql, (domain, since or 0, _upper(until)))
        return int(found["n"]) if found else 0

    def customer_page(
        self, domain: str, limit: int, offset: int, since: int | None = None, until: int | None = None
    ) -> list[dict[str, Any]]:
        """Newest first, offset pagination (see PAGE_SQL)."""
        if since is None and until is None:
            return self.rows(PAGE_SQL, (domain, limit, offset))
        return self.rows(FILTERED_PAGE_SQL, (domain, since or 0, _upper(until), limit, offset))

    def customer_slice(
        self, domain: str, limit: int, *, before: int | None, after: int | None, since: int | None, until: int | None
    ) -> list[dict[str, Any]]:
        """Newest first, keyset pagination: ids below `before` (next) or just above `after` (previous)."""
        where: list[str] = ["domain = ?"]
        params: list[Any] = [domain]
        for condition, value in (("id < ?", before), ("id > ?", after), ("created_ms >= ?", since)):
            if value is not None:
                where.append(condition)
                params.append(value)
        if until is not None:
            where.append("created_ms <= ?")
            params.append(until)
        order = "ASC" if after is not None else "DESC"
        conditions = " AND ".join(where)
        sql = f"SELECT * FROM customers INDEXED BY customers_domain WHERE {conditions} ORDER BY id {order} LIMIT ?"
        found = self.rows(sql, [*params, limit])
        return found[::-1] if after is not None else found

    def has_customer_beyond(self, domain: str, *, below: int | None = None, above: int | None = None) -> bool:
        op, bound = ("<", below) if below is not None else (">", above)
        return (
            self.row(f"SELECT 1 AS x FROM customers WHERE domain = ? AND id {op} ? LIMIT 1", (domain, bound))
            is not None
        )


_JSON_COLUMNS = frozenset({"metadata", "identifications", "body"})


def _upper(until: int | None) -> int:
    return until if until is not None else 2**62


def _encode(value: Any) -> Any:
    return json.dumps(value, ensure_ascii=False) if isinstance(value, dict | list) else value


def _decode(row: sqlite3.Row) -> dict[str, Any]:
    record = dict(row)
    for column in _JSON_COLUMNS.intersection(record):
        raw = record[column]
        if raw == "[]":  # the common cases, without the parser
            record[column] = []
        elif raw == "{}":
            record[column] = {}
        elif isinstance(raw, str):
            record[column] = json.loads(raw)
    return record
