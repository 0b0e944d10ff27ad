"""Customer data validates against contracts/paystack-customer.schema.json, in the shape the contract names for
the operation's success response (the root schema or one of its `$defs`; `contract_view.customer_shape`).

Two further views never fail a run: fields the shape does not declare (`undocumented_fields`, a warning: additive
drift) and the upstream third-party schema's verdict (`upstream_notes`, specs/paystack/customer.schema.json,
seed 004: a discrepancy note, because the contract, not the seed, is what we enforce).

Every verdict and violation is `jsonschema`'s; each item goes through `checks.screen` first, which passes, ~200x
faster, the items with nothing to report.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import schemathesis
from referencing import Registry, Resource
from referencing.jsonschema import specification_with

from paystack_contracts.checks._body import NOT_JSON, decoded_body, json_path, short
from paystack_contracts.checks._guards import guarded, on_success
from paystack_contracts.checks.contract_view import CUSTOMER_SCHEMA_FILE, CustomerShape, customer_shape
from paystack_contracts.checks.screen import Screen, screen_for
from paystack_contracts.checks.violation import Violation, raise_for
from paystack_contracts.project import current_project
from paystack_contracts.seam import Case, CheckContext, Response

__all__ = ["customer_violations", "paystack_resource", "undocumented_fields", "upstream_notes"]

UPSTREAM_SCHEMA = ("paystack", "customer.schema.json")
_MAX_VIOLATIONS = 10


def customer_violations(shape: CustomerShape, data: Any, *, rule: str = "resource.schema") -> list[Violation]:
    """Violations of the contract's customer shape by a response's `data`."""
    return _violations(_contract_path(), shape[0], data, many=shape[1], rule=rule)


def upstream_notes(shape: CustomerShape, data: Any) -> list[Violation]:
    """Where `data` disagrees with the upstream seed schema (its root shape; it has no others)."""
    path = current_project().spec(UPSTREAM_SCHEMA[0]) / UPSTREAM_SCHEMA[1]
    if not path.is_file():
        return []
    return _violations(path, None, data, many=shape[1], rule="resource.upstream")


def undocumented_fields(shape: CustomerShape, data: Any) -> list[Violation]:
    """Top-level customer fields the shape does not declare (the schema stays open, so nothing breaks)."""
    declared = _declared_properties(_contract_path(), shape[0])
    items = list(enumerate(data))[:1] if shape[1] and isinstance(data, list) else [(None, data)]
    found = []
    for index, item in items:
        if isinstance(item, dict):
            prefix: tuple[str | int, ...] = ("data",) if index is None else ("data", index)
            for name in sorted(set(item) - declared):
                where = json_path(*prefix, name)
                found.append(Violation("resource.undocumented_field", where, "only documented fields", name))
    return found


def _violations(path: Path, definition: str | None, data: Any, *, many: bool, rule: str) -> list[Violation]:
    items = list(enumerate(data)) if many and isinstance(data, list) else [(None, data)]
    validator, screen = _validator(path, definition), _screen(path, definition)
    found = []
    for index, item in items:
        if screen is not None and screen.passes(item):
            continue
        prefix: tuple[str | int, ...] = ("data",) if index is None else ("data", index)
        for error in sorted(validator.iter_errors(item), key=lambda e: [str(t) for t in e.absolute_path]):
            expected = f"{error.validator}: {short(error.validator_value)}"
            found.append(Violation(rule, json_path(*prefix, *error.absolute_path), expected, short(error.instance)))
    return found[:_MAX_VIOLATIONS]


def _contract_path() -> Path:
    return current_project().contract(CUSTOMER_SCHEMA_FILE)


@cache
def _document(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return document


@cache
def _validator(path: Path, definition: str | None) -> Any:
    document = _document(path)
    cls = jsonschema.validators.validator_for(document)
    if definition is None or definition not in document.get("$defs", {}):
        return cls(document, format_checker=cls.FORMAT_CHECKER)
    uri = document.get("$id", f"urn:paystack-contracts:{path.name}")
    resource: Resource[Any] = Resource.from_contents(
        document, default_specification=specification_with(cls.META_SCHEMA["$schema"])
    )
    registry: Registry[Any] = Registry().with_resource(uri, resource)
    return cls({"$ref": f"{uri}#/$defs/{definition}"}, registry=registry, format_checker=cls.FORMAT_CHECKER)


@cache
def _screen(path: Path, definition: str | None) -> Screen | None:
    document = _document(path)
    if definition is not None and definition not in document.get("$defs", {}):
        definition = None  # as `_validator` does: the root schema
    return screen_for(document, definition, document.get("$id", f"urn:paystack-contracts:{path.name}"))


@cache
def _declared_properties(path: Path, definition: str | None) -> frozenset[str]:
    document = _document(path)
    node = document.get("$defs", {}).get(definition, document) if definition else document
    return frozenset(_properties(document, node, 0))


def _properties(document: dict[str, Any], node: Any, depth: int) -> set[str]:
    """Property names a schema declares, through local `$ref`s and `allOf` (all our customer schema uses)."""
    if not isinstance(node, dict) or depth > 10:
        return set()
    found = set(node.get("properties", {}))
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        found |= _properties(document, document.get("$defs", {}).get(ref.removeprefix("#/$defs/")), depth + 1)
    for member in node.get("allOf", []):
        found |= _properties(document, member, depth + 1)
    return found


@schemathesis.check
@guarded(on_success)
def paystack_resource(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """Customer data in a success response validates against the contract's customer schema."""
    shape = customer_shape(case, response.status_code)
    body = decoded_body(response.content)
    if shape is None or body is NOT_JSON or not isinstance(body, dict) or "data" not in body:
        return True  # not customer data, or the envelope check reports it
    raise_for("paystack_resource", case, customer_violations(shape, body["data"]))
    return None
