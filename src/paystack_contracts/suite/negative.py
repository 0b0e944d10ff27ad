"""The negative contract: what every consumer's error handling relies on.

no auth -> 401 with the documented body; a bad key -> 401 "Invalid key"; an invalid email or `metadata: null`
-> 400; an unknown customer -> 404; an unknown authorization -> 404; a wrong method -> 4xx, never 5xx.
Messages are compared case-insensitively: Paystack's own samples disagree on casing (ledger #41, #43).
"""

from __future__ import annotations

from typing import Any

from paystack_contracts.suite.scenario import Steps, dig

__all__ = ["BAD_KEY", "negative_contract"]

BAD_KEY = "sk_test_notavalidkey-paystack-contracts"
"""Malformed on purpose (a hyphen), so no server, real or mock, can accept it."""

MISSING_AUTH_MESSAGE = "No Authorization header was found"
INVALID_KEY_MESSAGE = "Invalid key"
_PROBE_PATHS = {"email_or_code": "CUS_doesnotexist00000", "code": "CUS_doesnotexist00000", "id": 1, "reference": "x"}


def negative_contract(steps: Steps, *, every_bad_key: bool = True) -> None:
    """`every_bad_key=False` (the live profile) sends the bad-key probe once instead of once per operation."""
    for index, operation_id in enumerate(sorted(steps.operations)):
        _unauthenticated(steps, operation_id, bad_key=every_bad_key or index == 0)
    _invalid_input(steps)
    _unknown_resources(steps)
    _wrong_method(steps)


def _unauthenticated(steps: Steps, operation_id: str, *, bad_key: bool) -> None:
    operation = steps.operations[operation_id]
    path = {p.name: _PROBE_PATHS.get(p.name, "x") for p in operation.path_parameters}
    body: dict[str, Any] | None = {} if operation.body else None
    missing = steps.call(operation_id, path=path, body=body, headers={})
    if steps.expect_status(missing, 401) and not operation_id.startswith("globalstack_"):
        message = str(dig(missing.body, "message") or "")
        steps.expect(
            missing,
            message.lower() == MISSING_AUTH_MESSAGE.lower(),
            "no_auth_body",
            "$.message",
            repr(MISSING_AUTH_MESSAGE),
            message,
        )
    if not bad_key:
        return
    bad = steps.call(operation_id, path=path, body=body, headers={"Authorization": f"Bearer {BAD_KEY}"})
    if steps.expect_status(bad, 401) and not operation_id.startswith("globalstack_"):
        message = str(dig(bad.body, "message") or "")
        steps.expect(
            bad,
            message.lower() == INVALID_KEY_MESSAGE.lower(),
            "bad_key_body",
            "$.message",
            repr(INVALID_KEY_MESSAGE),
            message,
        )


def _invalid_input(steps: Steps) -> None:
    if not steps.has("customer_create"):
        return
    steps.expect_status(steps.call("customer_create", body={"email": "not-an-email"}), 400)
    null_metadata = {"email": f"nullmeta-{steps.run_id}@example.com", "metadata": None}
    steps.expect_status(steps.call("customer_create", body=null_metadata), 400)


def _unknown_resources(steps: Steps) -> None:
    if steps.has("customer_fetch"):
        steps.expect_status(steps.call("customer_fetch", path={"email_or_code": "CUS_doesnotexist00000"}), 404)
    if steps.has("customer_verifyAuthorization"):
        steps.expect_status(steps.call("customer_verifyAuthorization", path={"reference": "doesnotexist0"}), 404)
    for operation_id in ("customer_deactivateAuthorization", "customer_deactivateAuthorizationLegacy"):
        if steps.has(operation_id):
            body: dict[str, Any] = {"authorization_code": "AUTH_doesnotexist"}
            steps.expect_status(steps.call(operation_id, body=body), 404)


def _wrong_method(steps: Steps) -> None:
    """DELETE on the collection and PATCH on a customer: any 4xx, never a 5xx. Judged here, not by the
    contract's checks (which would call any answer to an undeclared method undocumented)."""
    probes: tuple[tuple[str, str, dict[str, Any]], ...] = (
        ("customer_list", "DELETE", {}),
        ("customer_fetch", "PATCH", {"email_or_code": "CUS_doesnotexist00000"}),
    )
    for operation_id, method, path in probes:
        if steps.has(operation_id):
            answer = steps.call(operation_id, path=path, method=method, checked=False)
            steps.expect(
                answer,
                400 <= answer.status_code < 500,
                "wrong_method",
                "status",
                f"a 4xx for {method} (never a 5xx)",
                str(answer.status_code),
            )
