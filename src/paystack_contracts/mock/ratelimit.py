"""Per-integration, per-mode request quotas (RL [DOC]: test 100 / 60 s, live 600 / 60 s).

A fixed window per mode. Headers `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (seconds until
the window ends) go on every response when `rate_limit_headers_always`, else only on 429.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from paystack_contracts.mock.errors import ApiError
from paystack_contracts.mock.settings import MockSettings

__all__ = ["RateLimiter"]


@dataclass(slots=True)
class _Window:
    started: float
    used: int = 0


@dataclass(slots=True)
class RateLimiter:
    settings: MockSettings
    _windows: dict[str, _Window] = field(default_factory=dict)

    def admit(self, mode: str) -> dict[str, str]:
        """Count one request; the headers to send, or ApiError(429) carrying them."""
        limit = self.settings.rate_limit_live if mode == "live" else self.settings.rate_limit_test
        now = self.settings.clock()
        window = self._windows.get(mode)
        if window is None or now - window.started >= self.settings.rate_limit_window:
            window = self._windows[mode] = _Window(now)
        window.used += 1
        reset = max(0, math.ceil(window.started + self.settings.rate_limit_window - now))
        headers = {
            "x-ratelimit-limit": str(limit),
            "x-ratelimit-remaining": str(max(0, limit - window.used)),
            "x-ratelimit-reset": str(reset),
        }
        if window.used > limit:
            raise ApiError(429, "Rate limit exceeded!", "rate_limited", headers=headers)
        return headers if self.settings.rate_limit_headers_always else {}
