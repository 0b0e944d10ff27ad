"""The validating proxy: a loopback Starlette app that forwards every request to the upstream with httpx, passes
the answer back unchanged, and judges the exchange (`inspection.Inspector`) after the client has its answer.

What the client sees is the upstream's status, headers and body byte for byte (the body is relayed raw, still
content-encoded). Only the hop-by-hop headers of RFC 9110 §7.6.1 are not relayed (they describe one connection,
not the message), and uvicorn serves the app with its own `server`/`date` headers off, so only the upstream's
reach the client. The path and query go upstream as the client wrote them (raw, still percent-encoded). Two answers
are the proxy's own and say so: a live key is refused before anything is forwarded (403), and with
`fail_on_violation` a violating exchange is answered 500 naming the finding.

Judging happens after the response is sent (a background task in a worker thread), so it adds no latency unless
`fail_on_violation` needs the verdict first. Each forward has a total deadline (`timeout`): an upstream that
trickles its answer is cut there (the proxy's own 502, an inconclusive timeout), not held open.

An upstream body past the run's cap (`run.transport.MAX_RESPONSE_BYTES`), raw or once decoded, is not read further:
the client gets the proxy's own 502 and the run a `response-too-large` finding. Decoding goes a slice at a time, so
a decompression bomb stops at the cap instead of filling memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO

import httpx
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paystack_contracts.credentials import SecretKey
from paystack_contracts.errors import UnsafeTargetError
from paystack_contracts.findings import Finding
from paystack_contracts.proxy.inspection import Inspected, Inspector
from paystack_contracts.proxy.traffic import Observed, bearer_token, write_entry
from paystack_contracts.results import InconclusiveReason
from paystack_contracts.run.transport import MAX_RESPONSE_BYTES, too_large
from paystack_contracts.url_policy import vet_base_url

__all__ = ["PROXY_HEADER", "ProxyConfig", "RunningProxy", "create_proxy_app", "running_proxy", "serve_proxy"]

PROXY_HEADER = "x-paystack-contracts-proxy"
"""Set only on the proxy's own answers (a refusal, a violation), never on relayed ones."""

_HOP_BY_HOP = frozenset(
    {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "host"}
)
_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


@dataclass(frozen=True, slots=True)
class ProxyConfig:
    upstream: str  # vetted by `url_policy.vet_base_url`: https, or http to loopback only; one reading per parser
    fail_on_violation: bool = False
    timeout: float = 30.0

    @classmethod
    def vetted(cls, upstream: str, *, fail_on_violation: bool = False, timeout: float = 30.0) -> ProxyConfig:
        return cls(vet_base_url(upstream).url, fail_on_violation, timeout)


def create_proxy_app(config: ProxyConfig, inspector: Inspector, recording: IO[str] | None = None) -> Starlette:
    client = httpx.AsyncClient(timeout=config.timeout, trust_env=False, follow_redirects=False)
    forwarder = _Forwarder(config, inspector, client, recording)
    route = Route("/{path:path}", forwarder.handle, methods=_METHODS)

    @contextlib.asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        await client.aclose()

    app = Starlette(routes=[route], lifespan=lifespan)
    app.state.forwarder = forwarder
    return app


@dataclass(frozen=True, slots=True)
class RunningProxy:
    """A proxy serving on `url`; `inspector` holds what it has judged so far."""

    url: str
    inspector: Inspector
    app: Starlette

    def settle(self, timeout: float = 10.0) -> bool:
        """Wait until every forwarded exchange is judged (judging runs after the client's answer); False if some
        were still being judged after `timeout` seconds."""
        forwarder: _Forwarder = self.app.state.forwarder
        return forwarder.settle(timeout)


@contextlib.contextmanager
def running_proxy(
    config: ProxyConfig, inspector: Inspector, recording: IO[str] | None = None, port: int = 0
) -> Iterator[RunningProxy]:
    """Serve the proxy on a loopback port in a background thread (tests, the pytest fixture, the bench)."""
    from paystack_contracts.mock.server import serve_in_thread

    app = create_proxy_app(config, inspector, recording)
    with serve_in_thread(app, port=port, server_header=False, date_header=False, lifespan="on") as url:
        running = RunningProxy(url, inspector, app)
        try:
            yield running
        finally:
            running.settle()


def serve_proxy(app: Starlette, port: int, on_ready: Callable[[str], None]) -> str | None:
    """Serve on 127.0.0.1 until Ctrl-C / SIGTERM (the CLI); the name of the signal that stopped it."""
    from paystack_contracts.mock.server import serve

    return serve(app, "127.0.0.1", port, on_ready, server_header=False, date_header=False, lifespan="on")


