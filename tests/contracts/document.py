"""Reading a contract's OpenAPI document in tests: the agreed operation table, operations, local refs, links."""

from __future__ import annotations

from typing import Any

AGREED = {  # INTERFACES.md, the lead's binding table
    # label: (operationId, success status)
    "POST /customer": ("customer_create", "200"),
    "GET /customer": ("customer_list", "200"),
    "GET /customer/{email_or_code}": ("customer_fetch", "200"),
    "PUT /customer/{email_or_code}": ("customer_update", "200"),
    "POST /customer/{code}/identification": ("customer_validate", "202"),
    "POST /customer/set_risk_action": ("customer_riskAction", "200"),
    "POST /customer/authorization/initialize": ("customer_initializeAuthorization", "200"),
    "GET /customer/authorization/verify/{reference}": ("customer_verifyAuthorization", "200"),
    "POST /customer/{id}/initialize-direct-debit": ("customer_initializeDirectDebit", "200"),
    "PUT /customer/{id}/directdebit-activation-charge": ("customer_directDebitActivationCharge", "200"),
    "GET /customer/{id}/directdebit-mandate-authorizations": ("customer_fetchMandateAuthorizations", "200"),
    "POST /customer/authorization/deactivate": ("customer_deactivateAuthorization", "200"),
    "POST /customer/deactivate_authorization": ("customer_deactivateAuthorizationLegacy", "200"),
}

METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")


def operations(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, item in document["paths"].items()
        for method, operation in item.items()
        if method in METHODS
    }


def resolve(document: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """Follow local `$ref`s (`#/components/...`); external ones are left as they are."""
    while str(node.get("$ref", "")).startswith("#/"):
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def links(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (label, name, link)
        for label, op in operations(document).items()
        for response in op["responses"].values()
        for name, link in resolve(document, response).get("links", {}).items()
    ]
