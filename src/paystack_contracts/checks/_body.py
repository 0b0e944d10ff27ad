"""What checks read off a response: its decoded JSON body (decoded once per response, whoever asks), JSON paths
for violations, and short printable values."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

__all__ = ["NOT_JSON", "decoded_body", "json_path", "short"]

NOT_JSON: Any = object()
"""Sentinel for a body that is not JSON."""


def decoded_body(content: bytes) -> Any:
    """The JSON value of a body, None for an empty one, `NOT_JSON` otherwise. Callers must not mutate it: every
    check of one response shares the same decoded value (five checks and the judge used to parse it six times)."""
    if not content:
        return None
    return _decode(content)


@lru_cache(maxsize=16)
def _decode(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        return NOT_JSON


def json_path(*tokens: str | int) -> str:
    """`json_path("data", 0, "id") == "$.data[0].id"`."""
    path = "$"
    for token in tokens:
        path += f"[{token}]" if isinstance(token, int) else f".{token}"
    return path


def short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str) if value is not NOT_JSON else "a non-JSON body"
    return text if len(text) <= limit else text[: limit - 1] + "…"
