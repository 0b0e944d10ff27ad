"""Where events may go: loopback by default; remote only with allow_remote and https."""

from __future__ import annotations

import pytest

from paystack_contracts.errors import ConfigError, UnsafeTargetError
from paystack_contracts.webhooks.urls import vet_url


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000/hook", "http://localhost/hook", "http://[::1]:9/x", "https://127.0.0.1/x"]
)
def test_loopback_urls_are_accepted(url):
    assert vet_url(url) == url


@pytest.mark.parametrize(
    ("url", "allow_remote", "error", "message"),
    [
        ("http://example.com/hook", False, UnsafeTargetError, "only loopback hosts unless --allow-remote"),
        ("https://example.com/hook", False, UnsafeTargetError, "only loopback hosts"),
        ("http://example.com/hook", True, UnsafeTargetError, "use https"),
        ("ftp://127.0.0.1/hook", False, ConfigError, "must be an http"),
        ("127.0.0.1:8000", False, ConfigError, "must be an http"),
    ],
)
def test_other_urls_are_refused_in_one_line(url, allow_remote, error, message):
    with pytest.raises(error, match=message):
        vet_url(url, allow_remote=allow_remote)


def test_a_remote_https_url_is_accepted_when_allowed():
    assert vet_url("https://hooks.example.com/paystack", allow_remote=True) == "https://hooks.example.com/paystack"
