"""Deadlines for requests: one watchdog thread per process shuts a request's socket down when its deadline passes,
so that an exchange ends then, whatever part of it is being read (the head, which http.client reads with a timeout
that restarts on every byte, or the body).

The socket reaches its `Watch` through the connection classes of the pools (`WATCHED_POOLS`, urllib3's extension
point for connections): a connection hands its socket to the watch of the thread sending on it, per request, so a
kept-alive connection is watched on every request. `run.transport.BoundedAdapter` is the one user.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import os
import socket
import threading
import time
from typing import Any

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection

__all__ = ["WATCHDOG", "WATCHED_POOLS", "Watch", "Watchdog", "sending"]

sending = threading.local()  # .watch: the `Watch` of the request this thread is sending, if any


class Watch:
    """The socket of one request, whether the watchdog cut it, and whether the exchange finished first."""

    def __init__(self) -> None:
        self.sock: socket.socket | None = None
        self.fired = False
        self.done = False

    def cut(self) -> None:
        if self.done:
            return
        self.fired = True
        if self.sock is not None:
            with contextlib.suppress(OSError):  # already closed: the exchange had ended
                self.sock.shutdown(socket.SHUT_RDWR)  # the blocked read returns: the exchange ends now

    def finish(self) -> None:
        self.done, self.sock = True, None


class Watchdog:
    """One daemon thread for every request of the process, cutting each watch whose deadline passed (a timer
    thread per request cost ~0.4 ms, measured: +45% on a loopback request). Deadlines come in send order, so a
    new one is never the earliest and wakes nothing; finished watches are dropped as they reach the top."""

    def __init__(self) -> None:
        self._reset()
        os.register_at_fork(after_in_child=self._reset)  # a child has no thread, and maybe a held lock

    def _reset(self) -> None:
        self._heap: list[tuple[float, int, Watch]] = []
        self._condition = threading.Condition()
        self._order = itertools.count()
        self._thread: threading.Thread | None = None

    def watch(self, watch: Watch, seconds: float) -> None:
        with self._condition:
            if self._thread is None:
                self._thread = threading.Thread(target=self._serve, name="paystack-contracts-deadlines", daemon=True)
                self._thread.start()
            earliest = self._heap[0][0] if self._heap else None
            deadline = time.monotonic() + seconds
            heapq.heappush(self._heap, (deadline, next(self._order), watch))
            if earliest is None or deadline < earliest:
                self._condition.notify()

    def _serve(self) -> None:
        with self._condition:
            while True:
                while self._heap and self._heap[0][2].done:
                    heapq.heappop(self._heap)
                if not self._heap:
                    self._condition.wait()
                    continue
                wait = self._heap[0][0] - time.monotonic()
                if wait > 0:
                    self._condition.wait(wait)
                    continue
                heapq.heappop(self._heap)[2].cut()


WATCHDOG = Watchdog()


def _hand_over(sock: socket.socket | None) -> None:
    watch = getattr(sending, "watch", None)
    if watch is not None:
        watch.sock = sock


class _WatchedHTTP(HTTPConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        super().request(*args, **kwargs)
        _hand_over(self.sock)


class _WatchedHTTPS(HTTPSConnection):
    def request(self, *args: Any, **kwargs: Any) -> None:
        super().request(*args, **kwargs)
        _hand_over(self.sock)


class _WatchedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTP


class _WatchedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPS


WATCHED_POOLS = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
