from __future__ import annotations

from dataclasses import replace

import pytest

from paystack_contracts.errors import ConfigError, UnsafeTargetError, UsageError
from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.run.plan import (
    DEFAULT_LIVE_BUDGET,
    IN_PROCESS_ORIGIN,
    Profile,
    RunPlan,
    SuiteOptions,
    TargetSpec,
    check_base_url,
    is_loopback,
)

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


def resolve(spec: TargetSpec, **options: object) -> RunPlan:
    return RunPlan.resolve(SuiteOptions(target=spec, **options))  # type: ignore[arg-type]


REMOTE = TargetSpec(base_url="https://api.paystack.co", secret_key=TEST_KEY)
LOOPBACK = TargetSpec(base_url="http://127.0.0.1:9000", secret_key=TEST_KEY)


def test_a_live_key_is_refused_for_any_target() -> None:
    with pytest.raises(UnsafeTargetError, match="live secret key"):
        resolve(TargetSpec(base_url="https://api.paystack.co", secret_key=LIVE_KEY))


def test_a_live_globalstack_key_is_refused_too() -> None:
    spec = TargetSpec(base_url="https://api.paystack.co", secret_key=TEST_KEY, globalstack_key=LIVE_KEY)
    with pytest.raises(UnsafeTargetError, match="live"):
        resolve(spec)


def test_a_base_url_without_a_key_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="test secret key"):
        resolve(TargetSpec(base_url="https://api.paystack.co"))


def test_drift_profiles_are_refused_for_a_remote_target() -> None:
    with pytest.raises(UsageError, match="embedded mock"):
        resolve(REMOTE, drift=("wrong-total",))


def test_no_base_url_means_the_embedded_mock_in_process_with_its_own_key() -> None:
    plan = resolve(TargetSpec())
    assert (plan.embedded, plan.loopback, plan.label) == (True, True, "in-process mock")
    assert plan.paystack.base_url == IN_PROCESS_ORIGIN
    assert plan.paystack.key.reveal() == DEFAULT_TEST_KEY
    assert plan.globalstack is not None
    assert plan.globalstack.base_url == f"{IN_PROCESS_ORIGIN}/v1"


def test_globalstack_is_where_it_is_configured_with_the_same_key_by_default() -> None:
    plan = resolve(replace(LOOPBACK, globalstack_base_url="http://127.0.0.1:9000/v1/"))
    assert plan.globalstack is not None
    assert plan.globalstack.base_url == "http://127.0.0.1:9000/v1"
    assert plan.globalstack.key.reveal() == TEST_KEY


@pytest.mark.parametrize("spec", [LOOPBACK, REMOTE], ids=["loopback", "remote"])
def test_a_target_serves_no_globalstack_unless_it_is_configured(spec: TargetSpec) -> None:
    """A loopback look-alike of the classic API has no /v1/customers: assuming it would fail every case."""
    assert resolve(spec).globalstack is None


@pytest.mark.parametrize(
    ("spec", "profile", "budget"),
    [(TargetSpec(), Profile.FULL, None), (LOOPBACK, Profile.FULL, None), (REMOTE, Profile.LIVE, DEFAULT_LIVE_BUDGET)],
)
def test_the_profile_and_budget_follow_where_the_target_is(
    spec: TargetSpec, profile: Profile, budget: int | None
) -> None:
    plan = resolve(spec)
    assert (plan.profile, plan.budget) == (profile, budget)


def test_the_authorization_header_is_built_once_per_endpoint_from_its_key() -> None:
    gs_key = "sk_test_" + "c3" * 20
    spec = TargetSpec("http://127.0.0.1:9000", TEST_KEY, "http://127.0.0.1:9001/v1", gs_key)
    plan = resolve(spec)
    assert plan.endpoint_for("customer_fetch").auth == {"Authorization": f"Bearer {TEST_KEY}"}
    assert plan.endpoint_for("globalstack_createCustomer").auth == {"Authorization": f"Bearer {gs_key}"}
    assert set(plan.secrets) == {TEST_KEY, gs_key}


@pytest.mark.parametrize(
    ("spec", "workers", "max_requests", "parallel"),
    [
        (TargetSpec(), 2, None, True),
        (TargetSpec(), 1, None, False),
        (TargetSpec(), 2, 50, False),
        (REMOTE, 2, None, False),
    ],
)
def test_only_an_unbudgeted_loopback_full_run_spreads_over_workers(spec, workers, max_requests, parallel) -> None:
    assert resolve(spec, workers=workers, max_requests=max_requests).parallel is parallel


def test_a_workers_share_is_the_same_run_restricted_to_its_operations() -> None:
    plan = resolve(TargetSpec(), workers=2, seed=5)
    share = plan.share(("customer_fetch",))
    assert (share.seed, share.run_id, share.options.operations, share.options.workers) == (
        5,
        plan.run_id,
        ("customer_fetch",),
        1,
    )


def test_the_reproduce_command_repeats_the_generation_without_the_key() -> None:
    plan = resolve(LOOPBACK, seed=7, drift=(), max_requests=40)
    command = plan.reproduce_command()
    assert (
        command == "paystack-contracts run --seed 7 --profile full --base-url http://127.0.0.1:9000 --max-requests 40"
    )
    assert TEST_KEY not in command


def test_flags_win_over_the_environment() -> None:
    env = {"PAYSTACK_BASE_URL": "https://env.example", "PAYSTACK_SECRET_KEY": TEST_KEY}
    spec = TargetSpec.from_environment(env, base_url="https://flag.example")
    assert spec.base_url == "https://flag.example"
    assert spec.secret_key == TEST_KEY


def test_the_plan_never_shows_the_key() -> None:
    plan = resolve(REMOTE)
    assert TEST_KEY not in f"{plan.label} {plan.paystack.key} {plan.paystack.key!r}"


def test_the_reproduce_command_keeps_a_configured_globalstack() -> None:
    plan = resolve(replace(LOOPBACK, globalstack_base_url="http://127.0.0.1:9000/v1"), seed=7)
    assert plan.reproduce_command().endswith(
        "--base-url http://127.0.0.1:9000 --globalstack-base-url http://127.0.0.1:9000/v1"
    )


def test_the_plan_resolves_the_check_names_into_the_checks_that_judge_the_run() -> None:
    plan = RunPlan.resolve(SuiteOptions(checks=("paystack_envelope", "not_a_server_error")))
    assert [check.__name__ for check in plan.checks] == ["not_a_server_error", "paystack_envelope"]
    everything_but = RunPlan.resolve(SuiteOptions(exclude_checks=("paystack_envelope",)))
    assert "paystack_envelope" not in [check.__name__ for check in everything_but.checks]
    assert len(everything_but.checks) == len(RunPlan.resolve(SuiteOptions()).checks) - 1


@pytest.mark.parametrize(
    ("name", "value", "secret"),
    [
        ("Cookie", "sid=abcdefgh", True),
        ("X-Auth-Token", "short-but-named", True),
        ("X-Api-Key", "whatever1", True),
        ("X-Request-Source", "sk_test_" + "c3" * 10, True),  # a key's shape, whatever the name
        ("X-Opaque", "Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1", True),  # a long token
        ("X-Team", "payments team", False),
        ("Accept-Language", "en-NG", False),
    ],
)
def test_credential_like_extra_headers_join_the_secrets_that_are_redacted(name: str, value: str, secret: bool) -> None:
    plan = RunPlan.resolve(SuiteOptions(headers=((name, value),)))
    assert (value in plan.secrets) is secret
