"""The Paystack contract declares exactly the operations agreed in INTERFACES.md, with real status codes."""

from __future__ import annotations

from typing import Any

import pytest
from tests.contracts.document import AGREED, links, operations, resolve
from tests.contracts.schema_check import ContractFile

ERROR_STATUSES = {
    "customer_create": {"400", "401", "429"},
    "customer_list": {"400", "401", "429"},
    "customer_fetch": {"401", "404", "429"},
    "customer_update": {"400", "401", "404", "429"},
    "customer_validate": {"400", "401", "404", "429"},
    "customer_riskAction": {"400", "401", "403", "404", "429"},
    "customer_initializeAuthorization": {"400", "401", "429"},
    "customer_verifyAuthorization": {"401", "404", "429"},
    "customer_initializeDirectDebit": {"400", "401", "404", "429"},
    "customer_directDebitActivationCharge": {"400", "401", "404", "429"},
    "customer_fetchMandateAuthorizations": {"400", "401", "404", "429"},
    "customer_deactivateAuthorization": {"400", "401", "404", "429"},
    "customer_deactivateAuthorizationLegacy": {"400", "401", "404", "429"},
}


def test_the_contract_declares_exactly_the_agreed_operations(paystack_document: dict[str, Any]) -> None:
    assert sorted(operations(paystack_document)) == sorted(AGREED)


@pytest.mark.parametrize(("label", "agreed"), AGREED.items())
def test_each_operation_has_the_agreed_operation_id_and_only_its_real_success_code(
    paystack_document: dict[str, Any], label: str, agreed: tuple[str, str]
) -> None:
    operation = operations(paystack_document)[label]
    successes = [status for status in operation["responses"] if status.startswith("2")]
    assert (operation["operationId"], successes) == (agreed[0], [agreed[1]])


@pytest.mark.parametrize(("operation_id", "statuses"), ERROR_STATUSES.items())
def test_each_operation_declares_its_real_errors_with_the_error_envelope(
    paystack_document: dict[str, Any], operation_id: str, statuses: set[str]
) -> None:
    operation = next(op for op in operations(paystack_document).values() if op["operationId"] == operation_id)
    errors = {status: resolve(paystack_document, response) for status, response in operation["responses"].items()}
    errors = {status: response for status, response in errors.items() if not status.startswith("2")}
    assert set(errors) == statuses
    assert {"401", "429"} <= set(errors)
    for response in errors.values():
        schema = response["content"]["application/json"]["schema"]
        assert schema == {"$ref": "#/components/schemas/ErrorEnvelope"}


def test_no_operation_declares_a_default_response_that_would_hide_undocumented_statuses(
    paystack_document: dict[str, Any],
) -> None:
    assert [label for label, op in operations(paystack_document).items() if "default" in op["responses"]] == []


def test_only_the_legacy_deactivate_path_is_deprecated(paystack_document: dict[str, Any]) -> None:
    deprecated = [label for label, op in operations(paystack_document).items() if op.get("deprecated")]
    assert deprecated == ["POST /customer/deactivate_authorization"]


def test_rate_limited_responses_declare_the_optional_integer_rate_limit_headers(
    paystack_document: dict[str, Any],
) -> None:
    headers = paystack_document["components"]["responses"]["RateLimited"]["headers"]
    resolved = {name: resolve(paystack_document, header) for name, header in headers.items()}
    assert sorted(resolved) == ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]
    assert all(not h["required"] and h["schema"]["type"] == "integer" for h in resolved.values())


def test_every_operation_uses_bearer_security(paystack_document: dict[str, Any]) -> None:
    assert paystack_document["security"] == [{"bearerAuth": []}]
    assert paystack_document["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert all("security" not in op for op in operations(paystack_document).values())


def test_every_request_body_and_response_carries_a_realistic_example(paystack_document: dict[str, Any]) -> None:
    bare = []
    for label, operation in operations(paystack_document).items():
        bodies = [("request", operation.get("requestBody", {"content": {}}))]
        bodies += [(status, response) for status, response in operation["responses"].items()]
        for where, body in bodies:
            for media_type, media in resolve(paystack_document, body)["content"].items():
                if not media.get("examples"):
                    bare.append(f"{label} {where} {media_type}")
    assert bare == []


def test_every_request_body_accepts_json_and_form_encoding(paystack_document: dict[str, Any]) -> None:
    bodies = {
        label: resolve(paystack_document, op["requestBody"])
        for label, op in operations(paystack_document).items()
        if "requestBody" in op
    }
    assert len(bodies) == 9
    for body in bodies.values():
        assert body["required"] is True
        assert sorted(body["content"]) == ["application/json", "application/x-www-form-urlencoded"]


def test_every_link_targets_an_existing_operation_and_its_real_parameters(paystack_document: dict[str, Any]) -> None:
    by_id = {op["operationId"]: (label, op) for label, op in operations(paystack_document).items()}
    for source, name, link in links(paystack_document):
        label, target = by_id[link["operationId"]]
        path_item = paystack_document["paths"][label.split(" ", 1)[1]]
        declared = {
            resolve(paystack_document, p)["name"]
            for p in [*path_item.get("parameters", []), *target.get("parameters", [])]
        }
        assert set(link.get("parameters", {})) <= declared, f"{source} link {name}"
        if "requestBody" in link:
            assert "requestBody" in target, f"{source} link {name}"
        assert all(str(v).startswith("$response.body#/data/") for v in link.get("parameters", {}).values())


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("POST /customer", "customer_fetch"),
        ("POST /customer", "customer_update"),
        ("POST /customer", "customer_validate"),
        ("POST /customer", "customer_riskAction"),
        ("POST /customer", "customer_initializeDirectDebit"),
        ("GET /customer/{id}/directdebit-mandate-authorizations", "customer_directDebitActivationCharge"),
        ("POST /customer", "customer_fetchMandateAuthorizations"),
        ("POST /customer/authorization/initialize", "customer_verifyAuthorization"),
        ("GET /customer/authorization/verify/{reference}", "customer_deactivateAuthorization"),
    ],
)
def test_stateful_chains_are_linked(paystack_document: dict[str, Any], source: str, target: str) -> None:
    assert any(label == source and link["operationId"] == target for label, _, link in links(paystack_document))


def test_create_links_fetch_by_code_by_email_and_by_id(paystack_document: dict[str, Any]) -> None:
    fetches = sorted(
        link["parameters"]["email_or_code"]
        for label, _, link in links(paystack_document)
        if label == "POST /customer" and link["operationId"] == "customer_fetch"
    )
    assert fetches == ["$response.body#/data/customer_code", "$response.body#/data/email", "$response.body#/data/id"]


def test_globalstack_contract_has_its_one_agreed_operation(contracts: dict[str, ContractFile]) -> None:
    document = contracts["globalstack-customers.openapi.yaml"].document
    operation = document["paths"]["/customers"]["post"]
    assert document["servers"] == [{"url": "https://api.paystack.com/v1"}]
    assert operation["operationId"] == "globalstack_createCustomer"
    assert sorted(operation["responses"]) == ["200", "201", "400", "401", "409"]
    assert [p["name"] for p in operation["parameters"]] == ["Idempotency-Key"]
