"""The negative contract: what every consumer's error handling relies on.

no auth -> 401 with the documented body; a bad key -> 401 "Invalid key"; an invalid email, `metadata: null` or
a non-digit BVN -> 400; an unknown customer -> 404, and its identification is refused (400 or 404); an unknown
authorization -> 404; a wrong method -> 4xx, never 5xx. Messages are compared case-insensitively: Paystack's own
samples disagree on casing (ledger #41, #43).
"""

from __future__ import annotations

from typing import Any

from paystack_contracts.credentials import bearer
from paystack_contracts.run.plan import Profile
from paystack_contracts.run.scenarios.steps import Expect, Steps, dig
from paystack_contracts.run.scenarios.workflows import IDENTIFICATION

__all__ = ["BAD_KEY", "UNKNOWN_CODE", "UNKNOWN_ID", "negative_contract"]

BAD_KEY = "sk_test_notavalidkey-paystack-contracts"
"""Malformed on purpose (a hyphen), so no server, real or mock, can accept it."""

MISSING_AUTH_MESSAGE = "No Authorization header was found"
INVALID_KEY_MESSAGE = "Invalid key"
UNKNOWN_CODE = "CUS_doesnotexist00000"
UNKNOWN_ID = 999999999
_PROBE_PATHS = {"email_or_code": UNKNOWN_CODE, "code": UNKNOWN_CODE, "id": 1, "reference": "x"}


def negative_contract(steps: Steps) -> None:
    """The live profile sends the bad-key probe once instead of once per operation (it spends the budget)."""
    every_bad_key = steps.plan.profile is Profile.FULL
    for index, operation_id in enumerate(sorted(steps.operations)):
        _unauthenticated(steps, operation_id, bad_key=every_bad_key or index == 0)
    _invalid_input(steps)
    _unknown_resources(steps)
    _wrong_method(steps)


def _unauthenticated(steps: Steps, operation_id: str, *, bad_key: bool) -> None:
    operation = steps.operations[operation_id]
    path = {p.name: _PROBE_PATHS.get(p.name, "x") for p in operation.path_parameters}
    body: dict[str, Any] | None = {} if operation.body else None
    probes: list[tuple[dict[str, str], str, str]] = [({}, MISSING_AUTH_MESSAGE, "no_auth_body")]
    if bad_key:
        probes.append((bearer(BAD_KEY), INVALID_KEY_MESSAGE, "bad_key_body"))
    for headers, documented, rule in probes:
        answer = steps.call(operation_id, path=path, body=body, headers=headers)
        if steps.expect_status(answer, 401, rule="ignored_auth", location="Authorization") and not (
            operation_id.startswith("globalstack_")  # GlobalStack's 401 text is not documented
        ):
            message = str(dig(answer.body, "message") or "")
            agrees = message.lower() == documented.lower()
            steps.expect(answer, agrees, Expect(rule, "$.message", repr(documented), message))


def _invalid_input(steps: Steps) -> None:
    if steps.has("customer_create"):
        invalid = steps.call("customer_create", body={"email": "not-an-email"})
        steps.expect_status(invalid, 400, rule="invalid_email_rejected", location="request $.email")
        null_metadata = {"email": f"nullmeta-{steps.run_id}@example.com", "metadata": None}
        rejected = steps.call("customer_create", body=null_metadata)
        steps.expect_status(rejected, 400, rule="null_metadata_rejected", location="request $.metadata")
    code = steps.memory.get("customer_code")
    if code and steps.has("customer_validate"):
        answer = steps.call("customer_validate", path={"code": code}, body={**IDENTIFICATION, "bvn": "not-digits"})
        steps.expect_status(answer, 400, rule="invalid_bvn_rejected", location="request $.bvn")


def _unknown_resources(steps: Steps) -> None:
    if steps.has("customer_fetch"):
        steps.expect_status(steps.call("customer_fetch", path={"email_or_code": UNKNOWN_CODE}), 404)
    if steps.has("customer_validate"):  # 404 in the mock; a 400 refuses it just as well (reference §2.5)
        unknown = {"code": UNKNOWN_CODE}  # its shape is not in the baseline (contracts/baseline/), so not compared
        answer = steps.call("customer_validate", path=unknown, body=IDENTIFICATION, fingerprinted=False)
        refused = 400 <= answer.status_code < 500
        expected = Expect("unknown_identification_refused", "status", "HTTP 400 or 404", str(answer.status_code))
        steps.expect(answer, refused, expected)
    if steps.has("customer_verifyAuthorization"):
        steps.expect_status(steps.call("customer_verifyAuthorization", path={"reference": "doesnotexist0"}), 404)
    for operation_id in ("customer_deactivateAuthorization", "customer_deactivateAuthorizationLegacy"):
        if steps.has(operation_id):
            steps.expect_status(steps.call(operation_id, body={"authorization_code": "AUTH_doesnotexist"}), 404)


def _wrong_method(steps: Steps) -> None:
    """DELETE on the collection and PATCH on a customer: any 4xx, never a 5xx. Judged here, not by the
    contract's checks (which would call any answer to an undeclared method undocumented)."""
    probes: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("customer_list", "DELETE", {}),
        ("customer_fetch", "PATCH", {"email_or_code": UNKNOWN_CODE}),
    )
    for operation_id, method, path in probes:
        if steps.has(operation_id):
            answer = steps.call(operation_id, path=path, method=method, checked=False)
            expected = f"a 4xx for {method} (never a 5xx)"
            refused = 400 <= answer.status_code < 500
            steps.expect(answer, refused, Expect("wrong_method", "status", expected, answer.status_code))
