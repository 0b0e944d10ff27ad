"""The HTTP session for real targets: a total deadline per request, a size cap, and no environment proxies."""

from __future__ import annotations

import time
from http.client import BadStatusLine, HTTPException, LineTooLong, RemoteDisconnected

import pytest
import requests
from tests.support.hostile import hostile_target, slow_head_server
from urllib3.exceptions import ProtocolError

from paystack_contracts.errors import UnsafeTargetError
from paystack_contracts.run.transport import BoundedAdapter, ResponseTooLarge, http_session, malformed_answer


@pytest.fixture(scope="module")
def hostile():
    with hostile_target() as target:
        yield target


def test_a_whole_answer_within_the_deadline_is_read_as_usual(hostile) -> None:
    with http_session(5.0) as session:
        answer = session.get(f"{hostile.base_url}/echo/ok", timeout=5)
    assert answer.status_code == 200
    assert answer.json()["status"] is True


def test_a_body_that_trickles_past_the_deadline_is_a_timeout(hostile) -> None:
    started = time.monotonic()
    with http_session(1.0) as session, pytest.raises(requests.Timeout, match="within 1 s"):
        session.get(f"{hostile.base_url}/trickle", timeout=5)
    assert time.monotonic() - started < 4


def test_a_head_that_trickles_past_the_deadline_is_a_timeout() -> None:
    with slow_head_server() as base_url, http_session(1.0) as session:
        started = time.monotonic()
        with pytest.raises(requests.Timeout, match="within 1 s"):
            session.get(f"{base_url}/customer", timeout=(1, 5))  # each byte comes well within the read timeout
        assert time.monotonic() - started < 3


def test_a_kept_alive_connection_is_watched_on_every_request_not_only_the_first() -> None:
    with slow_head_server() as base_url, http_session(1.0) as session:
        for _ in range(2):  # one connection, kept alive: its socket is handed to a watch once per request
            assert session.get(f"{base_url}/quick", timeout=(1, 5)).json() == {}
        started = time.monotonic()
        with pytest.raises(requests.Timeout, match="within 1 s"):
            session.get(f"{base_url}/slow", timeout=(1, 5))  # the same pooled connection, its head trickling
        assert time.monotonic() - started < 3
        assert len(session.get_adapter("http://x").poolmanager.pools) == 1


def test_a_body_past_the_cap_is_not_read(hostile) -> None:
    with requests.Session() as session:
        session.mount("http://", BoundedAdapter(30.0, max_bytes=1024 * 1024))
        with pytest.raises(ResponseTooLarge, match="over 1 MB"):
            session.get(f"{hostile.base_url}/big", timeout=10)


def test_a_compressed_answer_is_read_decompressed(hostile) -> None:
    with http_session(5.0) as session:
        response = session.get(f"{hostile.base_url}/gzip", timeout=5)
    assert response.headers["content-encoding"] == "gzip"
    assert response.json() == {"status": True, "message": "zipped"}


def test_the_cap_counts_decompressed_bytes_so_a_decompression_bomb_is_cut(hostile) -> None:
    with http_session(10.0) as session, pytest.raises(ResponseTooLarge, match="not read further"):
        session.get(f"{hostile.base_url}/bomb", timeout=10)  # ~65 KB on the wire, 64 MB decompressed


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (requests.ConnectionError(ProtocolError("aborted", HTTPException("got more than 100 headers"))), "got more"),
        (ProtocolError("aborted", LineTooLong("header line")), "got more than"),
        (requests.ConnectionError(ProtocolError("aborted", RemoteDisconnected("closed"))), None),
        (requests.ConnectionError(ProtocolError("aborted", BadStatusLine("SSH-2.0"))), None),  # not HTTP at all
        (requests.ConnectionError(ConnectionRefusedError(111, "Connection refused")), None),
        (requests.ReadTimeout("read timed out"), None),
    ],
    ids=["too many headers", "a line too long", "closed", "not http", "refused", "timeout"],
)
def test_only_an_answer_whose_head_breaks_http_limits_is_malformed(error: BaseException, reason: str | None) -> None:
    found = malformed_answer(error)
    assert found is None if reason is None else found is not None and found.startswith(reason)


def test_the_environment_is_ignored_unless_asked_for() -> None:
    assert http_session(5.0).trust_env is False
    assert http_session(5.0, trust_env=True).trust_env is True


@pytest.mark.parametrize(
    ("proxy", "refused"),
    [
        ("http://proxy.example.invalid:3128", True),
        ("https://proxy.example.invalid:3128", False),
        ("http://127.0.0.1:3128", False),
    ],
)
def test_an_opted_in_proxy_must_be_https_or_on_loopback(
    proxy: str, refused: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTPS_PROXY", proxy)
    if refused:
        with pytest.raises(UnsafeTargetError, match="proxy from the environment"):
            http_session(5.0, trust_env=True)
    else:
        http_session(5.0, trust_env=True)
