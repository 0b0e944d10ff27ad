"""The hostile targets themselves: each mode does what the run's security tests will rely on."""

from __future__ import annotations

import base64

import httpx
import pytest
from tests.support.hostile import BIG_BODY_BYTES, ESCAPE, counting_proxy, hostile_target

from paystack_contracts.credentials import Redactor
from paystack_contracts.terminal import printable


def test_echo_sends_the_key_back_in_every_form_and_the_redactor_scrubs_them_all(canary_key: str) -> None:
    with hostile_target() as target:
        reply = httpx.post(f"{target.base_url}/echo/customer", headers={"Authorization": f"Bearer {canary_key}"},
                           content=b"email=jane@example.com")  # fmt: skip
    text = reply.text
    data = reply.json()["data"]
    assert canary_key in data["authorization"]
    assert data["glued"] == f"x_{canary_key}"
    assert base64.b64decode(data["authorization_base64"]).decode() == f"Bearer {canary_key}"
    assert bytes.fromhex(data["authorization_hex"]).decode() == f"Bearer {canary_key}"
    cleaned = Redactor.of(canary_key).redact(text)
    for copy in (canary_key, canary_key.encode().hex(), base64.b64encode(canary_key.encode()).decode()[8:-8]):
        assert copy.lower() not in cleaned.lower()
    assert ESCAPE in reply.json()["message"]
    assert ESCAPE not in printable(reply.json()["message"])


def test_redirects_loop_to_themselves_and_lead_to_another_origin() -> None:
    with hostile_target() as target, httpx.Client(base_url=target.base_url) as client:
        loop = client.get("/redirect/loop")
        other = client.get("/redirect/other")
        httpx.get(f"{target.other_origin}/landing", headers={"Authorization": "Bearer probe"})
    assert (loop.status_code, loop.headers["location"]) == (302, "/redirect/loop")
    assert other.headers["location"] == f"{target.other_origin}/landing"
    assert target.other_origin != target.base_url
    assert [seen.authorization for seen in target.other_seen] == ["Bearer probe"]


def test_trickle_keeps_the_response_open_one_byte_at_a_time() -> None:
    with hostile_target() as target, httpx.stream("GET", f"{target.base_url}/trickle") as response:
        chunks = response.iter_raw(1)
        assert [next(chunks), next(chunks), next(chunks)] == [b"{", b" ", b" "]
        assert not response.is_closed


def test_big_sends_ten_megabytes() -> None:
    with hostile_target() as target:
        reply = httpx.get(f"{target.base_url}/big")
    assert len(reply.content) >= BIG_BODY_BYTES - 1024
    assert reply.json()["status"] is True


def test_the_counting_proxy_records_what_is_sent_through_it(monkeypatch: pytest.MonkeyPatch) -> None:
    with hostile_target() as target, counting_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        with httpx.Client(trust_env=False) as client:
            ignored = client.get(f"{target.base_url}/echo/direct")
        assert (ignored.status_code, proxy.seen) == (200, [])
        with httpx.Client(trust_env=True) as client:
            proxied = client.get(f"{target.base_url}/echo/proxied")
    assert proxied.status_code == 502
    assert proxy.seen == [f"GET {target.base_url}/echo/proxied HTTP/1.1"]
