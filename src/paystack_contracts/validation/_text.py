"""Small helpers that keep finding messages to one readable line."""

from __future__ import annotations

import json

__all__ = ["one_line", "preview"]

_MAX_MESSAGE = 240


def one_line(text: str, limit: int = _MAX_MESSAGE) -> str:
    """The first non-empty line of `text`, whitespace collapsed, cut to `limit` characters."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    collapsed = " ".join(first.split())
    return collapsed if len(collapsed) <= limit else collapsed[: limit - 1] + "…"


def preview(value: object, limit: int = 80) -> str:
    """A short JSON rendering of a value for `actual=` fields."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return one_line(text, limit)
