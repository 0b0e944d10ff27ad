"""Schemathesis fuzzes the sandbox against our contracts, negative data included: no 5xx, and every default check
(response schemas, status codes, content types, negative-data rejection, ignored auth, Allow on 405) passes, so the
clean mock conforms to the contract by default.

In-process (`schema.app = app`), so a handler exception would surface here as the exception itself. The key goes
through scheme-aware auth (`[auth.openapi.bearerAuth]`), not a static header, so the ignored_auth probes can remove
it. The example budget is modest; the README reports a larger run done by hand.
"""

from __future__ import annotations

import schemathesis
from schemathesis.checks import not_a_server_error

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app
from paystack_contracts.project import current_project

AUTH = {"auth": {"openapi": {"bearerAuth": {"bearer": DEFAULT_TEST_KEY}}}}


def _schema(name: str, seed: int) -> schemathesis.BaseSchema:
    config = schemathesis.Config.from_dict({"seed": seed, **AUTH})
    schema = schemathesis.openapi.from_path(current_project().contract(name), config=config)
    schema.app = create_app(MockSettings(seed_customers=5, random_seed=1))
    schema.config.generation.update(
        max_examples=5, modes=["positive", "negative"], database="none", with_security_parameters=False
    )
    return schema


customers = _schema("paystack-customers.openapi.yaml", 20261122)
globalstack = _schema("globalstack-customers.openapi.yaml", 20261122)


@customers.parametrize()
def test_the_customers_api_conforms_and_never_answers_5xx(case):
    case.call_and_validate(additional_checks=[not_a_server_error])


@globalstack.parametrize()
def test_globalstack_create_conforms_and_never_answers_5xx(case):
    case.call_and_validate(additional_checks=[not_a_server_error])
