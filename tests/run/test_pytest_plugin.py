"""The pytest entry point: `pytest --base-url ...` against `paystack-contracts mock` over HTTP, and refusals."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator

import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY

LIVE_KEY = "sk_live_" + "f6" * 20
CONTRACT_TESTS = ["--pyargs", "paystack_contracts.contract_tests", "-p", "no:randomly", "-q"]


def pytest_run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAYSTACK_")}
    command = [sys.executable, "-m", "pytest", *CONTRACT_TESTS, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)


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


def test_the_contract_tests_pass_against_the_mock_served_over_http(mock_process: str) -> None:
    done = pytest_run(
        "--base-url",
        mock_process,
        "--secret-key",
        DEFAULT_TEST_KEY,
        "--seed",
        "4",
        "-k",
        "test_scenario_holds and (lifecycle or negative)",
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert re.search(r"\b3 passed, 18 deselected\b", done.stdout), done.stdout[-500:]


def test_a_live_key_stops_pytest_with_exit_2_before_any_test(counter) -> None:
    done = pytest_run("--base-url", counter.base_url, "--secret-key", LIVE_KEY)
    assert done.returncode == 2
    assert "live secret key" in done.stdout + done.stderr
    assert LIVE_KEY not in done.stdout + done.stderr
    assert counter.seen == []
