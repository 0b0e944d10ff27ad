"""Signatures: hex HMAC-SHA512 of the raw body under the secret key, verified in constant time."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from paystack_contracts.webhooks import sign, verify

KEY = "sk_test_" + "a" * 40
BODY = b'{"event":"customeridentification.success","data":{}}'


def test_a_signature_is_the_hex_hmac_sha512_of_the_body_under_the_key():
    assert sign(BODY, KEY) == hmac.new(KEY.encode(), BODY, hashlib.sha512).hexdigest()
    assert len(sign(BODY, KEY)) == 128


@pytest.mark.parametrize(
    ("body", "header", "key", "verifies"),
    [
        (BODY, sign(BODY, KEY), KEY, True),
        (BODY, sign(BODY, KEY).upper(), KEY, True),
        (BODY, sign(BODY, "sk_test_" + "b" * 40), KEY, False),
        (BODY + b" ", sign(BODY, KEY), KEY, False),  # re-serialised bodies do not verify: hash the raw bytes
        (BODY, "", KEY, False),
        (BODY, None, KEY, False),
    ],
    ids=["right", "upper-case-hex", "wrong-key", "body-changed", "empty", "missing"],
)
def test_verify_accepts_only_the_signature_of_these_exact_bytes(body, header, key, verifies):
    assert verify(body, header, key) is verifies
