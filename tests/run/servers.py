"""Loopback servers for integration tests (xdist-safe: the OS picks each port)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from paystack_contracts.mock import serve_in_thread

EDGE_PAGE = "<html><head><title>400 Bad Request</title></head><body><center>cloudflare</center></body></html>"


@dataclass
class CountingServer:
    """A server that answers every request with one fixed response and records what reached it."""

    base_url: str = ""
    seen: list[str] = field(default_factory=list)


@contextlib.contextmanager
def counting_server(*, html: bool = False, delay_s: float = 0.0) -> Iterator[CountingServer]:
    """401 JSON to everything (or, with `html`, Cloudflare's HTML 400 page, like the edge before the real API),
    each answer `delay_s` late."""
    server = CountingServer()

    async def anything(request: Request) -> Response:
        server.seen.append(f"{request.method} {request.url.path}")
        await asyncio.sleep(delay_s)
        if html:
            return HTMLResponse(EDGE_PAGE, 400)
        return JSONResponse({"status": False, "message": "Invalid key"}, 401)

    app = Starlette(routes=[Route("/{path:path}", anything, methods=["GET", "POST", "PUT", "DELETE", "PATCH"])])
    with serve_in_thread(app) as base_url:
        server.base_url = base_url
        yield server
