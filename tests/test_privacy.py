from __future__ import annotations

import json

import pytest

from paystack_contracts.privacy import mask_json, mask_text


@pytest.mark.parametrize(
    ("key", "value", "masked"),
    [
        ("email", "jane.doe@example.com", "j***@example.com"),
        ("first_name", "Jane", "J***"),
        ("last_name", "Doe", "D***"),
        ("name", "Acme Ltd", "A***"),
        ("phone", "+2348123456789", "+234********89"),
        ("customer_code", "CUS_abc", "CUS_abc"),
        ("phone", None, None),
    ],
)
def test_personal_fields_are_masked_and_others_kept(key: str, value, masked) -> None:
    assert mask_json({key: value}) == {key: masked}


def test_masking_reaches_nested_records() -> None:
    body = {"data": [{"customer": {"email": "a@b.co", "first_name": "Ann"}}]}
    assert mask_json(body) == {"data": [{"customer": {"email": "a***@b.co", "first_name": "A***"}}]}


def test_masking_a_text_body_keeps_json_valid_and_masks_free_text() -> None:
    masked = mask_text(json.dumps({"email": "someone@example.com", "message": "sent to someone@example.com"}))
    assert "someone@" not in masked
    assert json.loads(masked)["message"] == "sent to s***@example.com"
    assert mask_text("/customer/someone@example.com") == "/customer/s***@example.com"
