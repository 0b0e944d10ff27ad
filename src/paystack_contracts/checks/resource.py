"""Customer data validates against contracts/paystack-customer.schema.json (the shape per operation in `$defs`).

The upstream third-party schema (specs/paystack/customer.schema.json, seed 004) is consulted too, but a
disagreement with it is a recorded note (`upstream_notes`), never a failure: the contract is what we enforce.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import schemathesis
from referencing import Registry, Resource

from paystack_contracts.checks.violation import (
    NOT_JSON,
    Violation,
    applies_to,
    decoded_body,
    json_path,
    raise_for,
    short,
)
from paystack_contracts.project import current_project

__all__ = ["SHAPES", "customer_violations", "paystack_resource", "upstream_notes"]

CONTRACT_SCHEMA = "paystack-customer.schema.json"
UPSTREAM_SCHEMA = ("paystack", "customer.schema.json")

SHAPES: dict[str, tuple[str | None, bool]] = {
    # operationId -> ($defs name, None for the root schema; whether `data` is a list of them)
    "customer_create": (None, False),
    "customer_fetch": ("FetchedCustomer", False),
    "customer_update": ("UpdatedCustomer", False),
    "customer_riskAction": ("CustomerCore", False),
    "customer_list": ("ListItem", True),
}


def customer_violations(operation_id: str, data: Any, *, rule: str = "resource.schema") -> list[Violation]:
    """Violations of the contract's customer shape for this operation's `data` (empty when not a customer op)."""
    shape = SHAPES.get(operation_id)
    if shape is None:
        return []
    validator = _validator(_contract_path(), shape[0])
    return _violations(validator, data, many=shape[1], rule=rule)


def upstream_notes(operation_id: str, data: Any) -> list[Violation]:
    """Where `data` disagrees with the upstream seed schema; recorded as a discrepancy note, not a failure."""
    if operation_id not in SHAPES:
        return []
    path = current_project().spec(UPSTREAM_SCHEMA[0]) / UPSTREAM_SCHEMA[1]
    if not path.is_file():
        return []
    return _violations(_validator(path, None), data, many=SHAPES[operation_id][1], rule="resource.upstream")


def _violations(validator: jsonschema.protocols.Validator, data: Any, *, many: bool, rule: str) -> list[Violation]:
    items = list(enumerate(data)) if many and isinstance(data, list) else [(None, data)]
    found = []
    for index, item in items:
        prefix: tuple[str | int, ...] = ("data",) if index is None else ("data", index)
        for error in sorted(validator.iter_errors(item), key=lambda e: list(map(str, e.absolute_path))):
            where = json_path(*prefix, *error.absolute_path)
            found.append(
                Violation(rule, where, f"{error.validator}: {short(error.validator_value)}", short(error.instance))
            )
    return found[:10]


def _contract_path() -> Path:
    return current_project().contract(CONTRACT_SCHEMA)


@cache
def _validator(path: Path, definition: str | None) -> jsonschema.protocols.Validator:
    document = json.loads(path.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(document)
    if definition is None or definition not in document.get("$defs", {}):
        return cls(document, format_checker=cls.FORMAT_CHECKER)
    resource = Resource.from_contents(document, default_specification=_spec_of(cls))
    uri = document.get("$id", "urn:paystack-contracts:customer")
    registry: Registry[Any] = Registry().with_resource(uri, resource)
    ref = {"$ref": f"{uri}#/$defs/{definition}"}
    return cls(ref, registry=registry, format_checker=cls.FORMAT_CHECKER)


def _spec_of(cls: Any) -> Any:
    from referencing.jsonschema import specification_with

    return specification_with(cls.META_SCHEMA.get("$schema", ""))


@schemathesis.check
def paystack_resource(ctx: Any, response: Any, case: Any) -> bool | None:
    """Customer data in a success response validates against the contract's customer schema."""
    operation_id = case.operation.definition.raw.get("operationId", "")
    if not applies_to(case) or operation_id not in SHAPES or not 200 <= response.status_code < 300:
        return True
    body = decoded_body(response.content)
    if body is NOT_JSON or not isinstance(body, dict) or "data" not in body:
        return True  # the envelope check reports these
    raise_for("paystack_resource", case, customer_violations(operation_id, body["data"]))
    return None
