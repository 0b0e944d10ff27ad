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

from paystack_contracts.drift.policy import Policy
from paystack_contracts.drift.usage import UsageProfile, scope_result
from paystack_contracts.proxy.inspection import Inspected, Inspector
from paystack_contracts.proxy.server import ProxyConfig, RunningProxy, create_proxy_app, running_proxy, serve_proxy
from paystack_contracts.proxy.traffic import Observed, read_traffic, write_entry
from paystack_contracts.proxy.usage import usage_of
from paystack_contracts.results import RunResult

__all__ = [
    "Inspected",
    "Inspector",
    "Observed",
    "ProxyConfig",
    "RunningProxy",
    "check_traffic",
    "create_proxy_app",
    "finished",
    "read_traffic",
    "running_proxy",
    "serve_proxy",
    "usage_of",
    "write_entry",
]


def check_traffic(paths: Iterable[Path]) -> Inspector:
    """Judge every exchange of HAR files and recordings, streamed, into one inspector."""
    paths = list(paths)
    inspector = Inspector.for_target("recorded traffic: " + ", ".join(p.name for p in paths))
    for path in paths:
        for observed in read_traffic(path):
            inspector.inspect(observed)
    return inspector


def finished(inspector: Inspector, usage: UsageProfile | None = None, policy: Policy | None = None) -> RunResult:
    """The result to report: a snapshot, with findings marked used/unused when a usage profile is given."""
    result = inspector.snapshot()
    result.requests_sent = sum(op.cases for op in result.operations.values())
    scope_result(result, usage, policy or Policy())
    return result
