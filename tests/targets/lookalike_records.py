"""The look-alike's data: customers, authorizations and mandates in memory, and the shapes it answers.

Written from the reference note (paystack-behaviour.md) and Paystack's official OpenAPI description, not from
our mock. Where the note leaves a question open (§5), this target takes the other plausible side from the mock.
"""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

INTEGRATION = 100200  # any integer: the shapes, not the value, are the contract
_LOWER = string.ascii_lowercase + string.digits


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def whole_seconds(stamp: str) -> str:
    """Reads show whole seconds (compare the SNIP create and update samples of customer 1173)."""
    return stamp[:19] + ".000Z"


def code(prefix: str, length: int, alphabet: str = _LOWER) -> str:
    return prefix + "".join(secrets.choice(alphabet) for _ in range(length))


@dataclass
class Customer:
    id: int
    email: str
    domain: str
    customer_code: str
    created: str
    updated: str
    given: dict[str, Any] = field(default_factory=dict)  # first_name, last_name, phone, metadata as sent
    risk_action: str = "default"
    authorizations: list[dict[str, Any]] = field(default_factory=list)

    def core(self) -> dict[str, Any]:
        """The list-item shape (SNIP list): nullable fields null until set."""
        return {
            "integration": INTEGRATION,
            "first_name": self.given.get("first_name"),
            "last_name": self.given.get("last_name"),
            "email": self.email,
            "phone": self.given.get("phone"),
            "metadata": self.given.get("metadata"),
            "domain": self.domain,
            "customer_code": self.customer_code,
            "risk_action": self.risk_action,
            "id": self.id,
            "createdAt": whole_seconds(self.created),
            "updatedAt": whole_seconds(self.updated),
        }

    def created_body(self) -> dict[str, Any]:
        """The docs' create sample: 9 fields after an email-only create (SNIP create, ledger #31), plus what was
        sent (PYP2 2023: the response is a superset of the fields sent [LIVE]). `identifications` null (SNIP)."""
        return {
            "email": self.email,
            "integration": INTEGRATION,
            "domain": self.domain,
            **self.given,
            "customer_code": self.customer_code,
            "id": self.id,
            "identified": False,
            "identifications": None,
            "createdAt": self.created,
            "updatedAt": self.updated,
        }

    def fetched(self) -> dict[str, Any]:
        """SNIP fetch: core + snake_case dates + totals; `dedicated_accounts` as OAS requires it (§5.10)."""
        core = self.core()
        return {
            "transactions": [],
            "subscriptions": [],
            "authorizations": self.authorizations,
            **core,
            "created_at": core["createdAt"],
            "updated_at": core["updatedAt"],
            "total_transactions": 0,
            "total_transaction_value": [],
            "dedicated_account": None,
            "dedicated_accounts": [],
            "identified": False,
            "identifications": None,
        }

    def updated_body(self) -> dict[str, Any]:
        """An update answer without `risk_action` (a real body issue 10 cites) and without the nested arrays
        (OAS CustomerUpdateResponse)."""
        body = {**self.core(), "identified": False, "identifications": None}
        del body["risk_action"]
        return body

    def risk_body(self) -> dict[str, Any]:
        """SNIP set_risk_action sample: no nested arrays (ledger #34)."""
        return {**self.core(), "identified": False, "identifications": None}


@dataclass
class Authorization:
    reference: str
    access_code: str
    email: str
    authorization_code: str = field(default_factory=lambda: code("AUTH_", 10, string.ascii_letters + string.digits))
    active: bool = True
    card: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """How it shows in the customer's fetch: `reusable` as 0/1, as live-recorded records from public
        integrations have it (issue 10); the docs samples say true/false."""
        self.card |= {"authorization_code": self.authorization_code, "channel": "direct_debit", "bank": "Zenith Bank"}
        self.card |= {"reusable": 1, "signature": None, "account_name": None}


@dataclass
class Mandate:
    customer: Customer
    id: int
    authorization_id: int
    account_number: str
    bank_code: str
    authorization_code: str = field(default_factory=lambda: code("AUTH_", 10, string.ascii_letters + string.digits))

    def body(self) -> dict[str, Any]:
        """OAS CustomerFetchMandateAuthorizationsResponseData; `bank_name` null (nullable in OAS, null in SNIP)."""
        return {
            "id": self.id,
            "status": "pending",
            "mandate_id": self.id + 7,
            "authorization_id": self.authorization_id,
            "authorization_code": self.authorization_code,
            "integration_id": INTEGRATION,
            "account_number": self.account_number,
            "bank_code": self.bank_code,
            "bank_name": None,
            "customer": {
                "id": self.customer.id,
                "customer_code": self.customer.customer_code,
                "email": self.customer.email,
                "first_name": self.customer.given.get("first_name"),
                "last_name": self.customer.given.get("last_name"),
            },
            "authorized_at": self.customer.updated,
        }


@dataclass
class Records:
    customers: list[Customer] = field(default_factory=list)
    authorizations: dict[str, Authorization] = field(default_factory=dict)
    mandates: list[Mandate] = field(default_factory=list)
    next_id: int = 41_000_000

    def new_id(self) -> int:
        self.next_id += secrets.randbelow(5) + 1
        return self.next_id

    def create(self, email: str, domain: str, given: dict[str, Any]) -> Customer:
        """A duplicate email creates another record (RS re-creates test@email.com on every live run, §5.1)."""
        stamp = now()
        customer = Customer(self.new_id(), email, domain, code("CUS_", 15), stamp, stamp, given)
        self.customers.append(customer)
        return customer

    def find(self, key: str, domain: str) -> Customer | None:
        """By email, code or numeric id (§1 identifiers); the newest record for a duplicated email."""
        for customer in reversed(self.customers):
            if customer.domain == domain and key in (customer.email, customer.customer_code, str(customer.id)):
                return customer
        return None

    def by_id(self, raw: str, domain: str) -> Customer | None:
        """Direct-debit paths take the numeric id only: anything else is not found (OAS: integer id)."""
        return self.find(raw, domain) if raw.isdigit() else None

    def listed(self, domain: str, since: str | None, until: str | None) -> list[Customer]:
        found = [c for c in self.customers if c.domain == domain]
        found = [c for c in found if (since is None or c.created >= since) and (until is None or c.created <= until)]
        return sorted(found, key=lambda c: c.id, reverse=True)  # newest first (SNIP list)
