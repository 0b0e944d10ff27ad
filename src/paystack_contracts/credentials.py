"""Secret keys: parsing, mode detection, refusal of live keys, and redaction of every place a key could leak.

A `SecretKey` never shows its value in `str()`/`repr()`. A `Redactor` is built once from every secret a run knows
(flag, environment, GlobalStack key) and scrubs each of them out of text *anywhere* (glued to other characters
too), in every form a target or a library could echo it: raw, upper- and lower-case, URL-encoded, hex, and
base64 (standard and URL-safe, at each of the three byte alignments it can have inside a longer base64 string,
as in `Authorization: Basic base64("sk_test_…:")`). It also removes anything key-shaped, credentials in URLs
(`https://user:pass@host`) and bearer tokens it was not told about. `redact(text, *secrets)` is the one-call form.
Every output path (console, reports, cassettes, exception messages) passes through one.
"""

from __future__ import annotations

import base64
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

from paystack_contracts.errors import UnsafeTargetError

__all__ = ["KEY_PATTERN", "REDACTED", "Redactor", "SecretKey", "bearer", "redact", "redact_mapping"]

KEY_PATTERN = re.compile(r"(?:sk|pk)_(?:test|live)_[A-Za-z0-9]+", re.IGNORECASE)
"""Anything shaped like a Paystack key, glued to other text or not (`x_sk_test_…`, `abcsk_test_…`)."""

REDACTED = "[REDACTED]"

_KEY_RULE = "sk_test_ (or sk_live_) followed by at least 8 letters (A-Z, a-z) or digits, nothing else"
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/?#\s@]+@")
_BEARER = re.compile(r"(?i)\b(bearer|basic)(\s+)(?=[A-Za-z._~+/=-]*\d)[A-Za-z0-9._~+/=-]{8,}")
"""A token after Bearer/Basic; it must hold a digit, so prose ("basic information") is left alone."""
_SHORTEST_SECRET = 8
"""Secrets shorter than this are not searched for: a 3-character 'secret' would blank out ordinary words."""

_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key"})


@dataclass(frozen=True, slots=True)
class SecretKey:
    """A Paystack secret key (`sk_test_…` or `sk_live_…`). Its value is only reachable via `.reveal()`."""

    _value: str = field(repr=False)

    @classmethod
    def parse(cls, value: str, *, allow_live: bool = False, source: str = "the secret key") -> SecretKey:
        """Vet `value`; `source` names where it came from (`--secret-key`, `PAYSTACK_SECRET_KEY`) in errors."""
        value = value.strip()
        if value.startswith("sk_live_") and not allow_live:
            raise UnsafeTargetError(
                "refusing a live secret key (sk_live_…): this suite creates customers and sends fuzzed data; "
                "use a test key (sk_test_…) from your Paystack dashboard"
            )
        if not re.fullmatch(r"sk_(test|live)_[A-Za-z0-9]{8,}", value):
            raise UnsafeTargetError(f"{source} is not a Paystack secret key: expected {_KEY_RULE}")
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