@dataclass
class _Forwarder:
    config: ProxyConfig
    inspector: Inspector
    client: httpx.AsyncClient
    recording: IO[str] | None
    pending: int = 0  # exchanges forwarded but not judged yet
    idle: threading.Condition = field(default_factory=threading.Condition)

    def settle(self, timeout: float) -> bool:
        with self.idle:
            return self.idle.wait_for(lambda: self.pending == 0, timeout)

    async def handle(self, request: Request) -> Response:
        body = await request.body()
        headers = tuple((k.decode("latin-1"), v.decode("latin-1")) for k, v in request.headers.raw)
        path = (request.scope.get("raw_path") or request.url.path.encode()).decode("latin-1")
        query = request.scope.get("query_string", b"").decode("latin-1")
        url = self.config.upstream + path + (f"?{query}" if query else "")
        sent = Observed(request.method, url, headers, body)
        refusal = _refusal(sent)
        if refusal is not None:
            self.inspector.refused(sent, refusal)
            return _own_answer(403, refusal, ())
        with self.idle:
            self.pending += 1
        try:
            async with asyncio.timeout(self.config.timeout):  # a total deadline: httpx's restarts on every byte
                observed, raw, relayed = await self._forward(sent)
        except _Oversized as exc:
            label = f"{sent.method} {sent.path}"
            with self.inspector.lock, self.idle:
                self.inspector.recorder.finding(too_large(label, str(exc)))
                self.pending -= 1
                self.idle.notify_all()
            return _own_answer(502, f"the upstream's answer was not relayed: {exc}", ())
        except (httpx.HTTPError, TimeoutError) as exc:
            label = f"{sent.method} {sent.path}"
            reason = (
                InconclusiveReason.TIMEOUT
                if isinstance(exc, httpx.TimeoutException | TimeoutError)
                else InconclusiveReason.CONNECTION_ERROR
            )
            with self.inspector.lock, self.idle:
                self.inspector.recorder.inconclusive(label, reason, f"upstream: {type(exc).__name__}", None)
                self.pending -= 1
                self.idle.notify_all()
            return _own_answer(502, f"the upstream did not answer ({type(exc).__name__})", ())
        if self.config.fail_on_violation:
            inspected = await run_in_threadpool(self._judge, observed)
            if inspected.findings:
                return _own_answer(500, "contract violation", inspected.findings)
            return _relayed(raw, observed.status_code, relayed, None)
        return _relayed(raw, observed.status_code, relayed, BackgroundTask(run_in_threadpool, self._judge, observed))

    async def _forward(self, sent: Observed) -> tuple[Observed, bytes, list[tuple[bytes, bytes]]]:
        outgoing = [(k, v) for k, v in sent.request_headers if k.lower() not in _HOP_BY_HOP]
        started = time.perf_counter()
        upstream = self.client.build_request(sent.method, sent.url, headers=outgoing, content=sent.request_body)
        response = await self.client.send(upstream, stream=True)
        try:
            raw = await _read_capped(response.aiter_raw())
        finally:
            await response.aclose()
        elapsed = time.perf_counter() - started
        pairs = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in response.headers.raw]
        relayed = [(k, v) for k, v in response.headers.raw if k.decode("latin-1").lower() not in _HOP_BY_HOP]
        if not any(k.lower() == b"content-length" for k, _ in relayed):
            relayed.append((b"content-length", str(len(raw)).encode()))  # the upstream streamed: framing is ours
        decoded = _decoded(response, raw)
        observed = Observed(sent.method, sent.url, sent.request_headers, sent.request_body, response.status_code,
                            tuple(pairs), decoded, elapsed)  # fmt: skip
        return observed, raw, relayed

    def _judge(self, observed: Observed) -> Inspected:
        try:
            inspected = self.inspector.inspect(observed)  # a judging that raised is an inconclusive case
            if self.recording is not None:
                with self.inspector.lock:
                    write_entry(self.recording, observed, self.inspector.secrets)
                    self.recording.flush()
            return inspected
        finally:
            with self.idle:
                self.pending -= 1
                self.idle.notify_all()


def _refusal(sent: Observed) -> str | None:
    """Why the request must not be forwarded (a live key), else None. The key itself is never named."""
    token = bearer_token(sent)
    if token is None or not token.startswith("sk_live_"):
        return None
    try:
        SecretKey.parse(token)
    except UnsafeTargetError as exc:
        return str(exc)
    return None  # pragma: no cover - parse refuses every sk_live_ key


class _Oversized(Exception):
    """The upstream's body went past `MAX_RESPONSE_BYTES` (raw or decoded); the rest was not read."""


async def _read_capped(chunks: AsyncIterator[bytes]) -> bytes:
    kept, size = [], 0
    async for chunk in chunks:
        size += len(chunk)
        if size > MAX_RESPONSE_BYTES:
            raise _Oversized(f"response body over {MAX_RESPONSE_BYTES // (1024 * 1024)} MB, not read further")
        kept.append(chunk)
    return b"".join(kept)


class _Slices(httpx.SyncByteStream):
    """`raw` a slice at a time, so that each decoder step expands at most one slice."""

    def __init__(self, raw: bytes, size: int = 8192) -> None:
        self.raw, self.size = raw, size

    def __iter__(self) -> Iterator[bytes]:
        for start in range(0, len(self.raw), self.size):
            yield self.raw[start : start + self.size]


def _decoded(response: httpx.Response, raw: bytes) -> bytes:
    """The body the contract judges: `raw` with its content-encoding removed (httpx's own decoders), at most
    `MAX_RESPONSE_BYTES` of it (`_Oversized` past that)."""
    if not response.headers.get("content-encoding"):
        return raw
    copy = httpx.Response(response.status_code, headers=response.headers, stream=_Slices(raw))
    kept, size = [], 0
    try:
        for chunk in copy.iter_bytes():
            size += len(chunk)
            if size > MAX_RESPONSE_BYTES:
                limit = MAX_RESPONSE_BYTES // (1024 * 1024)
                raise _Oversized(f"response body over {limit} MB once decoded, not read further")
            kept.append(chunk)
    except httpx.DecodingError:
        return raw
    return b"".join(kept)


def _relayed(raw: bytes, status: int, headers: list[tuple[bytes, bytes]], task: BackgroundTask | None) -> Response:
    response = Response(content=raw, status_code=status, background=task)
    response.raw_headers = headers
    return response


def _own_answer(status: int, message: str, findings: Sequence[Finding]) -> Response:
    body = {
        "status": False,
        "message": f"paystack-contracts proxy: {message}" + (f": {findings[0].rule} {findings[0]}" if findings else ""),
        "findings": [f.to_dict() for f in findings],
    }
    return Response(
        json.dumps(body), status_code=status, media_type="application/json", headers={PROXY_HEADER: "answered"}
    )
