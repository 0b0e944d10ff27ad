"""`--mask-pii`: personal data (emails, phone numbers, names) masked in every string that leaves the process.

`mask_pii(text)` works on any text — a finding's `actual`, a Markdown table, a SARIF message, a stored body — by
pattern, so it does not depend on field names: emails (also percent-encoded, `jane%40example.com`) and phone
numbers anywhere, and the values of JSON name fields (`"first_name": "Jane"`) wherever such a pair appears in the
text. `mask_value(value)` (alias `mask_json`) does the same to a decoded JSON value, using field names as well
(`phone`, `*_phone`, names); `mask_text(body)` masks a recorded body structurally when it is JSON. Masking
keeps the kind of value visible: `jane@example.com` -> `j***@example.com`, `+2348123456789` -> `+234********89`,
`Jane` -> `J***`.

Phone numbers are international (`+` then 7-15 digits, spaces, dots or dashes between groups) or local with a
trunk zero (`0` then 9-14 digits, e.g. Nigeria's `08012345678`). Bare digit runs without either are left alone:
they are usually ids, amounts or timestamps, and masking them would hide evidence without protecting anyone.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["mask_json", "mask_pii", "mask_text", "mask_value"]

_NAME_FIELDS = frozenset({"first_name", "last_name", "middle_name", "name", "account_name"})
_EMAIL = re.compile(r"([A-Za-z0-9._+\-])[A-Za-z0-9._%+\-]*(@|%40)([A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,})")
_PHONE = re.compile(r"(?<![\w+])(?:\+\d(?:[ .\-]?\d){6,14}|0\d{9,14})(?!\w)")
_NAME_PAIR = re.compile(
    r"""(?P<head>(?P<q>["'])(?:first_name|last_name|middle_name|name|account_name)(?P=q)\s*:\s*(?P<v>["']))"""
    r"""(?P<first>[^"'\\])(?P<rest>(?:\\.|(?!(?P=v))[^\\])*)(?P=v)"""
)


def mask_pii(text: str) -> str:
    """`text` with every email, phone number and JSON name-field value masked."""
    text = _NAME_PAIR.sub(lambda m: f"{m['head']}{m['first']}***{m['v']}", text)
    text = _EMAIL.sub(lambda m: f"{m[1]}***{m[2]}{m[3]}", text)
    return _PHONE.sub(lambda m: _mask_phone(m[0]), text)


def mask_value(value: Any, key: str | None = None) -> Any:
    """A copy of a decoded JSON value with PII masked: by field name, then by pattern in every string."""
    if isinstance(value, dict):
        return {k: mask_value(v, k if isinstance(k, str) else None) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_value(item, key) for item in value]
    if not isinstance(value, str) or not value:
        return value
    if key in _NAME_FIELDS:
        return value[0] + "***"
    if key is not None and (key == "phone" or key.endswith("_phone")):
        return _mask_phone(value)
    return mask_pii(value)


mask_json = mask_value


def mask_text(text: str) -> str:
    """Mask a recorded body: structurally when it is JSON (keeping it valid JSON), by pattern otherwise."""
    try:
        decoded = json.loads(text)
    except (ValueError, RecursionError):
        return mask_pii(text)
    return json.dumps(mask_value(decoded), ensure_ascii=False)


def _mask_phone(value: str) -> str:
    digits = sum(c.isdigit() for c in value)
    if digits < 7:
        return "*" * len(value)
    kept = 4 if value.startswith("+") else 3
    return value[:kept] + "".join("*" if c.isdigit() else c for c in value[kept:-2]) + value[-2:]
