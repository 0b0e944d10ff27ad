"""The HTTP session a run talks to a real target through, with every limit a hostile target could test.

- **A total deadline per request**, not an idle timeout: `requests`' timeout restarts on every byte, so a target
  that trickles one byte a second would keep a run alive for ever. The body is read in `read1` chunks (each
  returns as soon as bytes arrive) against a clock started when the request was sent; and a watchdog shuts the
  request's socket down at the deadline, which also ends a head (status line, headers) that trickles, where no
  chunk loop of ours runs (http.client reads it). Past the deadline, `requests.Timeout` (an inconclusive outcome).
  The watchdog and how it knows the socket are `run.deadlines`: neither urllib3 nor requests can bound a whole
  exchange.
- **A response-size cap**: a body past `MAX_RESPONSE_BYTES` is not read further (`ResponseTooLarge`). The body is
  read decompressed (urllib3's decoders, as `requests` itself reads it: `requests` asks for `gzip, deflate`, and
  an edge that compresses gives a compressed body otherwise), and the cap counts decompressed bytes, so a
  decompression bomb is cut at the cap (each `read1` decodes at most a chunk).
- **A readable head**: an answer whose status line or headers break http.client's limits (more than 100 headers,
  a header line past 64 KB) is a finding (`malformed_answer`), not "cannot connect".
- **A nesting cap**: JSON nested past `checks._body.MAX_DEPTH` is not read (every reader of it recurses, and
  raises past Python's limit); the judge records `too_deep` instead of judging it.
- **No environment**: proxies and `.netrc` from the environment are ignored unless the user opts in
  (`trust_env`), and then only a proxy over HTTPS or on loopback is accepted: a plain-HTTP proxy elsewhere would
  see the key.
- **No redirects** are followed (the client sends with `max_redirects=0`): a 3xx is an answer to judge, and the
  key never travels to where a `Location` points.

Hand-written on top of `requests.adapters.HTTPAdapter` because neither requests nor urllib3 offers a total
deadline or a size cap (urllib3's `Timeout(total=...)` bounds the connect and each read, not the whole body).
"""

from __future__ import annotations

import http.client
import time
from collections.abc import Mapping
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from requests.utils import get_environ_proxies

from paystack_contracts.checks._body import MAX_DEPTH
from paystack_contracts.errors import UnsafeTargetError
from paystack_contracts.findings import Finding
from paystack_contracts.run.deadlines import WATCHDOG, WATCHED_POOLS, Watch, sending
from paystack_contracts.url_policy import vet_base_url

__all__ = [
    "MAX_RESPONSE_BYTES",
    "BoundedAdapter",
    "ResponseTooLarge",
    "http_session",
    "malformed_answer",
    "too_deep",
    "too_large",
    "too_malformed",
]

MAX_RESPONSE_BYTES = 16 * 1024 * 1024
"""Far above any Customers API answer (a 100-item list page is ~60 KB); a larger body is a finding, unread."""

_CHUNK = 64 * 1024


class ResponseTooLarge(requests.RequestException):
    """The target's body went past `MAX_RESPONSE_BYTES`; the rest was not read."""


def too_large(operation: str, message: str) -> Finding:
    expected = f"a body under {MAX_RESPONSE_BYTES // (1024 * 1024)} MB"
    return _limit("response-too-large", operation, message, expected, "more (not read further)")


def too_deep(operation: str, status_code: int) -> Finding:
    message = f"HTTP {status_code}: the body nests JSON deeper than {MAX_DEPTH} levels; not read"
    return _limit("response-too-deep", operation, message, f"JSON nested at most {MAX_DEPTH} levels", "deeper")


def too_malformed(operation: str, reason: str) -> Finding:
    message = f"the answer is not readable HTTP: {reason}"
    return _limit("response-malformed", operation, message, "an answer HTTP can read (head, framing, encoding)", reason)


def malformed_answer(exc: BaseException) -> str | None:
    """What could not be read in an HTTP answer: a head past http.client's limits (`got more than 100 headers`, a
    line too long), a chunk length that is no number, a body that is not the encoding it declares. None for any other
    transport error (refused, reset, timed out, cut short, not HTTP at all: inconclusive)."""
    seen: set[int] = set()
    cause: BaseException | None = exc
    while cause is not None and id(cause) not in seen:
        seen.add(id(cause))
        if type(cause) is http.client.HTTPException or isinstance(cause, http.client.LineTooLong):
            return str(cause) or type(cause).__name__  # not BadStatusLine: no HTTP at all is "cannot connect"
        if _bad_chunk_length(cause):  # not any IncompleteRead: one alone is a body cut short (inconclusive)
            return "a chunked body with a chunk length that is no number"
        if isinstance(cause, urllib3.exceptions.DecodeError):
            return f"a body that does not decode as its Content-Encoding says ({_first_line(cause)})"
        inner = [a for a in cause.args if isinstance(a, BaseException)]
        cause = cause.__cause__ or cause.__context__ or (inner[0] if inner else None)
    return None


