"""pytest plugin (registered under pytest11): the contract tests' options, markers and fixtures.

It stays out of the way of everything else in a user's test run: its options are namespaced
(`--paystack-base-url`, `--paystack-secret-key`, `--paystack-globalstack-base-url`, `--paystack-globalstack-key`,
`--paystack-seed`, `--paystack-max-requests`, `--paystack-mask-pii`), and the contract tests are collected only
when asked, with `--paystack-contracts` (or `--pyargs paystack_contracts.contract_tests`).

`--base-url` is shared: when pytest-base-url is installed (pytest-playwright and pytest-selenium pull it in) its
option and `base_url` fixture are used; without it this plugin defines both, the same way. The target is
`--paystack-base-url`, else `--base-url` (or the `base_url` ini value), else PAYSTACK_BASE_URL, else the embedded
mock in-process. Tests marked `live` are deselected without a base URL. A live key or plain HTTP to a remote host
stops the session with exit code 2 before any test runs (so before any request).

Fixtures: `paystack_target_spec` (what was asked for), `paystack_suite_options` (a `SuiteOptions` to `replace`).
They are cheap and stateless, so they are safe under pytest-xdist: each worker builds its own embedded mock.

Loading it is cheap too: every pytest session of an environment with this package loads it, so it (and the proxy
and webhook fixtures' modules) imports the run, the mock, the proxy and Schemathesis only when a test uses them
(a session that does not: ~0.7 s faster, measured; `tests/test_pytest_plugin.py` holds it).
"""

from __future__ import annotations

import functools
import importlib.metadata
import importlib.util
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from paystack_contracts.credentials import redact
from paystack_contracts.errors import ContractsError
from paystack_contracts.pytest_proxy import paystack_proxy  # noqa: F401  (registers the fixture)
from paystack_contracts.pytest_webhooks import paystack_webhooks  # noqa: F401  (registers the fixture)
from paystack_contracts.run import DEFAULT_SEED, RunPlan, SuiteOptions, TargetSpec

__all__ = ["CONTRACT_TESTS", "paystack_suite_options", "paystack_target_spec"]

CONTRACT_TESTS = "paystack_contracts.contract_tests"
"""The module of shipped contract tests (one per operation, one for the state machine, one per scenario)."""

BASE_URL_PLUGIN = "base_url"  # pytest-base-url's pytest11 entry-point name

MARKERS = (
    "live: talks to a real Paystack sandbox (needs a test key); deselected unless a base URL is given",
    "paystack_contract: a paystack-contracts contract test (collected with --paystack-contracts)",
)

_TARGET_OPTIONS = (
    ("secret_key", "test secret key (default: PAYSTACK_SECRET_KEY); sk_live_ keys are refused"),
    ("globalstack_base_url", "GlobalStack base URL ending in /v1"),
    ("globalstack_key", "GlobalStack key (default: the secret key)"),
)


def _base_url_plugin_expected(pluginmanager: pytest.PytestPluginManager) -> bool:
    """Whether pytest-base-url defines `--base-url` in this session. Options are added while plugins register, in
    an order we do not control, so its registration alone cannot tell: its entry point, unblocked, with autoload
    on, means it will be there."""
    if pluginmanager.hasplugin(BASE_URL_PLUGIN):
        return True
    if pluginmanager.is_blocked(BASE_URL_PLUGIN) or os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD"):
        return False
    return any(ep.name == BASE_URL_PLUGIN for ep in importlib.metadata.entry_points(group="pytest11"))


def pytest_addoption(parser: pytest.Parser, pluginmanager: pytest.PytestPluginManager) -> None:
    group = parser.getgroup("paystack-contracts", "Paystack contract tests")
    group.addoption(
        "--paystack-contracts", action="store_true", help=f"collect the shipped contract tests ({CONTRACT_TESTS})"
    )
    group.addoption(
        "--paystack-base-url", help="target base URL (default: --base-url, PAYSTACK_BASE_URL, else the embedded mock)"
    )
    for dest, help_text in _TARGET_OPTIONS:
        group.addoption(f"--paystack-{dest.replace('_', '-')}", dest=f"paystack_{dest}", help=help_text)
    group.addoption(
        "--paystack-seed",
        type=int,
        default=DEFAULT_SEED,
        help=f"suite seed (default {DEFAULT_SEED}: a CI gate gives the same verdict twice; vary it to explore)",
    )
    group.addoption("--paystack-max-requests", type=int, help="request budget per test")
    group.addoption("--paystack-mask-pii", action="store_true", help="mask PII in recordings")
    if not _base_url_plugin_expected(pluginmanager):  # the same option pytest-base-url would add
        parser.addini("base_url", help="base url for the application under test.")
        parser.addoption("--base-url", metavar="url", default=os.getenv("PYTEST_BASE_URL"), help="base url.")


class _BaseUrlFixture:
    """pytest-base-url's `base_url` fixture, for sessions without it (registered in `pytest_configure`)."""

    @pytest.fixture(scope="session")
    def base_url(self, request: pytest.FixtureRequest) -> str | None:
        return _shared_base_url(request.config)


def _shared_base_url(config: pytest.Config) -> str | None:
    value = config.getoption("base_url", default=None) or config.getini("base_url")
    return str(value) if value else None


def _spec(config: pytest.Config) -> TargetSpec:
    given = {dest: config.getoption(f"paystack_{dest}") for dest, _ in _TARGET_OPTIONS}
    base_url = config.getoption("paystack_base_url") or _shared_base_url(config)
    return TargetSpec.from_environment(os.environ, base_url=base_url, **given)


@functools.cache
def contract_tests_path() -> Path:
    found = importlib.util.find_spec(CONTRACT_TESTS)
    assert found is not None, CONTRACT_TESTS
    assert found.origin is not None, CONTRACT_TESTS
    return Path(found.origin).resolve()


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if not config.pluginmanager.hasplugin(BASE_URL_PLUGIN):
        config.pluginmanager.register(_BaseUrlFixture(), "paystack_contracts_base_url")
    if config.getoption("paystack_contracts"):
        path = str(contract_tests_path())
        if path not in config.args:  # xdist workers configure again with the controller's args
            config.args.append(path)
    spec = _spec(config)
    if not (spec.base_url or config.getoption("paystack_secret_key")):
        return  # nothing user-supplied to vet: the embedded mock uses its own key
    try:
        RunPlan.resolve(SuiteOptions(target=spec))
    except ContractsError as exc:
        pytest.exit(f"paystack-contracts: {redact(str(exc))}", returncode=2)


def pytest_pycollect_makemodule(module_path: Path, parent: pytest.Collector) -> Any:
    """The contract tests' ids start with where they come from (`paystack_contracts/contract_tests.py::`),
    even when collected from site-packages, outside the rootdir (pytest would start them with a bare `::`)."""
    if module_path.resolve() != contract_tests_path():
        return None
    nodeid = CONTRACT_TESTS.replace(".", "/") + ".py"
    module = pytest.Module.from_parent(parent, path=module_path, nodeid=nodeid)
    module.add_marker("paystack_contract")
    return module


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
