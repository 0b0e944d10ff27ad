"""Traffic: HAR files are streamed entry by entry within a bound; our recording is redacted HAR entries."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import pytest

from paystack_contracts.errors import DocumentError
from paystack_contracts.proxy import traffic
from paystack_contracts.proxy.traffic import Observed, read_traffic, to_entry, write_entry

EXCHANGE = Observed(
    "POST",
    "http://127.0.0.1:4010/customer",
    (("Content-Type", "application/json"), ("Authorization", "Bearer sk_test_abcdef0123456789")),
    b'{"email": "a@example.com"}',
    200,
    (("content-type", "application/json"), ("vary", "Accept"), ("vary", "Origin")),
    b'{"status": true, "message": "Customer created", "data": {}}',
    0.012,
)


def har(entries: list[dict[str, object]], indent: int | None = None) -> str:
    """A HAR document as browsers write it: creator and pages before the entries, something after them."""
    document = {
        "log": {
            "version": "1.2",
            "creator": {"name": "test", "version": "1", "comment": 'a "log" with "entries": [] in text'},
            "pages": [{"id": "page_1", "title": "entries"}],
            "entries": entries,
            "comment": "after the entries",
        }
    }
    return json.dumps(document, indent=indent)


def har_entry(body: str = '{"status": true}', status: int = 200) -> dict[str, object]:
    return {
        "startedDateTime": "2026-12-01T10:00:00Z",
        "time": 3.5,
        "request": {"method": "get", "url": "http://127.0.0.1:1/customer", "headers": [], "httpVersion": "HTTP/1.1"},
        "response": {"status": status, "headers": [], "content": {"mimeType": "application/json", "text": body}},
    }


@pytest.mark.parametrize("indent", [None, 2])
def test_a_har_file_reads_back_every_entry_whatever_its_layout(tmp_path: Path, indent: int | None) -> None:
    path = tmp_path / "session.har"
    path.write_text(har([har_entry(), har_entry(status=404)], indent), encoding="utf-8")
    found = list(read_traffic(path))
    assert [(o.method, o.path, o.status_code) for o in found] == [("GET", "/customer", 200), ("GET", "/customer", 404)]
    assert found[0].response_body == b'{"status": true}'
    assert found[0].elapsed_s == pytest.approx(0.0035)


def test_entries_larger_than_the_read_chunk_are_decoded_whole(tmp_path: Path) -> None:
    big = json.dumps({"data": "x" * 300_000})
    path = tmp_path / "big.har"
    path.write_text(har([har_entry(big), har_entry(big), har_entry()]), encoding="utf-8")
    assert [len(o.response_body) for o in read_traffic(path)] == [len(big), len(big), 16]


def test_a_value_over_the_bound_is_an_error_not_an_unbounded_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(traffic, "MAX_VALUE_CHARS", 100_000)
    path = tmp_path / "huge.har"
    path.write_text(har([har_entry("y" * 400_000)]), encoding="utf-8")
    with pytest.raises(DocumentError, match="larger than"):
        list(read_traffic(path))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"log": {"entries": [{"request": ', "invalid JSON|end of file"),
        ('{"other": 1}', "not a HAR file"),
        ('{"log": {"entries": [{"request": {}}]}}', "entry 0 is not a HAR entry"),
        ("[1, 2]", "expected '{'"),
    ],
)
def test_a_broken_har_is_a_one_line_document_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "broken.har"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError, match=message):
        list(read_traffic(path))


def test_a_missing_file_is_a_document_error(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="cannot read"):
        list(read_traffic(tmp_path / "nope.har"))


def test_a_recording_holds_one_redacted_har_entry_per_line_and_reads_back(tmp_path: Path, canary_key: str) -> None:
    leaky = Observed(
        EXCHANGE.method,
        EXCHANGE.url + f"?key={canary_key}",
        (("Authorization", f"Bearer {canary_key}"), ("X-Echo", canary_key)),
        json.dumps({"note": canary_key}).encode(),
        EXCHANGE.status_code,
        EXCHANGE.response_headers,
        json.dumps({"echo": canary_key}).encode(),
    )
    stream = io.StringIO()
    write_entry(stream, leaky)
    write_entry(stream, EXCHANGE)
    text = stream.getvalue()
    assert canary_key not in text
    assert canary_key[8:] not in text
    path = tmp_path / "traffic.jsonl"
    path.write_text(text, encoding="utf-8")
    first, second = read_traffic(path)
    assert first.header("authorization") == "[REDACTED]"
    assert second.response_headers == EXCHANGE.response_headers  # repeated headers survive, in order
    assert second.request_body == EXCHANGE.request_body


def test_a_body_that_is_not_text_is_kept_as_base64() -> None:
    raw = bytes(range(256))
    entry = to_entry(Observed("GET", "http://127.0.0.1/x", response_body=raw, status_code=200))
    content = entry["response"]["content"]
    assert content["encoding"] == "base64"
    assert base64.b64decode(content["text"]) == raw
