from __future__ import annotations

from urllib.parse import urlsplit

import httpx
import pytest
import urllib3.util

from paystack_contracts.errors import ConfigError, UnsafeTargetError
from paystack_contracts.url_policy import VettedUrl, same_origin, vet_base_url, vet_redirect

LIVE = "sk_live_" + "a1" * 20

# Each host trick, and what the policy decides. "refused" tricks name a word of the one-line reason.
HOST_TRICKS = [
    ("http://evil.example.invalid\\@127.0.0.1:8000", "backslash"),
    ("http://127.0.0.1\\@evil.example.invalid", "backslash"),
    ("http://127.0.0.1@evil.example.invalid", "credentials in the URL are refused"),
    ("http://evil.example.invalid@127.0.0.1", "credentials in the URL are refused"),
    ("http://user:pass@127.0.0.1:8000", "credentials in the URL are refused"),
    ("http://127.0.0.1.evil.example.invalid", "refusing plain HTTP"),
    ("http://foo.localhost", "refusing plain HTTP"),
    ("http://[::ffff:127.0.0.1]", "IPv4-mapped"),
    ("http://[::127.0.0.1]", "IPv4-mapped"),
    ("http://[::1%25eth0]", "zone ids are refused"),
    ("http://[::1x]", "not an IPv6 address"),
    ("http://0x7f000001", "ambiguous numeric host"),
    ("http://2130706433", "ambiguous numeric host"),
    ("http://127.1", "ambiguous numeric host"),
    ("http://0177.0.0.1", "ambiguous numeric host"),
    ("http://evil.example.invalid.127", "ambiguous numeric host"),
    ("http://127\u30020.0.1", "non-ASCII"),
    ("http://127\uff0e0.0.1", "non-ASCII"),
    ("http://127.0.0.1\t.evil.example.invalid", "control characters"),
    ("http://127.0.0.1\n.evil.example.invalid", "control characters"),
    ("http://127.0.0.1%2eevil.example.invalid", "not a host name"),
    ("http://localhost.", "not a host name"),
    ("http://127.0.0.1:0", "port"),
    ("http://127.0.0.1:65536", "port"),
    ("http://127.0.0.1:", "port"),
    ("http://127.0.0.1:80x", "port"),
    ("http://", "host is empty"),
    ("http://127.0.0.1#@evil.example.invalid", "no query or fragment"),
    ("http://127.0.0.1?@evil.example.invalid", "no query or fragment"),
    ("ftp://127.0.0.1", "http or https"),
    ("http:127.0.0.1", "http or https"),
    ("file:///etc/passwd", "http or https"),
    ("http://0.0.0.0:8000", "refusing plain HTTP"),
    ("http://[::]:8000", "IPv4-mapped"),
    ("http://api.paystack.co", "refusing plain HTTP"),
]

ACCEPTED = [
    ("https://api.paystack.co/", "https", "api.paystack.co", 443, "https://api.paystack.co", False),
    ("HTTPS://API.Paystack.CO:443/v1/", "https", "api.paystack.co", 443, "https://api.paystack.co/v1", False),
    ("http://127.0.0.1:8000", "http", "127.0.0.1", 8000, "http://127.0.0.1:8000", True),
    ("http://127.9.9.9", "http", "127.9.9.9", 80, "http://127.9.9.9", True),
    ("http://LOCALHOST:9/", "http", "localhost", 9, "http://localhost:9", True),
    ("http://[::1]:8000", "http", "::1", 8000, "http://[::1]:8000", True),
    ("  https://api.paystack.co  ", "https", "api.paystack.co", 443, "https://api.paystack.co", False),
    ("https://[2001:db8::1]/", "https", "2001:db8::1", 443, "https://[2001:db8::1]", False),
]


@pytest.mark.parametrize(("raw", "reason"), HOST_TRICKS)
def test_every_host_trick_is_refused_in_one_line(raw: str, reason: str) -> None:
    with pytest.raises(ConfigError) as info:
        vet_base_url(raw)
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_the_host_tricks_table_covers_more_than_sixteen_tricks() -> None:
    assert len(HOST_TRICKS) >= 16


