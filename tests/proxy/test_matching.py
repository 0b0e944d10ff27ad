"""Matching: an observed method and path name one operation of the contract, with its path parameters."""

from __future__ import annotations

import pytest

from paystack_contracts.proxy.matching import Matcher


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.load()


@pytest.mark.parametrize(
    ("method", "path", "label", "parameters"),
    [
        ("POST", "/customer", "POST /customer", {}),
        ("POST", "/customer/", "POST /customer", {}),
        ("get", "/customer", "GET /customer", {}),
        ("GET", "/customer/CUS_abc123", "GET /customer/{email_or_code}", {"email_or_code": "CUS_abc123"}),
        ("GET", "/customer/ada%40example.com", "GET /customer/{email_or_code}", {"email_or_code": "ada@example.com"}),
        ("POST", "/customer/set_risk_action", "POST /customer/set_risk_action", {}),
        ("POST", "/customer/CUS_x/identification", "POST /customer/{code}/identification", {"code": "CUS_x"}),
        ("POST", "/v1/customers", "POST /customers", {}),
    ],
)
def test_a_request_names_its_operation_and_path_parameters(
    matcher: Matcher, method: str, path: str, label: str, parameters: dict[str, str]
) -> None:
    found = matcher.match(method, path)
    assert found is not None
    assert (found.label, found.path_parameters) == (label, parameters)


@pytest.mark.parametrize(("method", "path"), [("GET", "/nothing"), ("DELETE", "/customer"), ("GET", "/v1/nothing")])
def test_a_request_outside_the_contract_matches_nothing(matcher: Matcher, method: str, path: str) -> None:
    assert matcher.match(method, path) is None
