"""The `paystack_proxy` fixture, run the way a user runs it: pytest on their own integration tests (a subprocess,
so the plugin loads from its entry point)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

INTEGRATION_TESTS = """
from pypaystack2.sub_clients import CustomerClient

from paystack_contracts.mock import DEFAULT_TEST_KEY


def client(paystack_proxy):
    sdk = CustomerClient(secret_key=DEFAULT_TEST_KEY)
    sdk._BASE_URL = paystack_proxy.url  # pypaystack2 has no base-URL option
    return sdk


def test_signup_creates_a_customer(paystack_proxy):
    assert client(paystack_proxy).create(email="ada@example.com", metadata=METADATA).status_code in (200, 400)


def test_the_account_page_lists_customers(paystack_proxy):
    assert client(paystack_proxy).get_customers().status_code == 200
"""


def session(tmp_path: Path, metadata: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "test_integration.py").write_text(f"METADATA = {metadata}\n" + INTEGRATION_TESTS)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAYSTACK_")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip


def test_a_session_whose_traffic_conforms_passes_and_says_what_was_checked(tmp_path: Path) -> None:
    run = session(tmp_path, '{"plan": "gold"}')
    assert run.returncode == 0, run.stdout + run.stderr
    assert "paystack-contracts proxy" in run.stdout
    assert "2 exchange(s) checked: no contract violations" in run.stdout


def test_contract_violations_fail_the_session_with_the_findings_in_the_report(tmp_path: Path) -> None:
    run = session(tmp_path, '["gold"]')  # metadata must be an object
    assert run.returncode == 1, run.stdout + run.stderr
    assert "2 passed" in run.stdout  # the user's tests passed; the contract did not
    assert "FAIL request.body POST /customer $.metadata" in run.stdout
    assert "replay: curl" in run.stdout


def test_a_session_that_sent_nothing_through_the_proxy_never_says_it_conformed(tmp_path: Path) -> None:
    (tmp_path / "test_idle.py").write_text("def test_idle(paystack_proxy):\n    assert paystack_proxy.url\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAYSTACK_")}
    run = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert "nothing checked: no request went through the proxy" in run.stdout
    assert "no contract violations" not in run.stdout
