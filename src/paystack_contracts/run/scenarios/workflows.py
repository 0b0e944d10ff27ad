"""Explicit stateful scenarios: what a consumer relies on across calls, which single-response checks cannot see.

- customer lifecycle: create -> fetch by code, by email and by id -> update -> fetch shows the update -> list
  contains it (also with a date filter; a one-item page is judged by the pagination check) -> risk action deny
  -> fetch shows deny -> identification 202;
- authorization: initialize -> verify -> deactivate -> verify shows inactive -> deactivate again 404, on the
  current and on the legacy path;
- direct debit: create -> initialize direct debit -> mandate authorizations list it -> activation charge;
- GlobalStack idempotency: same Idempotency-Key + same body replays; same key + another body is 409.
"""

from __future__ import annotations

from paystack_contracts.run.scenarios.steps import Expect, Steps, dig

__all__ = ["IDENTIFICATION", "authorization_lifecycle", "customer_lifecycle", "direct_debit", "globalstack_idempotency"]

IDENTIFICATION = {
    "country": "NG",
    "type": "bank_account",
    "account_number": "0111111111",
    "bvn": "222222222221",
    "bank_code": "007",
    "first_name": "Uchenna",
    "last_name": "Okoro",
}
_UPDATE = "PUT /customer/{email_or_code}"
_RISK = "POST /customer/set_risk_action"


def customer_lifecycle(steps: Steps) -> None:
    if not steps.has("customer_create", "customer_fetch", "customer_update", "customer_list"):
        return
    email = f"lifecycle-{steps.run_id}@example.com"
    created = steps.call("customer_create", body={"email": email, "first_name": "Ada", "last_name": "Lovelace"})
    if not steps.expect_status(created, 200):
        return
    code, ident = dig(created.body, "data", "customer_code"), dig(created.body, "data", "id")
    steps.memory |= {"customer_code": code, "customer_id": ident}
    for label, key in (("code", code), ("email", email), ("id", ident)):
        fetched = steps.call("customer_fetch", path={"email_or_code": key})
        if steps.expect_status(fetched, 200):
            seen = dig(fetched.body, "data", "customer_code")
            steps.expect(fetched, seen == code, Expect(f"fetch_by_{label}", "$.data.customer_code", f"{code}", seen))
    steps.expect_status(
        steps.call("customer_update", path={"email_or_code": code}, body={"first_name": "Augusta"}), 200
    )
    after = steps.call("customer_fetch", path={"email_or_code": code})
    name, kept = dig(after.body, "data", "first_name"), dig(after.body, "data", "last_name")
    steps.expect(after, name == "Augusta", Expect("update_visible", "$.data.first_name", '"Augusta"', name, _UPDATE))
    # a partial update: the docs send only first_name and the response keeps last_name (reference §2.4)
    steps.expect(
        after, kept == "Lovelace", Expect("update_keeps_fields", "$.data.last_name", '"Lovelace"', kept, _UPDATE)
    )
    _trailing_slashes(steps, code)
    _listing(steps, code, str(dig(created.body, "data", "createdAt") or "2020-01-01"))
    _risk_and_identify(steps, code)


def _trailing_slashes(steps: Steps, code: str) -> None:
    """`/customer/` and `/customer/{code}/` answer as without the slash (reference §1: PYP2's live tests call them
    and get 200)."""
    for operation_id, path in (("customer_fetch", {"email_or_code": code}), ("customer_list", {})):
        answer = steps.call(operation_id, path=path, query={"perPage": 1}, trailing_slash=True, fingerprinted=False)
        expected = f"HTTP 200 with a trailing slash, as {answer.operation} answers without it"
        steps.expect(
            answer, answer.status_code == 200, Expect("trailing_slash", "status", expected, answer.status_code)
        )


def _listing(steps: Steps, code: str, created_at: str) -> None:
    for query, rule in (({"perPage": 50, "page": 1}, "list_contains"), ({"from": created_at[:10]}, "date_filter")):
        listed = steps.call("customer_list", query=query)
        if steps.expect_status(listed, 200):
            codes = [dig(item, "customer_code") for item in dig(listed.body, "data") or []]
            steps.expect(listed, code in codes, Expect(rule, "$.data[*].customer_code", f"{code} listed", codes[:5]))
    small = steps.call("customer_list", query={"perPage": 1, "page": 2})  # the pagination check judges its meta
    items, per_page = dig(small.body, "data"), dig(small.body, "meta", "perPage")
    if steps.expect_status(small, 200) and isinstance(items, list):
        honoured = len(items) <= 1 and str(per_page) == "1"
        seen = f"perPage {per_page}, {len(items)} items"
        steps.expect(
            small, honoured, Expect("per_page_honoured", "$.meta.perPage", "perPage 1 and at most 1 item", seen)
        )


