"""pytest plugin (registered under pytest11): the conformance suite's options and fixtures.

Options: --base-url, --secret-key (default PAYSTACK_SECRET_KEY), --globalstack-base-url, --globalstack-key,
--seed, --max-requests (per test), --mask-pii. Without --base-url (and PAYSTACK_BASE_URL) tests run against the
embedded mock in-process. Tests marked `live` are deselected unless a base URL is given. A live key or plain
HTTP to a remote host stops the session with exit code 2 before any test runs (so before any request).

Fixtures: `paystack_target_spec` (what was asked for), `paystack_suite_options` (a `SuiteOptions` to `replace`).
They are cheap and stateless, so they are safe under pytest-xdist: each worker builds its own embedded mock.
"""

from __future__ import annotations

import os
from dataclasses import replace

import pytest

from paystack_contracts.credentials import redact
from paystack_contracts.errors import ContractsError
from paystack_contracts.pytest_proxy import paystack_proxy  # noqa: F401  (registers the fixture)
from paystack_contracts.pytest_webhooks import paystack_webhooks  # noqa: F401  (registers the fixture)
from paystack_contracts.run import DEFAULT_SEED, RunPlan, SuiteOptions, TargetSpec

__all__ = ["paystack_suite_options", "paystack_target_spec"]

_OPTIONS = (
    ("--base-url", "base_url", "target base URL (default: PAYSTACK_BASE_URL, else the embedded mock)"),
    ("--secret-key", "secret_key", "test secret key (default: PAYSTACK_SECRET_KEY); sk_live_ keys are refused"),
    ("--globalstack-base-url", "globalstack_base_url", "GlobalStack base URL ending in /v1"),
    ("--globalstack-key", "globalstack_key", "GlobalStack key (default: the secret key)"),
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("paystack-contracts", "Paystack contract suite")
    for flag, dest, help_text in _OPTIONS:
        group.addoption(flag, dest=f"paystack_{dest}", default=None, help=help_text)
    group.addoption(
        "--seed",
        dest="paystack_seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"suite seed (default {DEFAULT_SEED}: a CI gate gives the same verdict twice; vary it to explore)",
    )
    group.addoption("--max-requests", dest="paystack_max_requests", type=int, default=None, help="budget per test")
    group.addoption("--mask-pii", dest="paystack_mask_pii", action="store_true", help="mask PII in recordings")


def _spec(config: pytest.Config) -> TargetSpec:
    given = {dest: config.getoption(f"paystack_{dest}") for _, dest, _ in _OPTIONS}
    return TargetSpec.from_environment(os.environ, **given)


def pytest_configure(config: pytest.Config) -> None:
    spec = _spec(config)
    if not (spec.base_url or config.getoption("paystack_secret_key")):
        return  # nothing user-supplied to vet: the embedded mock uses its own key
    try:
        RunPlan.resolve(SuiteOptions(target=spec))
    except ContractsError as exc:
        pytest.exit(f"paystack-contracts: {redact(str(exc))}", returncode=2)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _spec(config).base_url:
        return
    kept = [item for item in items if item.get_closest_marker("live") is None]
    deselected = [item for item in items if item.get_closest_marker("live") is not None]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture
def paystack_target_spec(request: pytest.FixtureRequest) -> TargetSpec:
    """The target this session points at (flags over environment); no base URL means the embedded mock."""
    return _spec(request.config)


@pytest.fixture
def paystack_suite_options(request: pytest.FixtureRequest, paystack_target_spec: TargetSpec) -> SuiteOptions:
    """Suite options from the command line; tests narrow them with `dataclasses.replace`."""
    config = request.config
    options = SuiteOptions(target=paystack_target_spec, max_examples=10)
    return replace(
        options,
        seed=config.getoption("paystack_seed"),
        max_requests=config.getoption("paystack_max_requests"),
        mask_pii=bool(config.getoption("paystack_mask_pii")),
    )
