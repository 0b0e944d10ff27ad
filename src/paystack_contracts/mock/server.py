"""Serving the sandbox with uvicorn: in a background thread for tests, or blocking for the CLI.

`serve_in_thread(app)` binds 127.0.0.1 on an ephemeral port (the OS picks it, so parallel tests never collide),
yields the base URL once uvicorn accepts connections, and stops it on exit, at once (`_PromptServer`): a run's
webhook receiver stops at the end of every run, where uvicorn's own stop took 0.2 s. `serve(app, host, port)`
blocks until Ctrl-C or SIGTERM, shuts down gracefully and returns the signal's name instead of re-raising it.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import threading
from collections.abc import Callable, Generator, Iterator
from types import FrameType

import uvicorn
from starlette.types import ASGIApp

from paystack_contracts.errors import ConfigError

__all__ = ["serve", "serve_in_thread"]

_STARTUP_TIMEOUT = 10.0


def _config(app: ASGIApp, **options: object) -> uvicorn.Config:
    settings: dict[str, object] = {"log_level": "warning", "access_log": False, "lifespan": "off", **options}
    return uvicorn.Config(app, **settings)  # type: ignore[arg-type]


@contextlib.contextmanager
def serve_in_thread(app: ASGIApp, host: str = "127.0.0.1", port: int = 0, **options: object) -> Iterator[str]:
    """Run `app` on a loopback port in a daemon thread; yields "http://127.0.0.1:PORT" (`options`: uvicorn's)."""
    sock = _bind(host, port)
    server = _PromptServer(_config(app, **options))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="paystack-mock", daemon=True)
    thread.start()
    try:
        _wait_until_started(server, thread)
        bound_host, bound_port = sock.getsockname()[:2]
        yield f"http://{bound_host}:{bound_port}"
    finally:
        server.stop()
        thread.join(timeout=_STARTUP_TIMEOUT)
        sock.close()


class _PromptServer(uvicorn.Server):
    """uvicorn's server, stopping as soon as `stop` is called from another thread.

    uvicorn looks at `should_exit` every 0.1 s and then, in `shutdown`, always sleeps 0.1 s for open connections
    to close: 0.2 s per stop, measured, at the end of every run (its webhook receiver) and of every test that
    serves the mock. Here `stop` wakes the loop, and shutdown polls every 5 ms (an idle keep-alive connection
    closes as soon as it is told to): under 10 ms per stop. uvicorn has no setting for either (0.54)."""

    def __init__(self, config: uvicorn.Config) -> None:
        super().__init__(config)
        self._woken = asyncio.Event()  # bound to the server's loop on its first wait (Python >= 3.10)
        self._loop: asyncio.AbstractEventLoop | None = None

    def stop(self) -> None:
        """Ask the server to stop, from any thread."""
        self.should_exit = True
        loop = self._loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop already closed: it has stopped
                loop.call_soon_threadsafe(self._woken.set)

    async def main_loop(self) -> None:
        self._loop = asyncio.get_running_loop()
        counter = 0
        while not await self.on_tick(counter):  # uvicorn's loop, but the wait ends early when woken
            counter = (counter + 1) % 864_000
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._woken.wait(), 0.1)

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """uvicorn's shutdown, polling every 5 ms for connections and tasks to end instead of every 0.1 s."""
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        try:
            await asyncio.wait_for(self._drained(), timeout=self.config.timeout_graceful_shutdown)
        except TimeoutError:
            for task in self.server_state.tasks:
                task.cancel(msg="Task cancelled, timeout graceful shutdown exceeded")
        await self.lifespan.shutdown()  # a no-op with lifespan off, as every server here runs

    async def _drained(self) -> None:
        """Tell every connection to close, each poll: one accepted just before the listener closed is told too
        (an idle keep-alive connection closes at once, a busy one after its response)."""
        while True:
            for connection in list(self.server_state.connections):
                connection.shutdown()
            await asyncio.sleep(0.005)  # lets an accept in progress reach `connection_made` before the check
            if not (self.server_state.connections or self.server_state.tasks):
                break
        for server in self.servers:
            await server.wait_closed()


def _bind(host: str, port: int) -> socket.socket:
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted sockets whose proto says TCP, and
    # without it Nagle + delayed ACK stall every keep-alive response by ~40 ms (measured: 170 vs 1,700 req/s).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    sock.set_inheritable(True)
    return sock


def _wait_until_started(server: uvicorn.Server, thread: threading.Thread) -> None:
    ready = threading.Event()
    for _ in range(int(_STARTUP_TIMEOUT / 0.005)):
        if server.started or not thread.is_alive() or ready.wait(0.005):
            break
    if not server.started:
        raise ConfigError("the mock server did not start")


class _QuietServer(uvicorn.Server):
    """uvicorn's server, but a caught Ctrl-C/SIGTERM ends `serve` normally instead of being re-raised."""

    stopped_by: str | None = None

    @contextlib.contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        def stop(signum: int, frame: FrameType | None) -> None:
            if self.should_exit:
                self.force_exit = True
            self.should_exit = True
            self.stopped_by = signal.Signals(signum).name

        previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)


def serve(
    app: ASGIApp, host: str, port: int, on_ready: Callable[[str], None] | None = None, **options: object
) -> str | None:
    """Serve until interrupted; the name of the signal that stopped it (None if it stopped on its own)."""
    sock = _bind(host, port)
    server = _QuietServer(_config(app, **options))
    if on_ready is not None:
        bound_host, bound_port = sock.getsockname()[:2]
        _announce_when_started(server, lambda: on_ready(f"http://{bound_host}:{bound_port}"))
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()
    return server.stopped_by


def _announce_when_started(server: uvicorn.Server, announce: Callable[[], None]) -> None:
    original = server.startup

    async def startup(sockets: list[socket.socket] | None = None) -> None:
        await original(sockets=sockets)
        announce()

    server.startup = startup  # type: ignore[method-assign]
