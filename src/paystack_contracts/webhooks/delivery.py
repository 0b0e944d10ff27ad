"""Delivering events the way Paystack does: POST, signed, retried on Paystack's schedule until a 2xx.

Schedule (https://paystack.com/docs/payments/webhooks/, "Retries", as summarised by the AsyncAPI description at
https://asyncapi.apis.io/asyncapis/paystack/paystack-webhooks-asyncapi/): in live mode every 3 minutes for the
first 4 tries, then hourly for up to 72 hours; in test mode hourly for up to 72 hours. The hours are settings
(`webhook_test_retry_hours`, `webhook_live_retry_hours`) because readings of the page differ; every delay is
multiplied by `time_scale` so a test sees the whole schedule in milliseconds.

`Dispatcher` runs one daemon thread with its own httpx client, so a slow or dead receiver never delays an API
response. Pending deliveries live in a table of the mock's SQLite store (a `--db` file keeps them across a
restart). The table holds the body and its signature, never the key.
"""

from __future__ import annotations

import collections
import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import httpx

from paystack_contracts.webhooks.signature import SIGNATURE_HEADER

__all__ = ["Attempt", "DeliveryConfig", "Dispatcher", "retry_delays"]

_LIVE_QUICK = (180.0,) * 4  # "every 3 minutes for the first 4 tries"
_HOUR = 3600.0

_TABLE = """
CREATE TABLE IF NOT EXISTS webhook_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    event TEXT NOT NULL, mode TEXT NOT NULL,
    body BLOB NOT NULL, signature TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    due REAL NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
)
"""


def retry_delays(mode: str, *, test_hours: int = 72, live_hours: int = 72) -> tuple[float, ...]:
    """Seconds to wait before each retry after a failed attempt (unscaled); its length bounds the retries."""
    if mode == "live":
        return _LIVE_QUICK + (_HOUR,) * live_hours
    return (_HOUR,) * test_hours


class Rows(Protocol):
    """The part of the mock's `Store` a dispatcher needs."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> int: ...
    def row(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None: ...


@dataclass(frozen=True, slots=True)
class DeliveryConfig:
    url: str
    time_scale: float = 1.0
    timeout: float = 30.0
    test_retry_hours: int = 72
    live_retry_hours: int = 72


@dataclass(frozen=True, slots=True)
class Attempt:
    """One POST of one delivery, for the mock's log: status None means no answer (refused, timed out)."""

    delivery: int
    event: str
    attempt: int
    status: int | None
    latency_ms: float
    outcome: str  # delivered | retrying | given-up
    error: str | None = None

    def __str__(self) -> str:
        answered = self.status if self.status is not None else self.error
        where = f"webhook {self.event} #{self.delivery} attempt {self.attempt}"
        return f"{where}: {answered} in {self.latency_ms:.0f} ms ({self.outcome})"


class Dispatcher:
    """The mock's outbox: `enqueue` stores a delivery, a background thread POSTs it when due."""

    def __init__(
        self, store: Rows, config: DeliveryConfig, on_attempt: Callable[[Attempt], None] | None = None
    ) -> None:
        self.store, self.config, self.on_attempt = store, config, on_attempt
        self.log: collections.deque[Attempt] = collections.deque(maxlen=1000)
        self._wake = threading.Condition()
        self._stop = False
        self._busy = False
        store.execute(_TABLE)
        self._thread = threading.Thread(target=self._run, name="paystack-webhooks", daemon=True)

    def start(self) -> Dispatcher:
        self._thread.start()
        return self

    def enqueue(self, event: str, mode: str, body: bytes, signature: str, delay: float = 0.0) -> int:
        sql = "INSERT INTO webhook_deliveries(event, mode, body, signature, due) VALUES (?, ?, ?, ?, ?)"
        found = self.store.execute(sql, (event, mode, body, signature, time.time() + max(delay, 0.0)))
        with self._wake:
            self._wake.notify_all()
        return found

    def pending(self) -> int:
        found = self.store.row("SELECT count(*) AS n FROM webhook_deliveries WHERE state = 'pending'")
        return int(found["n"]) if found else 0

    def wait_idle(self, timeout: float) -> bool:
        """True once nothing is pending or in flight (within `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        with self._wake:
            while self._busy or self.pending():
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._wake.wait(min(left, 0.05))
        return True

    @property
    def stopped(self) -> bool:
        return self._stop

    def close(self, timeout: float = 5.0) -> None:
        with self._wake:
            self._stop = True
            self._wake.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _run(self) -> None:
        with httpx.Client(timeout=self.config.timeout, follow_redirects=False, trust_env=False) as client:
            while True:
                with self._wake:
                    if self._stop:
                        return
                    row = self.store.row("SELECT * FROM webhook_deliveries WHERE state = 'pending' ORDER BY due, id")
                    wait = None if row is None else row["due"] - time.time()
                    if wait is None or wait > 0:
                        self._wake.wait(wait)
                        continue
                    self._busy = True
                try:
                    self._attempt(client, row)  # type: ignore[arg-type]
                except Exception:
                    if self.stopped:  # closed mid-attempt: the store may be gone already
                        return
                    raise
                finally:
                    with self._wake:
                        self._busy = False
                        self._wake.notify_all()

    def _attempt(self, client: httpx.Client, row: dict[str, Any]) -> None:
        number = row["attempts"] + 1
        status, error, started = None, None, time.perf_counter()
        try:
            headers = {"content-type": "application/json", SIGNATURE_HEADER: row["signature"]}
            status = client.post(self.config.url, content=bytes(row["body"]), headers=headers).status_code
        except httpx.HTTPError as exc:
            error = type(exc).__name__
        latency = (time.perf_counter() - started) * 1000
        outcome = self._settle(row, number, status)
        self._record(Attempt(row["id"], row["event"], number, status, latency, outcome, error))

    def _settle(self, row: dict[str, Any], number: int, status: int | None) -> str:
        delays = retry_delays(
            row["mode"], test_hours=self.config.test_retry_hours, live_hours=self.config.live_retry_hours
        )
        if status is not None and 200 <= status < 300:
            state, due, outcome = "delivered", row["due"], "delivered"
        elif number - 1 < len(delays):
            state, due, outcome = "pending", time.time() + delays[number - 1] * self.config.time_scale, "retrying"
        else:
            state, due, outcome = "given-up", row["due"], "given-up"
        sql = "UPDATE webhook_deliveries SET attempts = ?, due = ?, state = ? WHERE id = ?"
        self.store.execute(sql, (number, due, state, row["id"]))
        return outcome

    def _record(self, attempt: Attempt) -> None:
        self.log.append(attempt)
        if self.on_attempt is not None:
            with contextlib.suppress(Exception):  # a broken log sink must not stop deliveries
                self.on_attempt(attempt)
