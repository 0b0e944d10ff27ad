"""Being a good citizen on a rate-limited sandbox: the request budget and honouring x-ratelimit-*/Retry-After.

Paystack's test mode allows 100 requests per 60 s per integration and answers 429 beyond it (reference §1, RL).
`RequestBudget` caps what one run may send; `RateLimitGate` waits when the target says the window is spent, up to
`max_wait` seconds, so a long wait becomes an inconclusive outcome instead of a hung run.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

__all__ = ["RateLimitGate", "RequestBudget", "WaitListener", "retry_after", "retry_after_seconds"]


@dataclass(slots=True)
class RequestBudget:
    """At most `limit` requests (None: unlimited). `take()` spends one and says whether it was available."""

    limit: int | None
    used: int = 0

    def take(self) -> bool:
        if self.limit is not None and self.used >= self.limit:
            return False
        self.used += 1
        return True

    @property
    def exhausted(self) -> bool:
        return self.limit is not None and self.used >= self.limit


def retry_after_seconds(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from Retry-After, or x-ratelimit-reset when the window is spent; None when not told."""
    told = retry_after(headers)
    return None if told is None else told[0]


def retry_after(headers: Mapping[str, str]) -> tuple[float, str] | None:
    """(seconds to wait, the header that said so), from Retry-After or x-ratelimit-reset; None when not told."""
    lowered = {k.lower(): v for k, v in headers.items()}
    for name in ("retry-after", "x-ratelimit-reset"):
        value = lowered.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value)), name
        except ValueError:
            continue  # an HTTP-date Retry-After: Paystack documents seconds, so fall through
    return None


WaitListener = Callable[[float, str], None]
"""Told while the gate waits: (seconds left, why), every `tick` seconds, and (0, why) when the wait is over."""


@dataclass(slots=True)
class RateLimitGate:
    """Remembers when the target said to come back; `wait()` sleeps until then (bounded by `max_wait`), telling
    `on_wait` how long is left as it goes, so a waiting run says so instead of going quiet."""

    max_wait: float = 60.0
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    on_wait: WaitListener | None = None
    tick: float = 1.0
    _resume_at: float = field(default=0.0)
    _why: str = field(default="")

    def observe(self, status_code: int, headers: Mapping[str, str]) -> None:
        lowered = {k.lower(): v for k, v in headers.items()}
        spent = lowered.get("x-ratelimit-remaining") == "0"
        if status_code == 429 or spent:
            told = retry_after(headers)
            delay, self._why = (1.0, "no Retry-After: 1 s") if told is None else told
            self._resume_at = self.clock() + delay

    def wait(self) -> bool:
        """Sleep until the window reopens. False (without sleeping) when that is further off than `max_wait`."""
        delay = self._resume_at - self.clock()
        if delay <= 0:
            return True
        if delay > self.max_wait:
            return False
        while delay > 0:
            self._tell(delay)
            self.sleep(min(delay, self.tick))
            delay = self._resume_at - self.clock()
        self._tell(0.0)
        return True

    def _tell(self, seconds_left: float) -> None:
        if self.on_wait is not None:
            self.on_wait(seconds_left, self._why)
