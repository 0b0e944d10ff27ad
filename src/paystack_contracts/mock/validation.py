"""Reading request bodies and checking fields, with the real API's messages where they are known.

Known messages: "Email Address is required", "Invalid Email Address Passed", `"metadata" must be of type object`,
"Invalid BVN" (reference §2.1, §2.5). Other field errors use the same Joi wording the metadata message shows
(`"<field>" is required`, `"<field>" must be a string`) [GUESS].

Form bodies (`application/x-www-form-urlencoded`, what the official PHP snippets send) use bracket notation for
nested objects: `account[number]=0123456789&metadata[plan]=gold` [GUESS: the common Express/qs convention].
"""

from __future__ import annotations

import contextlib
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

from paystack_contracts.mock.errors import ApiError

__all__ = [
    "EMAIL_PATTERN",
    "boolean",
    "digits",
    "email",
    "integer",
    "metadata",
    "optional_string",
    "parse_body",
    "parse_instant",
    "required_string",
    "url",
    "whole_number",
]

EMAIL_PATTERN = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s]+")
_BRACKETS = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")


def parse_body(raw: bytes, content_type: str, *, json_without_content_type: bool = False) -> dict[str, Any]:
    """The body as a dict; 400 for malformed JSON or a JSON value that is not an object. A body with no
    Content-Type is read as JSON only when `json_without_content_type` says so (MockSettings)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if not raw.strip():
        return {}
    if kind == "application/x-www-form-urlencoded":
        return _parse_form(raw)
    json_kinds = {"", "application/json"} if json_without_content_type else {"application/json"}
    if kind not in json_kinds and not kind.endswith("+json"):
        return {}  # like body-parser: an unknown (or missing) content type leaves the body empty
    try:
        value = json.loads(raw)
        json.dumps(value, ensure_ascii=False).encode("utf-8")  # rejects lone surrogates ("\ud800")
    except (ValueError, RecursionError):
        raise ApiError(400, "Invalid JSON body", "invalid") from None
    if not isinstance(value, dict):
        raise ApiError(400, '"value" must be of type object', "invalid")
    return value


def _parse_form(raw: bytes) -> dict[str, Any]:
    try:
        pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=True)
    except UnicodeDecodeError:
        raise ApiError(400, "Invalid form body", "invalid") from None
    body: dict[str, Any] = {}
    for name, value in pairs:
        match = _BRACKETS.match(name)
        if match is None:
            body[name] = value
            continue
        keys = [match.group(1), *re.findall(r"\[([^\[\]]*)\]", match.group(2))]
        _assign(body, keys, value)
    return body


def _assign(target: dict[str, Any], keys: list[str], value: str) -> None:
    for key in keys[:-1]:
        child = target.get(key)
        if not isinstance(child, dict):
            child = target[key] = {}
        target = child
    target[keys[-1]] = value


def required_string(body: dict[str, Any], name: str, *, message: str | None = None) -> str:
    value = body.get(name)
    if value is None or value == "":
        raise ApiError(400, message or f'"{name}" is required', "missing")
    if not isinstance(value, str):
        raise ApiError(400, f'"{name}" must be a string', "invalid")
    return value


def optional_string(body: dict[str, Any], name: str) -> str | None:
    if name not in body:
        return None
    value = body[name]
    if not isinstance(value, str):
        raise ApiError(400, f'"{name}" must be a string', "invalid")
    return value


def email(body: dict[str, Any], *, strict: bool = True) -> str:
    value = body.get("email")
    if value is None or value == "":
        raise ApiError(400, "Email Address is required", "missing")
    if not isinstance(value, str) or (strict and (len(value) > 254 or not EMAIL_PATTERN.fullmatch(value))):
        raise ApiError(400, "Invalid Email Address Passed", "invalid")
    return value


def metadata(value: Any, *, string_accepted: bool, null_accepted: bool = False) -> dict[str, Any] | None:
    """An object; a string holding a JSON object when `string_accepted`; null only under a drift."""
    if value is None and null_accepted:
        return None
    if isinstance(value, str) and string_accepted:
        with contextlib.suppress(ValueError, RecursionError):
            value = json.loads(value)
    if not isinstance(value, dict):
        raise ApiError(400, '"metadata" must be of type object', "invalid")
    return value


def integer(value: str | None, name: str, *, default: int, minimum: int = 1) -> int:
    if value is None:
        return default
    try:
        number = int(value)
    except ValueError:
        raise ApiError(400, f'"{name}" must be a number', "invalid") from None
    if number < minimum:
        raise ApiError(400, f'"{name}" must be greater than or equal to {minimum}', "invalid")
    return min(number, 2**31 - 1)  # SQLite integers are 64-bit; nobody pages past two billion


def boolean(value: str | None, name: str) -> bool:
    """A query-string boolean: true/false (absent is false)."""
    if value is None or value.lower() == "false":
        return False
    if value.lower() == "true":
        return True
    raise ApiError(400, f'"{name}" must be a boolean', "invalid")


def url(body: dict[str, Any], name: str) -> str | None:
    """An optional absolute URI (scheme:rest, no spaces)."""
    value = optional_string(body, name)
    if value is not None and not _URI.fullmatch(value):
        raise ApiError(400, f'"{name}" must be a valid uri', "invalid")
    return value


def digits(body: dict[str, Any], name: str, *, message: str | None = None) -> str:
    value = required_string(body, name)
    if not (value.isascii() and value.isdigit()):
        raise ApiError(400, message or f'"{name}" must only contain digits', "invalid")
    return value


def whole_number(value: Any, name: str, *, form: bool) -> int:
    """A JSON integer (integral floats included, as JSON Schema counts them); digits only in form bodies."""
    if value is None or value == "":
        raise ApiError(400, f'"{name}" is required', "missing")
    if form and isinstance(value, str) and value.isascii() and value.isdigit():
        number = int(value)
    elif isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, float) and value.is_integer():
        number = int(value)
    else:
        raise ApiError(400, f'"{name}" must be a number', "invalid")
    if number < 1:
        raise ApiError(400, f'"{name}" must be greater than or equal to 1', "invalid")
    return number


def parse_instant(value: str | None, name: str, *, end_of_day: bool = False) -> int | None:
    """A date (2016-09-21) or date-time (2016-09-24T00:00:05.000Z) as epoch milliseconds (DOCS 5)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            day = datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=UTC)
            return int(day.timestamp() * 1000) + (86_399_999 if end_of_day else 0)
        moment = datetime.fromisoformat(value.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        raise ApiError(400, f'"{name}" must be a valid date', "invalid") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return int(moment.timestamp() * 1000)
