"""Secret keys: parsing, mode detection, refusal of live keys, and redaction of every place a key could leak.

A `SecretKey` never shows its value in `str()`/`repr()`; `redact()` scrubs a key (and anything key-shaped) out of
text. Every output path (console, reports, cassettes, exception messages) passes through `redact`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from paystack_contracts.errors import UnsafeTargetError

__all__ = ["KEY_PATTERN", "SecretKey", "redact", "redact_mapping"]

KEY_PATTERN = re.compile(r"\b(?:sk|pk)_(?:test|live)_[A-Za-z0-9]+")
"""Anything shaped like a Paystack key. Redaction removes all of them, not only the one we were given."""

_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"})


@dataclass(frozen=True, slots=True)
class SecretKey:
    """A Paystack secret key (`sk_test_…` or `sk_live_…`). Its value is only reachable via `.reveal()`."""

    _value: str = field(repr=False)

    @classmethod
    def parse(cls, value: str, *, allow_live: bool = False) -> SecretKey:
        value = value.strip()
        if value.startswith("sk_live_") and not allow_live:
            raise UnsafeTargetError(
                "refusing a live secret key (sk_live_…): this suite creates customers and sends fuzzed data; "
                "use a test key (sk_test_…) from your Paystack dashboard"
            )
        if not re.fullmatch(r"sk_(test|live)_[A-Za-z0-9]{8,}", value):
            raise UnsafeTargetError(
                "PAYSTACK_SECRET_KEY is not a Paystack secret key: expected sk_test_ followed by letters and digits"
            )
        return cls(value)

    @property
    def mode(self) -> str:
        return "live" if self._value.startswith("sk_live_") else "test"

    @property
    def redacted(self) -> str:
        return f"sk_{self.mode}_…{self._value[-4:]}" if len(self._value) > 16 else f"sk_{self.mode}_…"

    def reveal(self) -> str:
        return self._value

    def __str__(self) -> str:
        return self.redacted


def redact(text: str, *secrets: str) -> str:
    """Remove the given secrets and anything key-shaped from `text`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "[REDACTED]")
    return KEY_PATTERN.sub(lambda m: m.group(0)[:8] + "[REDACTED]", text)


def redact_mapping(headers: dict[str, str], *secrets: str) -> dict[str, str]:
    """Headers with credentials masked: sensitive names entirely, other values scrubbed of key shapes."""
    return {
        name: ("[REDACTED]" if name.lower() in _SENSITIVE_HEADERS else redact(value, *secrets))
        for name, value in headers.items()
    }
