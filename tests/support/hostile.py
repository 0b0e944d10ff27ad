"""Hostile HTTP targets on loopback, for the run's security tests (issue 11, items 2, 3, 5, 9, 10, 11).

`hostile_target()` serves one Starlette app (and a second, "other origin" one on another port) and yields a
`HostileTarget` whose lists record what reached each. Paths of the main app:

- `/echo/...` (any method): a Paystack-like envelope echoing the request's Authorization header and body, raw
  and as base64 and hex, plus a terminal escape sequence in `message` (a key that leaks shows up in reports).
- `/redirect/loop`: 302 to itself, forever. `/redirect/other`: 302 to the other origin's `/landing`, which records
  whether an Authorization header arrived (it must never). `/redirect/same`: 302 to `/echo/after-redirect`.
- `/trickle`: 200 with a body sent one byte every 0.5 s (for up to `TRICKLE_LIMIT` bytes, so a test that
  fails still ends): a client without a total deadline hangs on it.
- `/big`: a 10 MB JSON envelope.
- `/gzip`: a small envelope, gzip-compressed (`Content-Encoding: gzip`). `/bomb`: `BOMB_BYTES` of JSON that
  compress to ~65 KB (a decompression bomb).
- `/headers/...` (any method): an envelope with 200 headers (http.client reads at most 100).
- `/deep/...` (any method): a Paystack envelope whose `data` nests `DEEP_LEVELS` objects (past Python's recursion
  limit: every recursive reader of it raises).

`raw_answer_server(answer)` answers every request with the bytes given (broken framing, a false encoding).
`slow_head_server()` answers with a head that never ends: a status line, then one header value a byte at a time.

`counting_proxy()` is a plain HTTP proxy that records every request sent through it and answers 502; point
HTTP_PROXY/HTTPS_PROXY at it and assert `proxy.seen == []` (proxies from the environment must be ignored).
Every server binds 127.0.0.1 on a port the OS picks (xdist-safe).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import gzip
import json
import socketserver
import threading
import time
import zlib
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Route

from paystack_contracts.mock import serve_in_thread

__all__ = [
    "BIG_BODY_BYTES",
    "BOMB_BYTES",
    "DEEP_LEVELS",
    "TRICKLE_LIMIT",
    "CountingProxy",
    "HostileTarget",
    "bomb_body",
    "counting_proxy",
    "hostile_target",
    "raw_answer_server",
    "slow_head_server",
]

BIG_BODY_BYTES = 10 * 1024 * 1024
DEEP_LEVELS = 100_000
BOMB_BYTES = 64 * 1024 * 1024
TRICKLE_LIMIT = 600
"""Bytes /trickle sends at most (five minutes): 'forever' for any client, yet bounded as loopback tests must be."""

ESCAPE = "\x1b]0;pwned\x07\x1b[2J\x1b[31m"
_METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"]


@dataclass(frozen=True, slots=True)
class Seen:
    """One request that reached a server: method, path and its Authorization header (None if absent)."""

    method: str
    path: str
    authorization: str | None


@dataclass
class HostileTarget:
    base_url: str = ""
    other_origin: str = ""
    seen: list[Seen] = field(default_factory=list)
    other_seen: list[Seen] = field(default_factory=list)
    stopping: threading.Event = field(default_factory=threading.Event)


def _echo(request: Request, body: bytes) -> Response:
    authorization = request.headers.get("authorization", "")
    data = {
        "authorization": authorization,
        "glued": f"x_{authorization.removeprefix('Bearer ')}",
        "authorization_base64": base64.b64encode(authorization.encode()).decode(),
        "authorization_hex": authorization.encode().hex(),
        "body": body.decode(errors="replace"),
    }
    return JSONResponse({"status": True, "message": f"echo{ESCAPE}", "data": data})


def _main_app(target: HostileTarget) -> Starlette:
    async def anything(request: Request) -> Response:
        body = await request.body()
        target.seen.append(Seen(request.method, request.url.path, request.headers.get("authorization")))
        path = request.url.path
        if path == "/redirect/loop":
            return RedirectResponse("/redirect/loop", 302)
        if path == "/redirect/other":
            return RedirectResponse(f"{target.other_origin}/landing", 302)
        if path == "/redirect/same":
            return RedirectResponse("/echo/after-redirect", 302)
        if path == "/trickle":
            return StreamingResponse(_trickle(target.stopping), media_type="application/json")
        if path == "/big":
            return Response(_big_body(), media_type="application/json")
        if path in ("/gzip", "/bomb"):
            compressed = bomb_body() if path == "/bomb" else gzip.compress(b'{"status": true, "message": "zipped"}')
            return Response(compressed, media_type="application/json", headers={"content-encoding": "gzip"})
        if path.startswith("/headers/"):
            many = {f"x-extra-{number}": "1" for number in range(200)}
            return JSONResponse({"status": True, "message": "headers", "data": {}}, headers=many)
        if path.startswith("/deep/"):
            nested = '{"a":' * DEEP_LEVELS + "1" + "}" * DEEP_LEVELS
            return Response(f'{{"status": true, "message": "deep", "data": {nested}}}', media_type="application/json")
        return _echo(request, body)

    return Starlette(routes=[Route("/{path:path}", anything, methods=_METHODS)])


async def _trickle(stopping: threading.Event) -> AsyncIterator[bytes]:
    yield b"{"
    for _ in range(TRICKLE_LIMIT):
        if stopping.is_set():
            return
        await asyncio.sleep(0.5)
        yield b" "


def _big_body() -> bytes:
    filler = "x" * (BIG_BODY_BYTES - 64)
    return json.dumps({"status": True, "message": "big", "data": {"filler": filler}}).encode()


@functools.cache
def bomb_body() -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: the gzip container
    chunks = [packer.compress(b'{"status": true, "message": "')]
    chunks += [packer.compress(b"a" * (1024 * 1024)) for _ in range(BOMB_BYTES // (1024 * 1024))]
    return b"".join([*chunks, packer.compress(b'"}'), packer.flush()])


def _other_app(target: HostileTarget) -> Starlette:
    async def landing(request: Request) -> Response:
        authorization = request.headers.get("authorization")
        target.other_seen.append(Seen(request.method, request.url.path, authorization))
        return JSONResponse({"status": True, "message": "other origin", "data": {"got_key": authorization is not None}})

    return Starlette(routes=[Route("/{path:path}", landing, methods=_METHODS)])


@contextlib.contextmanager
def hostile_target() -> Iterator[HostileTarget]:
    target = HostileTarget()
    with serve_in_thread(_other_app(target)) as other, serve_in_thread(_main_app(target)) as base_url:
        target.base_url, target.other_origin = base_url, other
        try:
            yield target
        finally:
            target.stopping.set()  # ends any /trickle still streaming, so the servers stop promptly


@dataclass
class CountingProxy:
    url: str = ""
    seen: list[str] = field(default_factory=list)
    """The request line of everything sent through the proxy (`GET http://host/path HTTP/1.1`, `CONNECT ...`)."""


class _ProxyHandler(socketserver.StreamRequestHandler):
    """Hand-written (stdlib socketserver): a proxy has to read absolute-form targets and CONNECT, which an ASGI
    app never sees. Reads the head only, records its first line, answers 502 and closes."""

    def handle(self) -> None:
        line = self.rfile.readline(8192).decode("latin-1").strip()
        while self.rfile.readline(8192).strip():
            pass
        self.server.seen.append(line)  # type: ignore[attr-defined]
        body = b'{"status": false, "message": "sent through the counting proxy"}'
        head = f"HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        self.wfile.write(head.encode() + b"Connection: close\r\n\r\n" + body)


@contextlib.contextmanager
def _socket_server(handler: type[socketserver.BaseRequestHandler], **state: object) -> Iterator[str]:
    """A threading TCP server on loopback for `handler` (its `server` carries `state` and a `stopping` event);
    yields its base URL and stops it, and every handler still running, on the way out."""
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    for name, value in {"stopping": threading.Event(), **state}.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host!s}:{port}"
    finally:
        server.stopping.set()  # type: ignore[attr-defined]
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def counting_proxy() -> Iterator[CountingProxy]:
    proxy = CountingProxy()
    with _socket_server(_ProxyHandler, seen=proxy.seen) as proxy.url:
        yield proxy


class _SlowHeadHandler(socketserver.StreamRequestHandler):
    """Hand-written (stdlib socketserver): an ASGI server sends a head whole, and this one trickles it. A request
    whose path holds "quick" is answered at once, on a kept-alive connection; any other gets a status line and one
    header value a byte every 0.2 s until the client goes."""

    def handle(self) -> None:
        while (line := self.rfile.readline(8192)).strip():
            while self.rfile.readline(8192).strip():
                pass  # the rest of the request's head (no body is sent to this server)
            if b"quick" in line:
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
                self.wfile.flush()
                continue
            self._trickle()
            return

    def _trickle(self) -> None:
        try:
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            for _ in range(TRICKLE_LIMIT):
                if self.server.stopping.is_set():  # type: ignore[attr-defined]
                    return
                self.wfile.write(b"a")
                self.wfile.flush()
                time.sleep(0.2)
        except OSError:
            return  # the client cut it


@contextlib.contextmanager
def slow_head_server() -> Iterator[str]:
    """A target whose answer's head never ends (one byte every 0.2 s), but for paths holding "quick", answered at
    once on a kept-alive connection; yields its base URL."""
    with _socket_server(_SlowHeadHandler) as base_url:
        yield base_url


class _RawAnswerHandler(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        while self.rfile.readline(8192).strip():
            pass
        with contextlib.suppress(OSError):
            self.wfile.write(self.server.answer)  # type: ignore[attr-defined]


@contextlib.contextmanager
def raw_answer_server(answer: bytes) -> Iterator[str]:
    """A target that answers every request with exactly `answer` (a head and a body, however broken), then
    closes; yields its base URL. Hand-written (socketserver): an ASGI server only sends well-formed HTTP."""
    with _socket_server(_RawAnswerHandler, answer=answer) as base_url:
        yield base_url
