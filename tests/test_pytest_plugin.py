"""The pytest plugin in a user's test run: beside pytest-base-url and pytest-xdist, quiet until asked, and the
contract tests against `paystack-contracts mock` over HTTP. Each test runs pytest in a fresh directory, as a user
project would, with the plugin loaded from its entry point."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.run.servers import CountingServer, counting_server

from paystack_contracts.mock import DEFAULT_TEST_KEY

LIVE_KEY = "sk_live_" + "f6" * 20

UNRELATED = """
import pytest

def test_something_of_the_users_own(base_url):
    assert not base_url  # pytest-base-url gives "" (its ini default), ours None

@pytest.mark.live
def test_needs_a_sandbox():
    raise AssertionError("deselected without a base URL")
"""


def pytest_in(directory: Path, *args: str, timeout: float = 180) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PAYSTACK_", "PYTEST_"))}
    command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly", *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, cwd=directory, check=False)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    return done


@pytest.fixture
def user_tests(tmp_path: Path) -> Path:
    (tmp_path / "test_mine.py").write_text(UNRELATED, "utf-8")
    (tmp_path / "pytest.ini").write_text("[pytest]\naddopts = --strict-markers --strict-config\n", "utf-8")
    return tmp_path


@pytest.fixture
def mock_process() -> Iterator[str]:
    """`paystack-contracts mock --port 0` as a user runs it; yields the base URL it prints."""
    command = [sys.executable, "-m", "paystack_contracts", "mock", "--port", "0", "--seed-customers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert match, line
        yield match.group(0)
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


@pytest.fixture
def counter() -> Iterator[CountingServer]:
    with counting_server() as server:
        yield server


def test_pytest_base_url_is_installed_beside_the_plugin() -> None:
    """The coexistence tests below mean something only with it present (it is in the `test` extra)."""
    import pytest_base_url  # noqa: F401


@pytest.mark.parametrize(
    "plugins",
    [[], ["-p", "no:base_url"], ["-n", "2"]],
    ids=["with pytest-base-url", "without pytest-base-url", "under xdist"],
)
def test_an_unrelated_test_run_passes_and_collects_no_contract_test(user_tests: Path, plugins: list[str]) -> None:
    done = pytest_in(user_tests, *plugins)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert re.search(r"\b1 passed\b", done.stdout), done.stdout[-500:]  # xdist does not count the deselected one


def test_the_plugin_defines_base_url_only_when_pytest_base_url_does_not(user_tests: Path) -> None:
    shared = pytest_in(user_tests, "--help").stdout
    own = pytest_in(user_tests, "-p", "no:base_url", "--help").stdout
    assert "--verify-base-url" in shared  # pytest-base-url's, so --base-url is its own too
    assert "--base-url" in own
    assert "--verify-base-url" not in own
    assert all(f"--paystack-{name}" in shared for name in ("base-url", "secret-key", "seed", "contracts"))


def test_the_contract_tests_pass_against_the_mock_served_over_http(user_tests: Path, mock_process: str) -> None:
    done = pytest_in(
        user_tests,
        "--paystack-contracts",
        "--base-url",
        mock_process,
        "--paystack-secret-key",
        DEFAULT_TEST_KEY,
        "--paystack-seed",
        "4",
        "-k",
        "test_scenario_holds and (lifecycle or negative)",
        "-v",
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert re.search(r"\b3 passed, 20 deselected\b", done.stdout), done.stdout[-500:]
    assert "paystack_contracts/contract_tests.py::test_scenario_holds[customer lifecycle] PASSED" in done.stdout


def test_a_live_key_stops_pytest_with_exit_2_before_any_test(user_tests: Path, counter: CountingServer) -> None:
    done = pytest_in(user_tests, "--paystack-base-url", counter.base_url, "--paystack-secret-key", LIVE_KEY)
    assert done.returncode == 2
    assert "live secret key" in done.stdout + done.stderr
    assert LIVE_KEY not in done.stdout + done.stderr
    assert counter.seen == []


_HEAVY = (
    "schemathesis",
    "hypothesis",
    "starlette",
    "httpx",
    "rich",
    "paystack_contracts.mock",
    "paystack_contracts.run.runner",
)
_IMPORTED = "import sys, {module}; print(' '.join(m for m in {heavy!r} if m in sys.modules))"


@pytest.mark.parametrize(
    "module",
    ["paystack_contracts.pytest_plugin", "paystack_contracts.pytest_proxy", "paystack_contracts.pytest_webhooks"],
)
def test_loading_the_plugin_imports_nothing_heavy_until_it_is_used(module: str) -> None:
    # Every pytest session of an environment with this package loads the plugin; the run, the mock, the proxy and
    # Schemathesis (about 1 s) are imported only by the fixtures and options that use them.
    code = _IMPORTED.format(module=module, heavy=_HEAVY)
    ran = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert ran.stdout.split() == []


def test_every_public_name_of_the_run_package_resolves() -> None:
    import paystack_contracts.run as run

    assert sorted(run.__all__) == sorted(run._WHERE)
    assert all(getattr(run, name) is not None for name in run.__all__)