def _bad_chunk_length(exc: BaseException) -> bool:
    """urllib3's own parser says InvalidChunkLength; http.client's (which `read1` uses) raises IncompleteRead from
    the ValueError of `int(size, 16)` (`HTTPResponse._get_chunk_left`)."""
    if isinstance(exc, urllib3.exceptions.InvalidChunkLength):
        return True
    return isinstance(exc, http.client.IncompleteRead) and isinstance(exc.__context__, ValueError)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:160] if str(exc) else type(exc).__name__


def _limit(rule: str, operation: str, message: str, expected: str, actual: str) -> Finding:
    return Finding(
        rule, message, "suite", operation=operation, location="$", expected=expected, actual=actual, check="transport"
    )


class BoundedAdapter(HTTPAdapter):
    """An adapter that reads each whole response within `deadline` seconds and `max_bytes` bytes."""

    def __init__(self, deadline: float, max_bytes: int = MAX_RESPONSE_BYTES) -> None:
        super().__init__(max_retries=0)
        self.deadline = deadline
        self.max_bytes = max_bytes

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = WATCHED_POOLS

    def proxy_manager_for(self, proxy: str, **kwargs: Any) -> Any:
        manager = super().proxy_manager_for(proxy, **kwargs)
        manager.pool_classes_by_scheme = WATCHED_POOLS
        return manager

    def send(  # the signature is requests' own (an override), hence its six parameters
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: bool | str = True,
        cert: Any = None,
        proxies: dict[str, str] | None = None,
    ) -> requests.Response:
        started = time.monotonic()
        watch = Watch()
        sending.watch = watch  # the connection that sends this request hands its socket to the watch
        WATCHDOG.watch(watch, self.deadline)
        try:
            response = super().send(request, stream=True, timeout=timeout, verify=verify, cert=cert, proxies=proxies)
            try:
                response._content = self._body(response, started)  # what `response.content` returns from now on
            finally:
                watch.finish()  # before the connection goes back to the pool: a late cut must not reach the next
                response.close()
        except (requests.RequestException, urllib3.exceptions.HTTPError, OSError, http.client.HTTPException):
            if watch.fired:  # whatever the cut socket raised: the deadline ended it
                raise requests.Timeout(self._late()) from None
            raise
        finally:
            watch.finish()
            sending.watch = None
        if watch.fired:  # cut mid-head, http.client may take the end of the stream for the end of the answer
            raise requests.Timeout(self._late())
        return response

    def _late(self) -> str:
        return f"no complete answer within {self.deadline:g} s (the target kept sending slowly)"

    def _body(self, response: requests.Response, started: float) -> bytes:
        """The whole body, decoded; urllib3's errors while reading it become requests' own, as `iter_content`
        makes them (a body cut short, broken chunks, a body that is not its Content-Encoding)."""
        try:
            return self._chunks(response, started)
        except urllib3.exceptions.DecodeError as exc:
            raise requests.exceptions.ContentDecodingError(exc, request=response.request) from exc
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise requests.exceptions.ReadTimeout(exc, request=response.request) from exc
        except urllib3.exceptions.ProtocolError as exc:
            raise requests.exceptions.ChunkedEncodingError(exc, request=response.request) from exc

    def _chunks(self, response: requests.Response, started: float) -> bytes:
        chunks, size = [], 0
        while chunk := response.raw.read1(_CHUNK, decode_content=True):
            size += len(chunk)
            if size > self.max_bytes:
                raise ResponseTooLarge(f"response body over {self.max_bytes // (1024 * 1024)} MB, not read further")
            if time.monotonic() - started > self.deadline:
                raise requests.Timeout(f"no complete answer within {self.deadline:g} s (the body kept trickling)")
            chunks.append(chunk)
        return b"".join(chunks)


def http_session(deadline: float, *, trust_env: bool = False) -> requests.Session:
    """A session for a real target: bounded reads, and the environment's proxies only when asked for."""
    session = requests.Session()
    session.trust_env = trust_env
    if trust_env:
        _refuse_unsafe_proxies(get_environ_proxies("https://api.paystack.co"))
    adapter = BoundedAdapter(deadline)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def _refuse_unsafe_proxies(proxies: Mapping[str, str]) -> None:
    for scheme, proxy in proxies.items():
        if scheme == "no_proxy":
            continue
        try:
            vet_base_url(proxy)
        except UnsafeTargetError as exc:
            raise UnsafeTargetError(
                f"refusing the {scheme} proxy from the environment ({exc}); use an https:// proxy or one on "
                "loopback, or drop --trust-env"
            ) from None
