"""The usage profile of a consumer, from its traffic: which operations it called, which request fields it sent
and which response fields came back to it (`drift.usage.UsageProfile`, written to the user's repository).

Fields are fingerprint paths (`drift.fingerprints.shape_of`): `data[].customer_code`. Query parameters are
request fields named `query.<name>`. Only exchanges that matched an operation of the contract count.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from paystack_contracts.drift.fingerprints import shape_of
from paystack_contracts.drift.usage import OperationUsage, UsageProfile
from paystack_contracts.proxy.request import parse_request
from paystack_contracts.proxy.traffic import Observed

__all__ = ["usage_of"]


def usage_of(exchanges: Iterable[tuple[str, Observed]], source: str = "recorded traffic") -> UsageProfile:
    """The profile of (operation label, exchange) pairs, as the inspector records them."""
    calls: dict[str, int] = defaultdict(int)
    sent: dict[str, set[str]] = defaultdict(set)
    received: dict[str, set[str]] = defaultdict(set)
    for operation, observed in exchanges:
        calls[operation] += 1
        parsed = parse_request(observed)
        sent[operation] |= {f"query.{name}" for name in parsed.query}
        if parsed.decoded and parsed.body is not None:
            sent[operation] |= set(shape_of(parsed.body))
        if 200 <= observed.status_code < 300:
            received[operation] |= set(shape_of(_json(observed.response_body)))
    return UsageProfile(
        {op: OperationUsage(calls[op], frozenset(sent[op]), frozenset(received[op])) for op in calls}, source
    )


def _json(body: bytes) -> object:
    try:
        return json.loads(body) if body else None
    except ValueError:
        return None  # not JSON: no fields to use
