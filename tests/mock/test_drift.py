"""Every drift profile is listed, well described, and changes behaviour the way it says.

Each probe runs the same requests against a clean sandbox and a drifted one and returns what it observed; the
two observations must differ. A profile without a probe fails the test, so new profiles cannot go untested.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from paystack_contracts.errors import ConfigError
from paystack_contracts.mock import DRIFT_PROFILES, MockSettings, create_app

from .test_customers import IDENTITY

Make = Callable[..., Any]


def _create(make: Make) -> Any:
    return make().post("/customer", json={"email": "ada@example.com", "first_name": "Ada"})


def _fetch(make: Make) -> dict[str, Any]:
    client = make()
    code = client.create()["customer_code"]
    return client.get(f"/customer/{code}").json()["data"]  # type: ignore[no-any-return]


def _list(make: Make, **params: Any) -> Any:
    client = make()
    for n in range(3):
        client.create(f"c{n}@example.com")
    return client.get("/customer", params=params)


def _validate(make: Make, **change: str) -> int:
    client = make()
    code = client.create()["customer_code"]
    return client.post(f"/customer/{code}/identification", json={**IDENTITY, **change}).status_code  # type: ignore[no-any-return]


def _after_update(make: Make) -> Any:
    client = make()
    code = client.create(first_name="Ada")["customer_code"]
    client.put(f"/customer/{code}", json={"first_name": "Bola"})
    return client.get(f"/customer/{code}").json()["data"]["first_name"]


def _after_partial_update(make: Make) -> Any:
    client = make()
    code = client.create(first_name="Ada", last_name="Lovelace")["customer_code"]
    client.put(f"/customer/{code}", json={"first_name": "Bola"})
    return client.get(f"/customer/{code}").json()["data"]["last_name"]


def _after_risk(make: Make) -> Any:
    client = make()
    code = client.create()["customer_code"]
    client.post("/customer/set_risk_action", json={"customer": code, "risk_action": "deny"})
    return client.get(f"/customer/{code}").json()["data"]["risk_action"]


def _after_deactivate(make: Make) -> Any:
    client = make()
    body = {"email": "ada@example.com", "channel": "direct_debit"}
    reference = client.post("/customer/authorization/initialize", json=body).json()["data"]["reference"]
    code = client.get(f"/customer/authorization/verify/{reference}").json()["data"]["authorization_code"]
    client.post("/customer/authorization/deactivate", json={"authorization_code": code})
    return client.get(f"/customer/authorization/verify/{reference}").json()["data"]["active"]


def _mandate_meta(make: Make) -> Any:
    client = make()
    customer = client.create()
    body = {
        "account": {"number": "0123456789", "bank_code": "058"},
        "address": {"street": "1", "city": "I", "state": "L"},
    }
    client.post(f"/customer/{customer['id']}/initialize-direct-debit", json=body)
    return sorted(client.get(f"/customer/{customer['id']}/directdebit-mandate-authorizations").json()["meta"])


def _reused_key(make: Make) -> int:
    client = make()
    body = {"type": "individual", "name": "A", "email": "a@example.com", "country_code": "NG"}
    client.post("/v1/customers", json=body, headers={"Idempotency-Key": "reused-key-1"})
    other = {**body, "email": "b@example.com"}
    return client.post("/v1/customers", json=other, headers={"Idempotency-Key": "reused-key-1"}).status_code  # type: ignore[no-any-return]


def _walk_cursors(make: Make) -> list[Any]:
    client, seen, query = make(), [], {"use_cursor": "true", "perPage": 2}
    for n in range(3):
        client.create(f"c{n}@example.com")
    for _ in range(3):
        answer = client.get("/customer", params=query).json()
        seen.append([item["customer_code"] for item in answer["data"]])
        if answer["meta"]["next"] is None:
            break
        query = {**query, "next": answer["meta"]["next"]}
    return seen


def _verified_owner(make: Make) -> Any:
    client = make()
    client.create("someone-else@example.com")
    body = {"email": "ada@example.com", "channel": "direct_debit"}
    reference = client.post("/customer/authorization/initialize", json=body).json()["data"]["reference"]
    return client.get(f"/customer/authorization/verify/{reference}").json()["data"]["customer"]["email"]


PROBES: dict[str, Callable[[Make], Any]] = {
    "status-as-string": lambda make: _create(make).json()["status"],
    "message-missing": lambda make: "message" in _create(make).json(),
    "create-returns-201": lambda make: _create(make).status_code,
    "validate-returns-200": lambda make: _validate(make),
    "snake-case-dates": lambda make: sorted(_list(make).json()["data"][0]),
    "naive-timestamps": lambda make: _fetch(make)["createdAt"][-1],
    "lowercase-code-prefix": lambda make: _create(make).json()["data"]["customer_code"][:4],
    "id-as-string": lambda make: type(_create(make).json()["data"]["id"]),
    "integration-as-string": lambda make: type(_fetch(make)["integration"]),
    "risk-action-missing": lambda make: "risk_action" in _fetch(make),
    "undocumented-field": lambda make: sorted(_fetch(make)),
    "wrong-total": lambda make: _list(make).json()["meta"]["total"],
    "per-page-ignored": lambda make: len(_list(make, perPage=1).json()["data"]),
    "mandate-meta-camel-case": _mandate_meta,
    "auth-not-required": lambda make: make(key=None).get("/customer").status_code,
    "wrong-401-body": lambda make: make(key=None).get("/customer").json(),
    "accepts-invalid-email": lambda make: make().post("/customer", json={"email": "not-an-email"}).status_code,
    "metadata-null-accepted": lambda make: (
        make().post("/customer", json={"email": "a@b.co", "metadata": None}).status_code
    ),
    "bvn-not-validated": lambda make: _validate(make, bvn="22222x222221"),
    "update-not-persisted": _after_update,
    "risk-action-not-persisted": _after_risk,
    "deactivated-still-active": _after_deactivate,
    "idempotency-ignored": _reused_key,
    "text-plain-json": lambda make: _create(make).headers["content-type"],
    "pages-overlap": lambda make: _list(make, perPage=2, page=2).json()["data"][0]["email"],
    "cursor-never-ends": _walk_cursors,
    "list-oldest-first": lambda make: [c["email"] for c in _list(make).json()["data"]],
    "identification-unknown-accepted": lambda make: (
        make().post("/customer/CUS_doesnotexist00000/identification", json=IDENTITY).status_code
    ),
    "update-clears-fields": lambda make: _after_partial_update(make),
    "verify-wrong-customer": _verified_owner,
    "json-as-html": lambda make: _create(make).headers["content-type"],
    "trailing-slash-404": lambda make: make().get("/customer/").status_code,
    "date-filter-500": lambda make: _list(make, **{"from": "2020-01-01"}).status_code,
}


@pytest.mark.parametrize("name", sorted(DRIFT_PROFILES))
def test_each_drift_profile_changes_behaviour(make_client, name):
    def clean(key: Any = ...) -> Any:
        return make_client(MockSettings(random_seed=3), **({} if key is ... else {"key": key}))

    def drifted(key: Any = ...) -> Any:
        return make_client(MockSettings(random_seed=3, drift=(name,)), **({} if key is ... else {"key": key}))

    probe = PROBES[name]
    assert probe(clean) != probe(drifted)


@pytest.mark.parametrize("profile", DRIFT_PROFILES.values(), ids=lambda p: p.name)
def test_each_drift_profile_is_named_and_described(profile):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)+", profile.name)
    assert profile.area
    assert profile.detected_by
    assert "\n" not in profile.description
    assert profile.severity == ("warning" if profile.area == "added-field" else "error")


def test_there_are_at_least_fifteen_profiles_across_the_required_areas():
    areas = {profile.area for profile in DRIFT_PROFILES.values()}
    assert len(DRIFT_PROFILES) >= 15
    required = {"envelope", "status-code", "field-names", "field-types", "pagination", "auth", "validation"}
    assert required | {"statefulness", "content-type", "server-error", "removed-field", "added-field"} <= areas


def test_an_unknown_profile_is_refused():
    with pytest.raises(ConfigError, match="unknown drift profile"):
        create_app(MockSettings(drift=("no-such-drift",)))
