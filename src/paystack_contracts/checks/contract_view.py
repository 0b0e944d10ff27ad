"""Questions our checks ask the contract itself, so they follow contracts/ rather than hard-coded guesses.

- `requires_data(case, status)`: does the documented response schema for this status require `data`?
- `customer_shape(case, status)`: which shape of contracts/paystack-customer.schema.json does `data` follow
  (a `$defs` name, or None for the root), and is `data` a list of them? None when `data` is not a customer.

Only local references (`#/...`) are followed; a reference into the customer schema file is where we stop.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from paystack_contracts.findings import unescape_pointer_token
from paystack_contracts.seam import Case

__all__ = ["CUSTOMER_SCHEMA_FILE", "CustomerShape", "customer_shape", "requires_data"]

CUSTOMER_SCHEMA_FILE = "paystack-customer.schema.json"
CustomerShape = tuple[str | None, bool]  # ($defs name or None for the root, data is a list)

_RAW: dict[int, dict[str, Any]] = {}  # keeps each document alive, so its id() stays a valid cache key


def requires_data(case: Case, status_code: int) -> bool:
    return _requires_data(_key(case), case.operation.path, case.operation.method.lower(), status_code)


def customer_shape(case: Case, status_code: int) -> CustomerShape | None:
    return _customer_shape(_key(case), case.operation.path, case.operation.method.lower(), status_code)


def _key(case: Case) -> int:
    raw = case.operation.schema.raw_schema
    _RAW.setdefault(id(raw), raw)
    return id(raw)


def _resolve(document: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s (RFC 6901 pointers into the same document) until a non-reference."""
    for _ in range(20):
        ref = node.get("$ref") if isinstance(node, dict) else None
        if not (isinstance(ref, str) and ref.startswith("#/")):
            return node
        node = document
        for token in ref[2:].split("/"):
            node = node.get(unescape_pointer_token(token), {}) if isinstance(node, dict) else {}
    return node


def _schemas(document: dict[str, Any], path: str, method: str, status_code: int) -> list[dict[str, Any]]:
    responses = (document.get("paths", {}).get(path, {}).get(method, {}) or {}).get("responses", {})
    key = next((k for k in (str(status_code), f"{str(status_code)[0]}XX", "default") if k in responses), None)
    if key is None:
        return []
    content = _resolve(document, responses[key]).get("content", {})
    return [_resolve(document, media.get("schema", {})) for media in content.values() if isinstance(media, dict)]


def _members(document: dict[str, Any], schema: Any, depth: int = 0) -> list[dict[str, Any]]:
    """The schema and its `allOf` members, flattened and resolved."""
    schema = _resolve(document, schema)
    if not isinstance(schema, dict) or depth > 8:
        return []
    found = [schema]
    for member in schema.get("allOf", []):
        found += _members(document, member, depth + 1)
    return found


@lru_cache(maxsize=512)
def _requires_data(key: int, path: str, method: str, status_code: int) -> bool:
    document = _RAW[key]
    return any(
        "data" in member.get("required", [])
        for schema in _schemas(document, path, method, status_code)
        for member in _members(document, schema)
    )


@lru_cache(maxsize=512)
def _customer_shape(key: int, path: str, method: str, status_code: int) -> CustomerShape | None:
    document = _RAW[key]
    for schema in _schemas(document, path, method, status_code):
        for member in _members(document, schema):
            data = _resolve(document, member.get("properties", {}).get("data"))
            if not isinstance(data, dict):
                continue
            many = data.get("type") == "array"
            ref = (data.get("items") if many else data) or {}
            target = ref.get("$ref", "") if isinstance(ref, dict) else ""
            if target.split("#")[0].endswith(CUSTOMER_SCHEMA_FILE):
                fragment = target.partition("#")[2]
                return (fragment.removeprefix("/$defs/") or None, many)
    return None
