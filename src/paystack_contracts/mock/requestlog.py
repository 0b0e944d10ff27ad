"""The mock's request log (`paystack-contracts mock --log`): one line per request, written as it completes.

    2026-12-01T19:57:01.123Z GET /customer?perPage=2 200 1.3ms

Method, path with its query, status and latency; never a header, so the Authorization key is not there to leak,
and the line passes through `credentials.redact` in case a key was sent in the path or query. A plain ASGI
middleware (Starlette's BaseHTTPMiddleware would buffer streamed bodies); a request that fails before answering
is logged with status 500.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from paystack_contracts.credentials import redact

__all__ = ["RequestLog", "log_line"]


def log_line(method: str, target: str, status: int, seconds: float, at: datetime) -> str:
    stamp = at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
    return redact(f"{stamp} {method} {target} {status} {seconds * 1000:.1f}ms")


class RequestLog:
    """Wraps an ASGI app; calls `write(line)` once per HTTP request."""

    def __init__(self, app: ASGIApp, write: Callable[[str], None]) -> None:
        self.app = app
        self.write = write

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            query = scope.get("query_string", b"").decode("latin-1")
            target = scope.get("path", "") + (f"?{query}" if query else "")
            self.write(log_line(scope["method"], target, status, time.perf_counter() - started, datetime.now(UTC)))
