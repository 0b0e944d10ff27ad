"""The `x-paystack-signature` header: hex HMAC-SHA512 of the raw request body, keyed with the secret key.

Paystack: "Events sent from Paystack carry the x-paystack-signature header. The value of this header is a HMAC
SHA512 signature of the event payload signed using your secret key" (https://paystack.com/docs/payments/webhooks/,
section "Verify event origin"). The digest covers the bytes as sent, so a receiver must hash the raw body before
parsing it. Comparison is constant-time (`hmac.compare_digest`).
"""

from __future__ import annotations

import hashlib
import hmac

__all__ = ["SIGNATURE_HEADER", "SOURCE_IPS", "sign", "verify"]

SIGNATURE_HEADER = "x-paystack-signature"

SOURCE_IPS = frozenset({"52.31.139.75", "52.49.173.169", "52.214.14.220"})
"""Where Paystack's events come from, test and live alike ("IP whitelisting" on the webhooks page, as summarised
by https://asyncapi.apis.io/asyncapis/paystack/paystack-webhooks-asyncapi/). The mock sends from loopback."""


def sign(body: bytes, secret_key: str) -> str:
    """The header value Paystack would send with `body`."""
    return hmac.new(secret_key.encode(), body, hashlib.sha512).hexdigest()


def verify(body: bytes, header: str | None, secret_key: str) -> bool:
    """True when `header` is the signature of `body` under `secret_key` (hex case does not matter)."""
    if not header:
        return False
    return hmac.compare_digest(sign(body, secret_key), header.strip().lower())
