"""The HTTP session for real targets: a total deadline per request, a size cap, and no environment proxies."""

from __future__ import annotations

import time

import pytest
import requests
from tests.support.hostile import hostile_target

from paystack_contracts.errors import UnsafeTargetError
from paystack_contracts.run.transport import BoundedAdapter, ResponseTooLarge, http_session


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