@pytest.mark.parametrize(("raw", "scheme", "host", "port", "url", "loopback"), ACCEPTED)
def test_accepted_urls_are_normalised(raw: str, scheme: str, host: str, port: int, url: str, loopback: bool) -> None:
    vetted = vet_base_url(raw)
    assert (vetted.scheme, vetted.host, vetted.port, vetted.url, vetted.loopback) == (
        scheme,
        host,
        port,
        url,
        loopback,
    )


@pytest.mark.parametrize("raw", [row[0] for row in ACCEPTED])
def test_every_sender_reads_an_accepted_url_as_the_policy_does(raw: str) -> None:
    vetted = vet_base_url(raw)
    url = httpx.URL(vetted.url)
    assert (url.host, url.port or 443 if url.scheme == "https" else url.port or 80) == (vetted.host, vetted.port)
    parsed = urllib3.util.parse_url(vetted.url)
    assert (parsed.host or "").strip("[]") == vetted.host
    assert (parsed.port or vetted.port) == vetted.port
    assert urlsplit(vetted.url).hostname == vetted.host


def test_the_backslash_trick_is_read_differently_by_two_senders() -> None:
    """Why backslashes are refused: httpx and urllib3 (under requests) disagree on the host."""
    raw = "http://evil.example.invalid\\@127.0.0.1:8000"
    assert httpx.URL(raw).host == "127.0.0.1"
    assert urllib3.util.parse_url(raw).host == "evil.example.invalid"


@pytest.mark.parametrize(
    "raw",
    [f"http://{LIVE}@127.0.0.1:8000", f"https://x:{LIVE}@api.paystack.co", f"http://{LIVE}:@localhost"],
)
def test_a_key_in_the_url_is_refused_without_echoing_it(raw: str) -> None:
    with pytest.raises(UnsafeTargetError, match="credentials in the URL are refused") as info:
        vet_base_url(raw)
    assert LIVE not in str(info.value)
    assert "a1a1" not in str(info.value)


def test_plain_http_to_a_remote_host_keeps_the_teaching_message() -> None:
    with pytest.raises(UnsafeTargetError, match=r"use https:// \(plain http is allowed for 127.0.0.1, ::1"):
        vet_base_url("http://api.paystack.co")


def test_the_origin_always_names_the_port() -> None:
    assert vet_base_url("https://api.paystack.co/v1").origin == "https://api.paystack.co:443"
    assert str(vet_base_url("http://127.0.0.1:8000/")) == "http://127.0.0.1:8000"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("http://127.0.0.1:8000", "http://127.0.0.1:8000/v1", True),
        ("https://api.paystack.co", "https://API.paystack.co:443/x", True),
        ("http://127.0.0.1:8000", "http://127.0.0.1:8001", False),
        ("http://127.0.0.1:8000", "http://localhost:8000", False),
        ("https://127.0.0.1:8000", "http://127.0.0.1:8000", False),
    ],
)
def test_same_origin_is_scheme_host_and_port(a: str, b: str, same: bool) -> None:
    assert same_origin(vet_base_url(a), vet_base_url(b)) is same


ORIGIN = "http://127.0.0.1:8000/v1"


@pytest.mark.parametrize(
    ("location", "followed"),
    [
        ("/customer?perPage=1", "http://127.0.0.1:8000/customer?perPage=1"),
        ("customer", "http://127.0.0.1:8000/v1/customer"),
        ("http://127.0.0.1:8000/x#frag", "http://127.0.0.1:8000/x"),
        ("http://127.0.0.1:8001/x", None),
        ("//evil.example.invalid/x", None),
        ("https://127.0.0.1:8000/x", None),
        ("http://evil.example.invalid\\@127.0.0.1:8000/", None),
        ("http://user@127.0.0.1:8000/", None),
        ("/x\r\nSet-Cookie: a=b", None),
        ("javascript:alert(1)", None),
        ("", None),
    ],
)
def test_a_redirect_is_followed_only_within_the_origin(location: str, followed: str | None) -> None:
    target = vet_redirect(vet_base_url(ORIGIN), location)
    assert (target.url if isinstance(target, VettedUrl) else None) == followed


def test_an_https_to_http_downgrade_on_the_same_host_is_not_followed() -> None:
    assert vet_redirect(vet_base_url("https://api.paystack.co"), "http://api.paystack.co/customer") is None
