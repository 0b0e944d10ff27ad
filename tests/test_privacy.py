from __future__ import annotations

import json

import pytest

from paystack_contracts.privacy import mask_json, mask_pii, mask_text, mask_value


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


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("expected 200, got 'jane.doe@example.com'", "expected 200, got 'j***@example.com'"),
        ("GET /customer/jane%40example.com", "GET /customer/j***%40example.com"),
        ("call +2348123456789 now", "call +234********89 now"),
        ("call +234 812 345 6789 now", "call +234 *** *** **89 now"),
        ("local 08012345678.", "local 080******78."),
        ('{"first_name": "Jane", "last_name": "Doe"}', '{"first_name": "J***", "last_name": "D***"}'),
        ("{'name': 'Jane Doe'}", "{'name': 'J***'}"),
        ('"account_name": "A \\"quoted\\" name"', '"account_name": "A***"'),
    ],
)
def test_pii_is_masked_anywhere_in_any_string(text: str, masked: str) -> None:
    assert mask_pii(text) == masked


@pytest.mark.parametrize(
    "text",
    [
        "customer 12345678 created at 1700000000000",
        "CUS_abc123 amount 500000",
        "2016-09-21T00:00:05.000Z",
        "sk_test_[REDACTED] and a@b",
        '"filename": "report.json"',
    ],
)
def test_ids_amounts_and_timestamps_are_left_alone(text: str) -> None:
    assert mask_pii(text) == text


def test_a_decoded_body_is_masked_by_field_name_and_by_pattern() -> None:
    body = {
        "data": [{"email": "Jane@Example.com", "phone": "0801", "mobile_phone": "+2348000000001",
                  "metadata": {"note": "reach me at +2348123456789 or j@x.io"}, "id": 1234567890}],
    }  # fmt: skip
    masked = mask_value(body)
    text = json.dumps(masked)
    for pii in ("Jane@", "0801", "8000000", "8123456", "j@x.io"):
        assert pii not in text
    assert masked["data"][0]["id"] == 1234567890