@dataclass(frozen=True, slots=True)
class Redactor:
    """Scrubs every known secret, in every encoding, plus anything key-shaped. Build it once per run."""

    secrets: tuple[str, ...] = field(repr=False)
    _known: re.Pattern[str] | None = field(init=False, repr=False, compare=False)
    _lowered: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        forms = sorted({form for secret in self.secrets for form in _forms(secret)}, key=len, reverse=True)
        known = re.compile("|".join(map(re.escape, forms)), re.IGNORECASE) if forms else None
        object.__setattr__(self, "_known", known)
        object.__setattr__(self, "_lowered", tuple({form.lower() for form in forms}))

    @classmethod
    def of(cls, *secrets: str | SecretKey | None) -> Redactor:
        """A redactor for these secrets; `None` and empty values are skipped, `SecretKey`s are revealed here only."""
        values = (s.reveal() if isinstance(s, SecretKey) else s for s in secrets)
        return _cached(tuple(sorted({v.strip() for v in values if v and len(v.strip()) >= _SHORTEST_SECRET})))

    def redact(self, text: str) -> str:
        """`text` with every secret form, key shape, URL credential and Bearer/Basic token replaced.

        Each pattern runs only when the text could hold a match: ASCII text (nearly every header and body) is
        first searched for each pattern's literal part, lower-cased, with `in`, which is exact there, since an
        ASCII character matches these patterns case-insensitively only through its ASCII case pair. Other text
        takes every pattern: case folding beyond ASCII (the long s, U+017F, for `s`) is the regex engine's to
        judge. A replacement never creates a literal it did not remove: it inserts `[REDACTED]` and text that
        was there. The patterns cost ~100 µs for a 400-byte body (measured); the checks cost a few µs."""
        lowered = text.lower() if text.isascii() else None
        if self._known is not None and (lowered is None or any(form in lowered for form in self._lowered)):
            text = self._known.sub(REDACTED, text)
        if lowered is None or "_test_" in lowered or "_live_" in lowered:
            text = KEY_PATTERN.sub(lambda m: m.group(0)[:8] + REDACTED, text)
        if "://" in text and "@" in text:
            text = _URL_CREDENTIALS.sub(lambda m: m.group(1) + REDACTED + "@", text)
        if lowered is None or "bearer" in lowered or "basic" in lowered:
            text = _BEARER.sub(lambda m: m.group(1) + m.group(2) + REDACTED, text)
        return text

    def redact_mapping(self, headers: dict[str, str]) -> dict[str, str]:
        """Headers with credentials masked: sensitive names entirely, other values scrubbed."""
        return {
            name: (REDACTED if name.lower() in _SENSITIVE_HEADERS else self.redact(value))
            for name, value in headers.items()
        }

    __call__ = redact


@functools.lru_cache(maxsize=64)
def _cached(secrets: tuple[str, ...]) -> Redactor:
    return Redactor(secrets)


def _forms(secret: str) -> Iterator[str]:
    """Every text form of `secret` a target, a header or a library could produce."""
    for variant in {secret, secret.upper(), secret.lower()}:
        raw = variant.encode()
        yield variant
        yield quote(variant, safe="")
        yield quote_plus(variant, safe="")
        yield "".join(f"%{byte:02X}" for byte in raw)
        yield raw.hex()
        yield from _base64_cores(raw)


def _base64_cores(raw: bytes) -> Iterable[str]:
    """The base64 characters that depend on `raw` alone, at each alignment it can have in a longer string.

    With k bytes before it (k = 0, 1, 2), the first 4-character group mixes in the preceding bytes when k > 0,
    and the last group mixes in what follows unless the secret ends a group: only whole groups made of secret
    bytes alone are certain, so those are the form searched for.
    """
    for k in range(3):
        encoded = base64.b64encode(bytes(k) + raw).decode()
        whole = (k + len(raw)) // 3 * 4
        core = encoded[4 if k else 0 : whole]
        if len(core) >= _SHORTEST_SECRET:
            yield core
            yield core.replace("+", "-").replace("/", "_")


def bearer(key: str | SecretKey) -> dict[str, str]:
    """The Authorization header Paystack expects for `key` (reference §1: `Authorization: Bearer sk_…`)."""
    value = key.reveal() if isinstance(key, SecretKey) else key
    return {"Authorization": f"Bearer {value}"}


def redact(text: str, *secrets: str) -> str:
    """Remove the given secrets (in every encoding) and anything key-shaped from `text`."""
    return Redactor.of(*secrets).redact(text)


def redact_mapping(headers: dict[str, str], *secrets: str) -> dict[str, str]:
    """Headers with credentials masked: sensitive names entirely, other values scrubbed of key shapes."""
    return Redactor.of(*secrets).redact_mapping(headers)
