"""What checks read off a response: its decoded JSON body (decoded once per response, whoever asks), whether it
nests too deeply to be read at all, JSON paths for violations, and short printable values."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from paystack_contracts.documents import MAX_DEPTH

__all__ = ["MAX_DEPTH", "NOT_JSON", "decoded_body", "json_path", "nested_too_deeply", "short"]

NOT_JSON: Any = object()
"""Sentinel for a body that is not JSON (or nests too deeply for Python to decode it)."""
_TOO_DEEP: Any = object()


def decoded_body(content: bytes) -> Any:
    """The JSON value of a body, None for an empty one, `NOT_JSON` otherwise. Callers must not mutate it: every
    check of one response shares the same decoded value (five checks and the judge used to parse it six times)."""
    if not content:
        return None
    value = _decode(content)
    return NOT_JSON if value is _TOO_DEEP else value


def nested_too_deeply(content: bytes) -> bool:
    """A JSON body nested deeper than `MAX_DEPTH` (the documents' own limit; a Customers answer nests ~6 deep).
    Every reader downstream (Schemathesis's checks, the reports' `json.dumps`, `jsonschema`) recurses, and past
    Python's recursion limit (~1,000 frames) it raises instead of judging: such a body is a finding, unread.
    Cheap for the common case: a body with fewer brackets than the limit cannot nest past it."""
    if content.count(b"{") + content.count(b"[") <= MAX_DEPTH:
        return False
    value = _decode(content)
    return value is _TOO_DEEP or _deeper_than(value, MAX_DEPTH)


def _deeper_than(value: Any, limit: int) -> bool:
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        for child in children:
            if isinstance(child, dict | list):
                if depth + 1 > limit:
                    return True
                pending.append((child, depth + 1))
    return False


@lru_cache(maxsize=16)
def _decode(content: bytes) -> Any:
    try:
        return json.loads(content, parse_constant=_not_json)
    except ValueError:
        return NOT_JSON
    except RecursionError:  # nested past what Python's decoder can follow
        return _TOO_DEEP


def _not_json(constant: str) -> Any:
    """`NaN`, `Infinity`, `-Infinity`: Python's decoder takes them, JSON (RFC 8259) has no such values."""
    raise ValueError(f"{constant} is not JSON")


def json_path(*tokens: str | int) -> str:
    """`json_path("data", 0, "id") == "$.data[0].id"`."""
    path = "$"
    for token in tokens:
        path += f"[{token}]" if isinstance(token, int) else f".{token}"
    return path


def short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if value is not NOT_JSON else "a non-JSON body"
    return text if len(text) <= limit else text[: limit - 1] + "…"
