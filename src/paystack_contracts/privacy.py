"""Personal data in recorded traffic (`--mask-pii`): emails, phone numbers and names, masked where text is stored.

Masking keeps the shape (type and rough length class) so reports still show what kind of value was there:
`jane@example.com` -> `j***@example.com`, `+2348123456789` -> `+234********89`, `Jane` -> `J***`.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["mask_json", "mask_text"]

_NAME_FIELDS = frozenset({"first_name", "last_name", "middle_name", "name", "account_name"})
_EMAIL = re.compile(r"([A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]*@([A-Za-z0-9.\-]+)")
_PHONE = re.compile(r"\+?\d{7,15}")


def mask_json(value: Any, key: str | None = None) -> Any:
    """A copy of a decoded JSON value with PII fields masked, recursively."""
    if isinstance(value, dict):
        return {k: mask_json(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [mask_json(item, key) for item in value]
    if not isinstance(value, str) or not value:
        return value
    if key in _NAME_FIELDS:
        return value[0] + "***"
    if key == "phone" or (key and key.endswith("_phone")):
        return _mask_phone(value)
    return _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", value)


def mask_text(text: str) -> str:
    """Mask a recorded body: structurally when it is JSON, by pattern (emails) otherwise."""
    try:
        decoded = json.loads(text)
    except ValueError:
        return _EMAIL.sub(lambda m: f"{m.group(1)}***@{m.group(2)}", text)
    return json.dumps(mask_json(decoded), ensure_ascii=False)


def _mask_phone(value: str) -> str:
    if not _PHONE.fullmatch(value) or len(value) < 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]
