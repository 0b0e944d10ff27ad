"""What a handler works with: the `Sandbox` (settings, store, ids, clock, drift) and one `Call` (the request)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from paystack_contracts.mock.ids import IdFactory
from paystack_contracts.mock.outbox import Outbox
from paystack_contracts.mock.ratelimit import RateLimiter
from paystack_contracts.mock.settings import MockSettings
from paystack_contracts.mock.store import Store

__all__ = ["Call", "Sandbox"]


@dataclass(slots=True)
class Sandbox:
    """The state shared by every request of one app."""

    settings: MockSettings
    store: Store
    ids: IdFactory
    limiter: RateLimiter
    drift: frozenset[str] = frozenset()
    outbox: Outbox | None = None
    """Sends webhook events when `settings.webhook_url` is set."""

    def close(self) -> None:
        """Stop delivering events, then release the store."""
        if self.outbox is not None:
            self.outbox.close()
        self.store.close()

    def now_ms(self) -> int:
        return int(self.settings.clock() * 1000)

    def drifted(self, name: str) -> bool:
        return name in self.drift


@dataclass(slots=True)
class Call:
    """One authenticated request, with its body already parsed into a dict (form bodies unflattened)."""

    sandbox: Sandbox
    mode: str
    path: dict[str, str]
    query: dict[str, str]
    body: dict[str, Any] = field(default_factory=dict)
    raw_body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    form: bool = False
    """The body came form-encoded: every value is a string on the wire."""

    @property
    def secret_key(self) -> str:
        """The key the request authenticated with (what Paystack signs this integration's events with)."""
        parts = self.headers.get("authorization", "").split()
        return parts[-1] if parts else ""

    @property
    def settings(self) -> MockSettings:
        return self.sandbox.settings

    @property
    def store(self) -> Store:
        return self.sandbox.store

    def drifted(self, name: str) -> bool:
        return name in self.sandbox.drift
