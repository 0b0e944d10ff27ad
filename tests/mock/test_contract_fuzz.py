"""Schemathesis fuzzes the sandbox against our contract, negative data included: no case may get a 5xx.

In-process (`schema.app = app`), so a handler exception would surface here as the exception itself. The example
budget is modest to keep this short; the README reports a larger run done by hand.
"""

from __future__ import annotations

import schemathesis
from schemathesis.checks import not_a_server_error

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app
from paystack_contracts.project import current_project


def _schema(name: str) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_path(current_project().contract(name), config=schemathesis.Config(seed=20261122))
    schema.app = create_app(MockSettings(seed_customers=5, random_seed=1))
    schema.config.update(headers={"Authorization": f"Bearer {DEFAULT_TEST_KEY}"})
    schema.config.generation.update(max_examples=12, modes=["positive", "negative"], database="none")
    return schema


customers = _schema("paystack-customers.openapi.yaml")
globalstack = _schema("globalstack-customers.openapi.yaml")


@customers.parametrize()
def test_the_customers_api_never_answers_5xx(case):
    case.call_and_validate(checks=[not_a_server_error])


@globalstack.parametrize()
def test_globalstack_create_never_answers_5xx(case):
    case.call_and_validate(checks=[not_a_server_error])
