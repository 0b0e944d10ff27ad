"""Start-up customers (`--seed-customers N`): deterministic, bulk-inserted, one second apart, in the test domain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from paystack_contracts.mock.context import Sandbox

__all__ = ["customer_records", "seed_customers"]

_FIRST = ("Ada", "Chinedu", "Funke", "Ibrahim", "Kemi", "Musa", "Ngozi", "Tunde", "Yemi", "Zainab")
_LAST = ("Okafor", "Adeyemi", "Bello", "Eze", "Lawal", "Nwosu", "Ogunleye", "Suleiman")


def customer_records(
    sandbox: Sandbox, count: int, *, domain: str = "test", prefix: str = "customer"
) -> Iterator[dict[str, Any]]:
    """`count` customer rows ending now, oldest first, so ids and createdAt ascend together."""
    now = sandbox.now_ms()
    for index in range(1, count + 1):
        created = now - (count - index) * 1000
        email = f"{prefix}{index}@example.com"
        yield {
            "domain": domain,
            "customer_code": sandbox.ids.customer_code(),
            "email": email,
            "email_key": email,
            "first_name": _FIRST[index % len(_FIRST)],
            "last_name": _LAST[index % len(_LAST)],
            "phone": f"+23480{index % 100_000_000:08d}",
            "metadata": {"calling_code": "+234"},
            "risk_action": "default",
            "identified": 0,
            "identifications": [],
            "created_ms": created,
            "updated_ms": created,
        }


def seed_customers(sandbox: Sandbox, count: int) -> None:
    sandbox.store.insert_customers(customer_records(sandbox, count))
