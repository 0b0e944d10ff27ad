"""Traffic: one observed exchange (`Observed`), recorded by our proxy or read back from a HAR file.

Two formats are read, both streamed (an exchange at a time, never the whole file):

- HAR 1.2 (browser devtools, mitmproxy, Playwright `record_har`): one JSON document, `log.entries[]`.
- Our proxy's recording: JSON Lines, one HAR entry per line (`write_entry`), redacted as it is written.

`ijson` is not installed, so the HAR reader walks the document itself: it skips every value before `log.entries`
and decodes the entries one by one with the standard library's `json.JSONDecoder.raw_decode`, growing its
buffer geometrically. Memory is bounded by the largest single entry, and an entry (or any other value) over
`MAX_VALUE_CHARS` is a `DocumentError`, never an unbounded read.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from paystack_contracts.credentials import redact, redact_mapping
from paystack_contracts.errors import DocumentError

__all__ = ["MAX_VALUE_CHARS", "Observed", "bearer_token", "read_traffic", "to_entry", "write_entry"]

MAX_VALUE_CHARS = 64 * 1024 * 1024
"""The largest single HAR entry (or other value) read: 64 MiB of JSON text."""

_CHUNK = 64 * 1024
Headers = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Observed:
    """One request as a client sent it and the answer it got (body decoded from any content-encoding)."""

    method: str
    url: str
    request_headers: Headers = ()
    request_body: bytes = b""
    status_code: int = 0
    response_headers: Headers = ()
    response_body: bytes = b""
    elapsed_s: float = 0.0

    @property
    def path(self) -> str:
        return urlsplit(self.url).path or "/"

    def header(self, name: str, *, response: bool = False) -> str | None:
        wanted = name.lower()
        pairs = self.response_headers if response else self.request_headers
        return next((value for key, value in pairs if key.lower() == wanted), None)


def bearer_token(observed: Observed) -> str | None:
    """The credential the client sent (`Authorization: Bearer <key>`), for refusal and redaction."""
    value = observed.header("authorization") or ""
    scheme, _, token = value.partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


def to_entry(observed: Observed, secrets: Sequence[str] = ()) -> dict[str, Any]:
    """A HAR 1.2 entry for `observed`, redacted: credential headers masked, key-shaped strings removed."""
    secrets = tuple(secrets) + tuple(t for t in (bearer_token(observed),) if t)
    request: dict[str, Any] = {
        "method": observed.method,
        "url": redact(observed.url, *secrets),
        "headers": _har_headers(observed.request_headers, secrets),
    }
    if observed.request_body:
        request["postData"] = {"mimeType": observed.header("content-type") or "", **_content(observed.request_body)}
    response = {
        "status": observed.status_code,
        "headers": _har_headers(observed.response_headers, secrets),
        "content": {
            "mimeType": observed.header("content-type", response=True) or "",
            **_content(observed.response_body),
        },
    }
    entry = {"time": round(observed.elapsed_s * 1000, 3), "request": request, "response": response}
    return _scrubbed(entry, secrets)


def write_entry(stream: IO[str], observed: Observed, secrets: Sequence[str] = ()) -> None:
    """Append one redacted exchange to a recording (JSON Lines)."""
    stream.write(json.dumps(to_entry(observed, secrets), separators=(",", ":")) + "\n")


def read_traffic(path: Path) -> Iterator[Observed]:
    """Every exchange in a HAR file or one of our recordings, one at a time."""
    try:
        stream = path.open(encoding="utf-8")
    except OSError as exc:
        raise DocumentError(path.as_posix(), f"cannot read ({exc.strerror or exc})") from None
    with stream:
        entries = _recording(stream, path) if _is_recording(stream) else _HarScanner(stream, path).entries()
        for index, entry in enumerate(entries):
            yield _observed(entry, path, index)


def _is_recording(stream: IO[str]) -> bool:
    """A recording's first line is a whole entry; a HAR document's first line is not (or has `log`)."""
    first = stream.readline(MAX_VALUE_CHARS)
    stream.seek(0)
    try:
        value = json.loads(first)
    except (ValueError, RecursionError):
        return False
    return isinstance(value, dict) and "request" in value and "log" not in value


def _recording(stream: IO[str], path: Path) -> Iterator[Any]:
    for number, line in enumerate(stream, start=1):
        if line.strip():
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise DocumentError(path.as_posix(), f"line {number} is not JSON ({exc.msg})") from None
            except RecursionError:
                raise DocumentError(path.as_posix(), f"line {number} nests JSON too deeply to read") from None


class _HarScanner:
    """Walks `{"log": {..., "entries": [...]}}`, holding one value at a time (see the module docstring)."""

    def __init__(self, stream: IO[str], path: Path) -> None:
        self.stream, self.path = stream, path
        self.text, self.pos, self.eof = "", 0, False
        self.decoder = json.JSONDecoder()

    def entries(self) -> Iterator[Any]:
        self._expect("{")
        for key in self._keys():
            if key != "log":
                self._value()
                continue
            self._expect("{")
            for inner in self._keys():
                if inner == "entries":
                    yield from self._array()
                else:
                    self._value()
            return
        raise self._error("no `log` object: not a HAR file")

    def _keys(self) -> Iterator[str]:
        """The keys of the object just opened; the caller consumes each value."""
        if self._peek() == "}":
            self.pos += 1
            return
        while True:
            key = self._value()
            self._expect(":")
            yield str(key)
            if self._separator("}"):
                return

    def _array(self) -> Iterator[Any]:
        self._expect("[")
        if self._peek() == "]":
            self.pos += 1
            return
        while True:
            yield self._value()
            if self._separator("]"):
                return

    def _separator(self, closing: str) -> bool:
        found = self._peek()
        self.pos += 1
        if found not in (",", closing):
            raise self._error(f"expected ',' or {closing!r}, found {found!r}")
        return found == closing

    def _value(self) -> Any:
        self._peek()
        want = _CHUNK
        while True:
            try:
                value, end = self.decoder.raw_decode(self.text, self.pos)
            except json.JSONDecodeError as exc:
                if self.eof:
                    raise self._error(f"invalid JSON ({exc.msg})") from None
                if len(self.text) - self.pos > MAX_VALUE_CHARS:
                    raise self._error(f"a value is larger than {MAX_VALUE_CHARS // 2**20} MiB") from None
                self._fill(want)
                want *= 2  # geometric growth: a large entry is re-decoded O(log n) times, not O(n)
                continue
            if end == len(self.text) and not self.eof and self.text[self.pos] not in '{["':
                self._fill(_CHUNK)  # a number may continue in the next chunk
                continue
            self.pos = end
            self._compact()
            return value

    def _peek(self) -> str:
        while True:
            while self.pos < len(self.text) and self.text[self.pos].isspace():
                self.pos += 1
            if self.pos < len(self.text):
                return self.text[self.pos]
            if self.eof:
                raise self._error("unexpected end of file")
            self._fill(_CHUNK)

    def _expect(self, char: str) -> None:
        found = self._peek()
        if found != char:
            raise self._error(f"expected {char!r}, found {found!r}")
        self.pos += 1

    def _fill(self, size: int) -> None:
        chunk = self.stream.read(size)
        self.eof = not chunk
        self.text += chunk

    def _compact(self) -> None:
        self.text, self.pos = self.text[self.pos :], 0

    def _error(self, message: str) -> DocumentError:
        return DocumentError(self.path.as_posix(), message)


def _observed(entry: Any, path: Path, index: int) -> Observed:
    try:
        request, response = entry["request"], entry["response"]
        post = request.get("postData") or {}
        return Observed(
            method=str(request["method"]).upper(),
            url=str(request["url"]),
            request_headers=_pairs(request.get("headers")),
            request_body=_body(post.get("text"), post.get("encoding")),
            status_code=int(response["status"]),
            response_headers=_pairs(response.get("headers")),
            response_body=_body(
                (response.get("content") or {}).get("text"), (response.get("content") or {}).get("encoding")
            ),
            elapsed_s=float(entry.get("time") or 0) / 1000,
        )
    except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
        raise DocumentError(
            path.as_posix(), f"entry {index} is not a HAR entry ({type(exc).__name__}: {exc})"
        ) from None


def _pairs(headers: Any) -> Headers:
    return tuple((str(h["name"]), str(h["value"])) for h in headers or ())


def _body(text: Any, encoding: Any) -> bytes:
    if not text:
        return b""
    return base64.b64decode(text) if encoding == "base64" else str(text).encode("utf-8")


def _content(body: bytes) -> dict[str, Any]:
    try:
        return {"text": body.decode("utf-8"), "size": len(body)}
    except UnicodeDecodeError:
        return {"text": base64.b64encode(body).decode("ascii"), "encoding": "base64", "size": len(body)}


def _har_headers(headers: Headers, secrets: Sequence[str]) -> list[dict[str, str]]:
    masked = [next(iter(redact_mapping({name: value}, *secrets).items())) for name, value in headers]
    return [{"name": name, "value": value} for name, value in masked]


def _scrubbed(entry: dict[str, Any], secrets: Sequence[str]) -> dict[str, Any]:
    """Every string of the entry passed through `redact` (bodies may echo a key)."""
    scrubbed: dict[str, Any] = json.loads(redact(json.dumps(entry), *secrets))
    return scrubbed
