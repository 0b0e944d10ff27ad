"""Check your own traffic: a validating proxy in front of the sandbox or the mock, recorded-traffic conformance
(HAR files and our own recordings), and the consumer usage profile that focuses the drift gates.

| module | concept |
|---|---|
| `traffic` | one observed exchange; the streaming HAR reader; our JSON Lines recording (redacted) |
| `matching` | method + path -> the contract's operation and its path parameters |
| `request` | the client's request against the operation's parameters, body and media types (`request.*`) |
| `inspection` | one exchange -> findings: request conformance plus the suite's judge, into one `RunResult` |
| `server` | the forwarding Starlette app, served on loopback |
| `usage` | the usage profile of recorded traffic |
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from paystack_contracts.drift.policy import Policy
from paystack_contracts.drift.usage import UsageProfile, scope_result
from paystack_contracts.proxy.inspection import Inspected, Inspector
from paystack_contracts.proxy.server import ProxyConfig, RunningProxy, create_proxy_app, running_proxy, serve_proxy
from paystack_contracts.proxy.traffic import Observed, read_traffic, write_entry
from paystack_contracts.proxy.usage import usage_of
from paystack_contracts.results import RunResult
from paystack_contracts.run.plan import is_loopback

__all__ = [
    "API_HOSTS",
    "Inspected",
    "Inspector",
    "Observed",
    "ProxyConfig",
    "RunningProxy",
    "check_traffic",
    "create_proxy_app",
    "finished",
    "is_api_host",
    "read_traffic",
    "running_proxy",
    "serve_proxy",
    "usage_of",
    "write_entry",
]


API_HOSTS = frozenset({"api.paystack.co", "api.paystack.com"})
"""Where the contracts' servers live (contracts/*.openapi.yaml `servers`); loopback hosts are mocks or our proxy."""


def check_traffic(paths: Iterable[Path]) -> Inspector:
    """Judge every exchange of HAR files and recordings, streamed, into one inspector. A browser's HAR holds
    requests to other hosts (fonts, analytics): those are counted in `inspector.skipped`, never judged."""
    paths = list(paths)
    inspector = Inspector.for_target("recorded traffic: " + ", ".join(p.name for p in paths))
    for path in paths:
        for observed in read_traffic(path):
            if is_api_host(observed.url):
                inspector.inspect(observed)
            else:
                inspector.skipped += 1
    return inspector


def is_api_host(url: str) -> bool:
    return urlsplit(url).hostname in API_HOSTS or is_loopback(url)


def finished(inspector: Inspector, usage: UsageProfile | None = None, policy: Policy | None = None) -> RunResult:
    """The result to report: a snapshot, with findings marked used/unused when a usage profile is given."""
    result = inspector.snapshot()
    result.requests_sent = sum(op.cases for op in result.operations.values())
    scope_result(result, usage, policy or Policy())
    return result
