from __future__ import annotations

import pytest

from paystack_contracts.credentials import SecretKey, redact, redact_mapping
from paystack_contracts.errors import UnsafeTargetError


def test_a_live_key_is_refused_without_echoing_it() -> None:
    live = "sk_live_" + "f" * 40
    with pytest.raises(UnsafeTargetError) as info:
        SecretKey.parse(live)
    assert live not in str(info.value)


@pytest.mark.parametrize("value", ["", "pk_test_abcdefgh1234", "sk_test_", "Bearer sk_test_abc", "sk_test_ab cd"])
def test_malformed_keys_are_refused(value: str) -> None:
    with pytest.raises(UnsafeTargetError):
        SecretKey.parse(value)


def test_a_key_never_shows_its_value(canary_key: str) -> None:
    key = SecretKey.parse(canary_key)
    assert key.mode == "test"
    for shown in (str(key), repr(key), f"{key}", key.redacted):
        assert canary_key not in shown
    assert key.reveal() == canary_key


def test_redact_removes_the_key_and_anything_key_shaped(canary_key: str) -> None:
    text = f"curl -H 'Authorization: Bearer {canary_key}' ; other sk_live_abcdef123456"
    cleaned = redact(text, canary_key)
    assert canary_key not in cleaned
    assert "sk_live_abcdef123456" not in cleaned


def test_sensitive_headers_are_masked_whole(canary_key: str) -> None:
    headers = {"Authorization": f"Bearer {canary_key}", "X-Echo": canary_key, "Accept": "application/json"}
    masked = redact_mapping(headers, canary_key)
    assert masked["Authorization"] == "[REDACTED]"
    assert canary_key not in masked["X-Echo"]
    assert masked["Accept"] == "application/json"
