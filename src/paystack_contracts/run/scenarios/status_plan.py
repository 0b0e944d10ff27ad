"""The `live` profile's plan: cover every operation x every documented status code with as few requests as
possible, because a real sandbox allows 100 requests per 60 s in test mode.

Its probes are not compared with the response-shape baseline: whether one is sent depends on what the rest of
the run saw, so their shapes would make the comparison depend on the profile. The envelope check judges them.

The scenarios and the negative contract run first and cover the successes, 401s and most 404s. This module then
looks at what is still missing (documented statuses never seen) and sends one designed request per gap. Two
statuses cannot be planned and are reported as such: 429 (eliciting it would spend the whole budget) and the
risk-action 403 (it depends on the integration's settings).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from typing import Any

from paystack_contracts.results import RunResult
from paystack_contracts.run.scenarios.negative import UNKNOWN_CODE as _UNKNOWN_CODE
from paystack_contracts.run.scenarios.negative import UNKNOWN_ID as _UNKNOWN_ID
from paystack_contracts.run.scenarios.steps import Request, ScenarioStopped, Steps
from paystack_contracts.run.scenarios.workflows import IDENTIFICATION
from paystack_contracts.seam import Operation

__all__ = ["UNPLANNABLE", "coverage_of", "status_plan"]

UNPLANNABLE = {"429": "eliciting a 429 would spend the request budget", "403": "depends on the integration"}
_DEBIT = {
    "account": {"number": "0123456789", "bank_code": "058"},
    "address": {"street": "1 Marina", "city": "Lagos", "state": "Lagos"},
}


def _invalid(m: dict[str, Any]) -> dict[str, Request]:
    """One request per operation that must be refused with 400, given what earlier scenarios created (`m`)."""
    code, ident = m.get("customer_code", _UNKNOWN_CODE), m.get("customer_id", _UNKNOWN_ID)
    return {
        "customer_create": {"body": {"email": "not-an-email"}},
        "customer_list": {"query": {"perPage": "not-a-number"}},
        "customer_update": {"path": {"email_or_code": code}, "body": {"metadata": None}},
        "customer_validate": {"path": {"code": code}, "body": {"country": "NG"}},
        "customer_riskAction": {"body": {"customer": code, "risk_action": "maybe"}},
        "customer_initializeAuthorization": {"body": {"email": "plan@example.com", "channel": "card"}},
        "customer_initializeDirectDebit": {"path": {"id": ident}, "body": {}},
        "customer_directDebitActivationCharge": {"path": {"id": ident}, "body": {}},
        "customer_fetchMandateAuthorizations": {"path": {"id": "not-a-number"}},
        "customer_deactivateAuthorization": {"body": {}},
        "customer_deactivateAuthorizationLegacy": {"body": {}},
        "globalstack_createCustomer": {"body": {"name": "No Type"}},
    }


def _unknown(m: dict[str, Any]) -> dict[str, Request]:
    """One request per operation that must answer 404: an identifier that cannot exist."""
    return {
        "customer_fetch": {"path": {"email_or_code": _UNKNOWN_CODE}},
        "customer_update": {"path": {"email_or_code": _UNKNOWN_CODE}, "body": {"first_name": "Nobody"}},
        "customer_validate": {"path": {"code": _UNKNOWN_CODE}, "body": IDENTIFICATION},
        "customer_riskAction": {"body": {"customer": _UNKNOWN_CODE, "risk_action": "deny"}},
        "customer_verifyAuthorization": {"path": {"reference": "doesnotexist0"}},
        "customer_initializeDirectDebit": {"path": {"id": _UNKNOWN_ID}, "body": _DEBIT},
        "customer_directDebitActivationCharge": {"path": {"id": _UNKNOWN_ID}, "body": {"authorization_id": 1}},
        "customer_fetchMandateAuthorizations": {"path": {"id": _UNKNOWN_ID}},
        "customer_deactivateAuthorization": {"body": {"authorization_code": "AUTH_doesnotexist"}},
        "customer_deactivateAuthorizationLegacy": {"body": {"authorization_code": "AUTH_doesnotexist"}},
    }


_ACCEPTED: dict[tuple[str, str], tuple[int, ...]] = {
    # Open questions: a malformed identifier in the path, or a missing authorization_code, may be refused as bad
    # input (400) or as a resource that does not exist (404); the docs document both statuses and show neither
    # case (reference §2.11, §2.12), so either answer passes (a look-alike answering 404 is not drift).
    ("customer_fetchMandateAuthorizations", "400"): (400, 404),
    ("customer_deactivateAuthorization", "400"): (400, 404),
    ("customer_deactivateAuthorizationLegacy", "400"): (400, 404),
    # The list documents no 400 (reference §2.2: 401, and an OAS 404); a non-numeric perPage may be refused or
    # ignored (Paystack coerces query input elsewhere), so the default page passes too.
    ("customer_list", "400"): (400, 200),
}
"""Statuses the plan accepts for a probe besides the one it is filling in."""

_RECIPES: dict[str, Callable[[dict[str, Any]], dict[str, Request]]] = {"400": _invalid, "404": _unknown}


def documented_statuses(operation: Operation) -> list[str]:
    return [code for code in operation.definition.raw.get("responses", {}) if code[0].isdigit()]


def coverage_of(operations: Iterable[Operation], result: RunResult) -> dict[str, dict[str, bool]]:
    """For every operation of the contracts, which documented statuses this run has seen.

    Documented success codes are alternatives (GlobalStack: 201 guessed, 200 tolerated), so seeing one of them
    covers all of them; a server answers one success code per operation.
    """
    coverage = {}
    for operation in operations:
        seen = result.operation(operation.label).status_codes
        success_seen = any(200 <= code < 300 for code in seen)
        coverage[operation.label] = {
            code: int(code) in seen or (code.startswith("2") and success_seen)
            for code in documented_statuses(operation)
        }
    return coverage


def status_plan(steps: Steps) -> None:
    """One designed request for each documented status this run has not seen yet (run last)."""
    result = steps.client.recorder.result
    for operation_id, operation in sorted(steps.operations.items()):
        seen = result.operation(operation.label).status_codes
        for code in documented_statuses(operation):
            recipe = _RECIPES[code](steps.memory).get(operation_id) if code in _RECIPES else None
            if int(code) in seen or recipe is None:
                continue
            with contextlib.suppress(ScenarioStopped):  # an inconclusive probe leaves that gap open
                probe = recipe.copy()
                probe["fingerprinted"] = False
                answer = steps.call(operation_id, **probe)
                steps.expect_status(answer, *_ACCEPTED.get((operation_id, code), (int(code),)))
    result.facts.not_plannable = dict(UNPLANNABLE)