def _risk_and_identify(steps: Steps, code: str) -> None:
    if steps.has("customer_riskAction"):
        denied = steps.call("customer_riskAction", body={"customer": code, "risk_action": "deny"})
        if denied.status_code != 403:  # 403: this integration may not set risk levels (documented, reference §2.6)
            steps.expect_status(denied, 200)
            after = steps.call("customer_fetch", path={"email_or_code": code})
            risk = dig(after.body, "data", "risk_action")
            expected = Expect("risk_action_visible", "$.data.risk_action", '"deny"', risk, after=_RISK)
            steps.expect(after, risk == "deny", expected)
    if steps.has("customer_validate"):
        steps.expect_status(steps.call("customer_validate", path={"code": code}, body=IDENTIFICATION), 202)


def authorization_lifecycle(steps: Steps) -> None:
    for deactivate in ("customer_deactivateAuthorization", "customer_deactivateAuthorizationLegacy"):
        if steps.has("customer_initializeAuthorization", "customer_verifyAuthorization", deactivate):
            _authorization_round(steps, deactivate)


def _authorization_round(steps: Steps, deactivate: str) -> None:
    email = f"mandate-{steps.run_id}@example.com"
    started = steps.call("customer_initializeAuthorization", body={"email": email, "channel": "direct_debit"})
    reference = dig(started.body, "data", "reference")
    if not steps.expect_status(started, 200) or not isinstance(reference, str):
        return
    verified = steps.call("customer_verifyAuthorization", path={"reference": reference})
    auth_code = dig(verified.body, "data", "authorization_code")
    if not steps.expect_status(verified, 200) or not isinstance(auth_code, str):
        return
    owner = dig(verified.body, "data", "customer", "email")
    mine = isinstance(owner, str) and owner.lower() == email.lower()
    steps.expect(verified, mine, Expect("verify_customer", "$.data.customer.email", email, owner, started.operation))
    first = steps.call(deactivate, body={"authorization_code": auth_code})
    steps.expect_status(first, 200)
    gone = steps.call("customer_verifyAuthorization", path={"reference": reference})
    active = dig(gone.body, "data", "active")
    steps.expect(
        gone, active is not True, Expect("deactivated", "$.data.active", "false", active, after=first.operation)
    )
    again = steps.call(deactivate, body={"authorization_code": auth_code})
    # 404 in the mock (the code is no longer active); the docs only show 404 for an unknown code (reference
    # §2.12), so a 400 refusing it passes too: what a consumer relies on is that it is refused, never a 2xx/5xx
    refused = again.status_code in (400, 404)
    steps.expect(again, refused, Expect("deactivate_twice", "status", "HTTP 400 or 404", str(again.status_code)))


def direct_debit(steps: Steps) -> None:
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
    charge = "customer_directDebitActivationCharge"
    if steps.expect_status(mandates, 200) and authorization_id is not None and steps.has(charge):
        body = {"authorization_id": authorization_id}
        steps.expect_status(steps.call(charge, path={"id": ident}, body=body), 200)


def globalstack_idempotency(steps: Steps) -> None:
    if not steps.has("globalstack_createCustomer"):
        return
    headers = {**steps.auth_for("globalstack_"), "Idempotency-Key": f"pc-{steps.run_id}-idem"}
    body = {
        "type": "individual",
        "name": "Idem Potent",
        "email": f"idem-{steps.run_id}@example.com",
        "country_code": "NG",
    }
    first = steps.call("globalstack_createCustomer", body=body, headers=headers)
    if not steps.expect_status(first, 200, 201):
        return
    replay = steps.call("globalstack_createCustomer", body=body, headers=headers)
    ids = dig(first.body, "data", "id"), dig(replay.body, "data", "id")
    steps.expect(replay, ids[0] == ids[1], Expect("idempotent_replay", "$.data.id", f"{ids[0]} (replayed)", ids[1]))
    other = steps.call("globalstack_createCustomer", body={**body, "name": "Someone Else"}, headers=headers)
    code = dig(other.body, "code")
    conflict = other.status_code == 409 and code == "idempotency_conflict"
    steps.expect(other, conflict, Expect("idempotency_conflict", "$.code", "HTTP 409 idempotency_conflict", f"{code}"))
