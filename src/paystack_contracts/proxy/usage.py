"""The usage profile of a consumer, from its traffic: which operations it called, which request fields it sent
and which response fields came back to it (`drift.usage.UsageProfile`, written to the user's repository).

Fields are fingerprint paths (`drift.fingerprints.shape_of`): `data[].customer_code`. Query parameters are
request fields named `query.<name>`. Only exchanges that matched an operation of the contract count. The
collector folds each exchange in as it is judged, so a long proxy session holds field names, not bodies.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from paystack_contracts.drift.fingerprints import shape_of
from paystack_contracts.drift.usage import OperationUsage, UsageProfile
from paystack_contracts.proxy.request import parse_request
from paystack_contracts.proxy.traffic import Observed

__all__ = ["UsageCollector", "usage_of"]


@dataclass
class UsageCollector:
    calls: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    sent: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    received: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, operation: str, observed: Observed) -> None:
        self.calls[operation] += 1
        parsed = parse_request(observed)
        self.sent[operation] |= {f"query.{name}" for name in parsed.query}
        if parsed.decoded and parsed.body is not None:
            self.sent[operation] |= set(shape_of(parsed.body))
        if 200 <= observed.status_code < 300:
            self.received[operation] |= set(shape_of(_json(observed.response_body)))

    def profile(self, source: str = "recorded traffic") -> UsageProfile:
        operations = {
            op: OperationUsage(count, frozenset(self.sent[op]), frozenset(self.received[op]))
            for op, count in self.calls.items()
        }
        return UsageProfile(operations, source)


def usage_of(exchanges: Iterable[tuple[str, Observed]], source: str = "recorded traffic") -> UsageProfile:
    """The profile of (operation label, exchange) pairs."""
    collector = UsageCollector()
    for operation, observed in exchanges:
        collector.add(operation, observed)
    return collector.profile(source)


def _json(body: bytes) -> object:
    try:
        return json.loads(body) if body else None
    except (ValueError, RecursionError):
        return None  # not JSON: no fields to use
