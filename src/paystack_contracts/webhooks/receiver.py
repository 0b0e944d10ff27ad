"""A webhook receiver: a Starlette app that records every POST, verifies its signature and answers quickly.

    receiver = Receiver(secret_key)
    with serve_in_thread(receiver.app) as url:      # paystack_contracts.mock.serve_in_thread
        ...                                         # point the mock (or `webhook send`) at url
        delivery = receiver.wait_for(1, timeout=5)[0]

`answer` decides the status per delivery (default: 200 when the signature verifies, 401 otherwise, like a
careful handler); tests pass a script such as `Scripted([500, 500, 200])` to exercise retries.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from paystack_contracts.webhooks.signature import SIGNATURE_HEADER, verify

__all__ = ["Delivery", "Receiver", "Scripted"]

_MAX_BODY = 1_048_576


@dataclass(frozen=True, slots=True)
class Delivery:
    """One POST as received: raw body, headers (lower-case names), whether the signature verified, our answer."""

    body: bytes
    headers: dict[str, str]
    signature_ok: bool
    answered: int
    received_at: float = field(default_factory=time.time)

    @property
    def signature(self) -> str | None:
        return self.headers.get(SIGNATURE_HEADER)


Answer = Callable[[bytes, bool], int]


def _careful(body: bytes, signature_ok: bool) -> int:
    return 200 if signature_ok else 401


class Scripted:
    """Answers the given statuses in turn, then repeats the last one."""

    def __init__(self, statuses: Iterable[int]) -> None:
        self._statuses = list(statuses) or [200]
        self._lock = threading.Lock()

    def __call__(self, body: bytes, signature_ok: bool) -> int:
        with self._lock:
            return self._statuses.pop(0) if len(self._statuses) > 1 else self._statuses[0]


class Receiver:
    """Records deliveries; thread-safe, so a test thread can wait on what the server thread received."""

    def __init__(
        self,
        secret_key: str,
        answer: Answer | None = None,
        on_delivery: Callable[[Delivery], None] | None = None,
    ) -> None:
        self._key = secret_key
        self._answer = answer or _careful
        self._on_delivery = on_delivery
        self._seen: list[Delivery] = []
        self._arrived = threading.Condition()
        self.app = Starlette(routes=[Route("/{path:path}", self._endpoint, methods=["POST"])])

    @property
    def deliveries(self) -> list[Delivery]:
        with self._arrived:
            return list(self._seen)

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Delivery]:
        """The first `count` deliveries once they have arrived; fewer if `timeout` passes first."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self._seen) < count and (left := deadline - time.monotonic()) > 0:
                self._arrived.wait(left)
            return list(self._seen[:count])

    async def _endpoint(self, request: Request) -> Response:
        body = await _bounded_body(request)
        if body is None:
            return JSONResponse({"received": False, "reason": "body too large"}, status_code=413)
        headers = {name.lower(): value for name, value in request.headers.items()}
        ok = verify(body, headers.get(SIGNATURE_HEADER), self._key)
        delivery = Delivery(body, headers, ok, self._answer(body, ok))
        with self._arrived:
            self._seen.append(delivery)
            self._arrived.notify_all()
        if self._on_delivery is not None:
            self._on_delivery(delivery)
        return JSONResponse(
            {"received": True, "signature": "valid" if ok else "invalid"}, status_code=delivery.answered
        )


async def _bounded_body(request: Request) -> bytes | None:
    """The body, or None once it passes `_MAX_BODY` (the rest is never read into memory)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > _MAX_BODY:
            return None
        chunks.append(chunk)
    return b"".join(chunks)
