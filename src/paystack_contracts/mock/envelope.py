"""The JSON envelope every classic answer travels in, and how a `Reply` becomes bytes on the wire.

Success: `{status: true, message, data?, meta?}` (reference §3); `data` is absent on validate, deactivate and the
activation charge. Handlers build a `Reply`; drift profiles may rewrite it; `render` turns it into a Response.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from starlette.responses import Response

__all__ = ["JSON", "Reply", "dumps", "render", "success"]

JSON = "application/json"


@dataclass(slots=True)
class Reply:
    """One answer before rendering: status, a JSON body (or raw bytes), headers."""

    status: int
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str = JSON
    raw: bytes | None = None
    """Pre-rendered bytes (an HTML edge page, an idempotent replay); wins over `body`."""


_MISSING: Any = object()


def success(message: str, data: Any = _MISSING, *, meta: dict[str, Any] | None = None, status: int = 200) -> Reply:
    body: dict[str, Any] = {"status": True, "message": message}
    if data is not _MISSING:
        body["data"] = data
    if meta is not None:
        body["meta"] = meta
    return Reply(status, body)


def dumps(value: Any) -> bytes:
    """Compact JSON, non-ASCII kept as UTF-8 (as the real API sends it)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass")


def render(reply: Reply) -> Response:
    content = reply.raw if reply.raw is not None else (b"" if reply.body is None else dumps(reply.body))
    return Response(content, status_code=reply.status, headers=reply.headers, media_type=reply.media_type)
