"""Explicit stateful scenarios: what a consumer relies on across calls, which single-response checks cannot see.

- customer lifecycle: create -> fetch by code, by email and by id -> update -> fetch shows the update -> list
  contains it -> risk action deny -> fetch shows deny -> identification 202;
- authorization: initialize -> verify -> deactivate -> deactivate again 404, on the current and the legacy path;
- GlobalStack idempotency: same Idempotency-Key + same body replays; same key + another body is 409.
"""

from __future__ import annotations

from paystack_contracts.suite.scenario import Scenario, Steps, dig

__all__ = ["SCENARIOS", "authorization_lifecycle", "customer_lifecycle", "globalstack_idempotency"]

_IDENTIFICATION = {
    "country": "NG",
    "type": "bank_account",
    "account_number": "0111111111",
    "bvn": "222222222221",
    "bank_code": "007",
    "first_name": "Uchenna",
    "last_name": "Okoro",
}


def customer_lifecycle(steps: Steps) -> None:
    run_id = steps.run_id
    if not steps.has("customer_create", "customer_fetch", "customer_update", "customer_list"):
        return
    email = f"lifecycle-{run_id}@example.com"
    created = steps.call("customer_create", body={"email": email, "first_name": "Ada", "last_name": "Lovelace"})
    if not steps.expect_status(created, 200):
        return
    code, ident = dig(created.body, "data", "customer_code"), dig(created.body, "data", "id")
    steps.memory |= {"customer_code": code, "customer_id": ident}
    for label, key in (("code", code), ("email", email), ("id", ident)):
        fetched = steps.call("customer_fetch", path={"email_or_code": key})
        if steps.expect_status(fetched, 200):
            steps.expect(
                fetched,
                dig(fetched.body, "data", "customer_code") == code,
                f"fetch_by_{label}",
                "$.data.customer_code",
                f"{code} (the created customer)",
                dig(fetched.body, "data", "customer_code"),
            )
    updated = steps.call("customer_update", path={"email_or_code": code}, body={"first_name": "Augusta"})
    steps.expect_status(updated, 200)
    after = steps.call("customer_fetch", path={"email_or_code": code})
    steps.expect(
        after,
        dig(after.body, "data", "first_name") == "Augusta",
        "update_visible",
        "$.data.first_name",
        '"Augusta" (sent by the update)',
        dig(after.body, "data", "first_name"),
    )
    listed = steps.call("customer_list", query={"perPage": 50, "page": 1})
    codes = [dig(item, "customer_code") for item in dig(listed.body, "data") or []]
    steps.expect(
        listed, code in codes, "list_contains", "$.data[*].customer_code", f"{code} on the first page", codes[:5]
    )
    _risk_and_identify(steps, code)


def _risk_and_identify(steps: Steps, code: str) -> None:
    if steps.has("customer_riskAction"):
        denied = steps.call("customer_riskAction", body={"customer": code, "risk_action": "deny"})
        if denied.status_code != 403:  # 403: this integration may not set risk levels (documented, reference §2.6)
            steps.expect_status(denied, 200)
            after = steps.call("customer_fetch", path={"email_or_code": code})
            steps.expect(
                after,
                dig(after.body, "data", "risk_action") == "deny",
                "risk_action_visible",
                "$.data.risk_action",
                '"deny"',
                dig(after.body, "data", "risk_action"),
            )
    if steps.has("customer_validate"):
        steps.expect_status(steps.call("customer_validate", path={"code": code}, body=_IDENTIFICATION), 202)


def authorization_lifecycle(steps: Steps) -> None:
    run_id = steps.run_id
    needed = ("customer_initializeAuthorization", "customer_verifyAuthorization")
    for deactivate in ("customer_deactivateAuthorization", "customer_deactivateAuthorizationLegacy"):
        if not steps.has(*needed, deactivate):
            continue
        email = f"mandate-{run_id}@example.com"
        started = steps.call(needed[0], body={"email": email, "channel": "direct_debit"})
        reference = dig(started.body, "data", "reference")
        if not steps.expect_status(started, 200) or not isinstance(reference, str):
            continue
        verified = steps.call(needed[1], path={"reference": reference})
        auth_code = dig(verified.body, "data", "authorization_code")
        if not steps.expect_status(verified, 200) or not isinstance(auth_code, str):
            continue
        first = steps.call(deactivate, body={"authorization_code": auth_code})
        steps.expect_status(first, 200)
        again = steps.call(deactivate, body={"authorization_code": auth_code})
        steps.expect(
            again,
            again.status_code == 404,
            "deactivate_twice",
            "status",
            "404 (the authorization is already deactivated)",
            str(again.status_code),
        )


def globalstack_idempotency(steps: Steps) -> None:
    run_id = steps.run_id
    if not steps.has("globalstack_createCustomer"):
        return
    key = {"Idempotency-Key": f"pc-{run_id}"[:255]}
    body = {"type": "individual", "name": "Idem Potent", "email": f"idem-{run_id}@example.com", "country_code": "NG"}
    first = steps.call("globalstack_createCustomer", body=body, headers={**steps.auth_for("globalstack_"), **key})
    if not steps.expect_status(first, 200, 201):
        return
    replay = steps.call("globalstack_createCustomer", body=body, headers={**steps.auth_for("globalstack_"), **key})
    steps.expect(
        replay,
        dig(replay.body, "data", "id") == dig(first.body, "data", "id"),
        "idempotent_replay",
        "$.data.id",
        f"{dig(first.body, 'data', 'id')} (replayed)",
        dig(replay.body, "data", "id"),
    )
    other = steps.call(
        "globalstack_createCustomer",
        body={**body, "name": "Someone Else"},
        headers={**steps.auth_for("globalstack_"), **key},
    )
    steps.expect(
        other,
        other.status_code == 409 and dig(other.body, "code") == "idempotency_conflict",
        "idempotency_conflict",
        "$.code",
        "409 idempotency_conflict",
        f"{other.status_code} {dig(other.body, 'code')}",
    )


SCENARIOS: dict[str, Scenario] = {
    "customer lifecycle": customer_lifecycle,
    "authorization lifecycle": authorization_lifecycle,
    "globalstack idempotency": globalstack_idempotency,
}


def direct_debit(steps: Steps) -> None:
    """create -> initialize direct debit -> mandate authorizations lists it -> activation charge on it."""
    needed = ("customer_create", "customer_initializeDirectDebit", "customer_fetchMandateAuthorizations")
    if not steps.has(*needed):
        return
    created = steps.call("customer_create", body={"email": f"debit-{steps.run_id}@example.com"})
    ident = dig(created.body, "data", "id")
    if not steps.expect_status(created, 200) or ident is None:
        return
    account = {"number": "0123456789", "bank_code": "058"}
    address = {"street": "1 Marina", "city": "Lagos", "state": "Lagos"}
    started = steps.call(needed[1], path={"id": ident}, body={"account": account, "address": address})
    steps.expect_status(started, 200)
    mandates = steps.call(needed[2], path={"id": ident})
    authorization_id = dig(mandates.body, "data", 0, "authorization_id")
    if not steps.expect_status(mandates, 200) or authorization_id is None:
        return
    if steps.has("customer_directDebitActivationCharge"):
        charged = steps.call(
            "customer_directDebitActivationCharge", path={"id": ident}, body={"authorization_id": authorization_id}
        )
        steps.expect_status(charged, 200)


SCENARIOS["direct debit"] = direct_debit
