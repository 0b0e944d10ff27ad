"""The embedded transport: the mock's ASGI app called directly on this process's own event loop.

Schemathesis's `ASGIClient` reaches an app through a process-wide event-loop thread: each request crosses two
anyio portal hops and wakes that thread through its self-pipe and back, about 1.5 ms for a call the mock answers
in 0.07 ms (measured; issue 15). Here the same `requests` session drives the app with `run_until_complete` on a
loop owned by the session, in the calling thread. `requests` still prepares the request and builds the response,
so `Case.call`, every check and the recorded `Exchange` see exactly what the HTTP path and Schemathesis's own
client give them; only the hop is gone. Hand-written because neither Schemathesis nor Starlette offers a
same-thread ASGI adapter for `requests` (Starlette's `TestClient` also runs the app in a portal thread).

No portal thread is ever started, so a process that used this transport can be forked safely.
"""

from __future__ import annotations

import asyncio
import http
import io
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote, urlsplit

import requests
import requests.adapters
import urllib3
from schemathesis.python.asgi import ASGIClient

__all__ = ["EmbeddedClient", "asgi_scope"]

Message = dict[str, Any]
_HOST = "testserver"  # what Schemathesis's ASGI client sends in `Host`, so both paths give the app one host


class EmbeddedClient(ASGIClient):
    """An `ASGIClient` (Schemathesis's ASGI transport recognises it and sends through it) on its own event loop.

    It does not run the app's lifespan: the mock declares none, and Starlette's default one does nothing."""

    def __init__(self, app: Any) -> None:
        super().__init__(app)
        self.headers = requests.utils.default_headers()  # what the HTTP path's session sends, not "testclient"
        self.loop = asyncio.new_event_loop()
        adapter = _LoopAdapter(app, self.loop)
        self.mount("http://", adapter)
        self.mount("https://", adapter)
        self.trust_env = False  # no proxies or .netrc in-process; requests would re-read the environment per call

    def __enter__(self) -> EmbeddedClient:
        return self

    def __exit__(self, *args: Any) -> None:
        self.close()
        self.loop.close()


class _LoopAdapter(requests.adapters.HTTPAdapter):
    def __init__(self, app: Any, loop: asyncio.AbstractEventLoop) -> None:
        super().__init__()
        self.app = app
        self.loop = loop

    def send(self, request: requests.PreparedRequest, *args: Any, timeout: Any = None, **kwargs: Any) -> Any:
        read_timeout = timeout[1] if isinstance(timeout, tuple) else timeout
        call = _call(self.app, asgi_scope(request), _body_bytes(request.body), read_timeout)
        try:
            status, headers, content = self.loop.run_until_complete(call)
        except TimeoutError:
            raise requests.ReadTimeout(f"Read timed out. (read timeout={read_timeout})", request=request) from None
        raw = urllib3.HTTPResponse(
            body=io.BytesIO(b"" if request.method == "HEAD" else content),
            headers=_header_dict(headers),
            status=status,
            reason=_reason_phrase(status),
            version=11,
            preload_content=False,
            original_response=_OriginalResponse(headers),  # type: ignore[arg-type]  # what cookie extraction reads
            request_method=request.method,
        )
        return self.build_response(request, raw)


def asgi_scope(request: requests.PreparedRequest) -> dict[str, Any]:
    """The HTTP scope Schemathesis's ASGI adapter builds for the same request (same host, headers, client)."""
    parts = urlsplit(str(request.url))
    default_port = {"http": 80, "https": 443}[parts.scheme]
    host, port = parts.hostname or _HOST, parts.port or default_port
    header_host = f"[{host}]" if ":" in host else host
    headers = [] if "host" in request.headers else [(b"host", _host_value(header_host, port, default_port))]
    headers += [(key.lower().encode("latin-1"), _latin1(value)) for key, value in request.headers.items()]
    return {
        "type": "http",
        "http_version": "1.1",
        "method": request.method,
        "path": unquote(parts.path),
        "raw_path": parts.path.encode(),
        "root_path": "",
        "scheme": parts.scheme,
        "query_string": parts.query.encode(),
        "headers": headers,
        "client": ["testclient", 50000],
        "server": [host, port],
        "state": {},
    }


def _latin1(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("latin-1")  # headers travel as latin-1


def _header_dict(headers: list[tuple[str, str]]) -> urllib3.HTTPHeaderDict:
    found = urllib3.HTTPHeaderDict()
    for name, value in headers:
        found.add(name, value)  # repeated headers (set-cookie) stay apart, as on the wire
    return found


def _host_value(host: str, port: int, default_port: int) -> bytes:
    return (host if port == default_port else f"{host}:{port}").encode()


async def _call(
    app: Any, scope: dict[str, Any], body: bytes, timeout: float | None
) -> tuple[int, list[tuple[str, str]], bytes]:
    """Run the app for one request; its status, headers (latin-1, as on the wire) and body."""
    sent = False
    start: Message = {}
    chunks: list[bytes] = []
    done = asyncio.Event()

    async def receive() -> Message:
        nonlocal sent
        if sent:
            await done.wait()
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                done.set()

    async with asyncio.timeout(timeout):
        await app(scope, receive, send)
    if not start:
        raise RuntimeError("the embedded app returned no response")
    headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in start.get("headers", [])]
    return start["status"], headers, b"".join(chunks)


def _body_bytes(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, bytes | bytearray):
        return bytes(body)
    return b"".join(c.encode("utf-8") if isinstance(c, str) else c for c in body)  # a generator body


def _reason_phrase(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


class _OriginalResponse:
    """What `requests` reads cookies from (`msg.get_all`), as Schemathesis's ASGI adapter provides it."""

    def __init__(self, headers: Iterable[tuple[str, str]]) -> None:
        self.msg = _Headers(list(headers))
        self.closed = False

    def isclosed(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True


class _Headers:
    def __init__(self, headers: list[tuple[str, str]]) -> None:
        self.headers = headers

    def get_all(self, name: str, default: list[str] | None = None) -> list[str] | None:
        return [v for k, v in self.headers if k.lower() == name.lower()] or default
