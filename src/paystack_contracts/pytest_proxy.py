"""pytest: `paystack_proxy`, the validating proxy in front of the mock or your sandbox for a whole session.

    def test_my_checkout_creates_a_customer(paystack_proxy):
        client = MyPaystackClient(base_url=paystack_proxy.url, key=...)
        client.create_customer("ada@example.com")

The upstream is `--paystack-base-url` / `--base-url` / PAYSTACK_BASE_URL (your sandbox: your SDK sends its test
key, a live key is refused before forwarding) or, without one, an embedded mock on a loopback port. Every exchange
your tests make through it is judged against the contract; when the session ends, contract violations fail it (exit
1) and are listed in the pytest report under "paystack-contracts proxy", each with its rule, where and a replay
line.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from paystack_contracts.credentials import redact

if TYPE_CHECKING:
    from paystack_contracts.findings import Finding
    from paystack_contracts.proxy import RunningProxy

__all__ = ["ProxyVerdict", "paystack_proxy"]


@dataclass
class ProxyVerdict:
    """Registered as a plugin while the fixture lives: turns the proxy's findings into the session's outcome."""

    failures: list[Finding] = field(default_factory=list)
    checked: int = 0

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if self.failures and session.exitstatus == pytest.ExitCode.OK:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: pytest.TerminalReporter) -> None:
        terminalreporter.section("paystack-contracts proxy")
        if not self.checked and not self.failures:
            terminalreporter.line("nothing checked: no request went through the proxy (is your SDK pointed at it?)")
            return
        verdict = f"{len(self.failures)} contract violation(s)" if self.failures else "no contract violations"
        terminalreporter.line(f"{self.checked} exchange(s) checked: {verdict}")
        for finding in self.failures:
            terminalreporter.line(redact(f"FAIL {finding.rule} {finding.where}: {finding.message}"))
            if finding.replay:
                terminalreporter.line(redact(f"     replay: {finding.replay}"))


@pytest.fixture(scope="session")
def paystack_proxy(request: pytest.FixtureRequest) -> Iterator[RunningProxy]:
    """A running proxy (`.url` for your SDK's base URL); its findings decide the session at the end."""
    from paystack_contracts.proxy import Inspector, ProxyConfig, finished, running_proxy  # on use: see the plugin

    verdict = ProxyVerdict()
    request.config.pluginmanager.register(verdict, "paystack-contracts-proxy-verdict")
    base_url = _upstream(request.config)
    with contextlib.ExitStack() as stack:
        if not base_url:
            from paystack_contracts.mock import create_app, serve_in_thread

            base_url = stack.enter_context(serve_in_thread(create_app()))
        config = ProxyConfig.vetted(base_url)
        inspector = Inspector.for_target(f"proxy to {config.upstream}")
        with running_proxy(config, inspector) as running:
            yield running
        result = finished(inspector)
        verdict.failures, verdict.checked = result.failures, result.cases


def _upstream(config: pytest.Config) -> str | None:
    """The plugin's own reading of the target: --paystack-base-url, --base-url (or the ini), PAYSTACK_BASE_URL."""
    given = config.getoption("paystack_base_url", None) or config.getoption("base_url", None)
    given = given or config.getini("base_url")
    return str(given) if given else os.environ.get("PAYSTACK_BASE_URL")
