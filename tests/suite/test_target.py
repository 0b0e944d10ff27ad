from __future__ import annotations

import pytest

from paystack_contracts.errors import ConfigError, UnsafeTargetError
from paystack_contracts.suite.target import TargetSpec, check_base_url, is_loopback, resolve_target

TEST_KEY = "sk_test_" + "a1" * 20
LIVE_KEY = "sk_live_" + "b2" * 20


@pytest.mark.parametrize(
    ("url", "loopback"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://localhost:8000/", True),
        ("http://[::1]:9000", True),
        ("https://api.paystack.co", False),
        ("http://10.0.0.5", False),
    ],
)
def test_loopback_detection_follows_the_host(url: str, loopback: bool) -> None:
    assert is_loopback(url) is loopback


@pytest.mark.parametrize("url", ["http://api.paystack.co", "http://192.168.1.10:8080"])
def test_plain_http_to_a_remote_host_is_refused(url: str) -> None:
    with pytest.raises(UnsafeTargetError, match="plain HTTP"):
        check_base_url(url)


@pytest.mark.parametrize("url", ["ftp://example.com", "api.paystack.co", "https://"])
def test_a_base_url_that_is_not_http_is_a_config_error(url: str) -> None:
    with pytest.raises(ConfigError, match="base URL"):
        check_base_url(url)


def test_https_and_loopback_http_are_accepted_without_trailing_slash() -> None:
    assert check_base_url("https://api.paystack.co/") == "https://api.paystack.co"
    assert check_base_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_a_live_key_is_refused_for_any_target() -> None:
    with pytest.raises(UnsafeTargetError, match="live secret key"):
        resolve_target(TargetSpec(base_url="https://api.paystack.co", secret_key=LIVE_KEY))


def test_a_live_globalstack_key_is_refused_too() -> None:
    spec = TargetSpec(base_url="https://api.paystack.co", secret_key=TEST_KEY, globalstack_key=LIVE_KEY)
    with pytest.raises(UnsafeTargetError, match="live"):
        resolve_target(spec)


def test_a_base_url_without_a_key_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="test secret key"):
        resolve_target(TargetSpec(base_url="https://api.paystack.co"))


def test_no_base_url_means_the_embedded_mock_with_its_own_key() -> None:
    target = resolve_target(TargetSpec(), embedded_key=TEST_KEY)
    assert target.embedded
    assert target.loopback
    assert target.key.reveal() == TEST_KEY
    assert target.globalstack_base_url is None


def test_a_loopback_mock_serves_globalstack_under_v1() -> None:
    target = resolve_target(TargetSpec(base_url="http://127.0.0.1:9000", secret_key=TEST_KEY))
    assert target.globalstack_base_url == "http://127.0.0.1:9000/v1"
    assert target.globalstack_key.reveal() == TEST_KEY


def test_a_remote_target_needs_its_own_globalstack_url() -> None:
    target = resolve_target(TargetSpec(base_url="https://api.paystack.co", secret_key=TEST_KEY))
    assert target.globalstack_base_url is None


def test_flags_win_over_the_environment() -> None:
    env = {"PAYSTACK_BASE_URL": "https://env.example", "PAYSTACK_SECRET_KEY": TEST_KEY}
    spec = TargetSpec.from_environment(env, base_url="https://flag.example")
    assert spec.base_url == "https://flag.example"
    assert spec.secret_key == TEST_KEY


def test_the_target_label_never_shows_the_key() -> None:
    target = resolve_target(TargetSpec(base_url="https://api.paystack.co", secret_key=TEST_KEY))
    assert TEST_KEY not in f"{target.label} {target.key} {target.key!r}"
