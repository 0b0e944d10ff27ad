"""Fixtures for the suite's integration tests: servers on loopback ports (xdist-safe: the OS picks each port)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from paystack_contracts.mock import MockSettings, create_app, serve_in_thread


@dataclass
class CountingServer:
    """A server that answers every request with a fixed response and counts what reached it."""

    base_url: str = ""
    seen: list[str] = field(default_factory=list)


def _counting_app(server: CountingServer, make: type[Response], body: str, status: int) -> Starlette:
    async def anything(request: Request) -> Response:
        server.seen.append(f"{request.method} {request.url.path}")
        if make is JSONResponse:
            return JSONResponse({"status": False, "message": body}, status)
        return make(body, status)

    methods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    return Starlette(routes=[Route("/{path:path}", anything, methods=methods)])


@pytest.fixture
def counting_server() -> Iterator[CountingServer]:
    """Answers 401 JSON to everything: the test asserts how many requests got here (ideally none)."""
    server = CountingServer()
    with serve_in_thread(_counting_app(server, JSONResponse, "Invalid key", 401)) as base_url:
        server.base_url = base_url
        yield server


@pytest.fixture
def edge_server() -> Iterator[CountingServer]:
    """Answers Cloudflare's HTML 400 page to everything, like the edge in front of the real API."""
    server = CountingServer()
    page = "<html><head><title>400 Bad Request</title></head><body><center>cloudflare</center></body></html>"
    with serve_in_thread(_counting_app(server, HTMLResponse, page, 400)) as base_url:
        server.base_url = base_url
        yield server


@pytest.fixture
def served_mock(request: pytest.FixtureRequest) -> Iterator[tuple[str, Starlette]]:
    """The mock over HTTP; parametrize indirectly with a MockSettings to change it."""
    settings = getattr(request, "param", None) or MockSettings(seed_customers=2, random_seed=5)
    app = create_app(settings)
    with serve_in_thread(app) as base_url:
        yield base_url, app
