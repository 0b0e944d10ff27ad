"""Questions our checks ask the contract itself (so they follow contracts/, not hard-coded guesses).

`requires_data(case, status)`: does the documented response schema for this status require `data`? The OpenAPI
document is read through jsonschema-path, which resolves `$ref`s on access.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jsonschema_path import SchemaPath

__all__ = ["requires_data"]


def requires_data(case: Any, status_code: int) -> bool:
    raw = case.operation.schema.raw_schema
    return _requires(_spec(id(raw), raw), case.operation.path, case.operation.method.lower(), status_code)


_SPECS: dict[int, SchemaPath] = {}


def _spec(key: int, raw: dict[str, Any]) -> SchemaPath:
    if key not in _SPECS:
        _SPECS[key] = SchemaPath.from_dict(raw)
    return _SPECS[key]


@lru_cache(maxsize=512)
def _requires(spec: SchemaPath, path: str, method: str, status_code: int) -> bool:
    responses = spec / "paths" / path / method / "responses"
    key = next((k for k in (str(status_code), f"{str(status_code)[0]}XX", "default") if k in responses), None)
    if key is None:
        return False
    response = responses / key
    if "content" not in response:
        return False
    content = response / "content"
    media_types = [content / name for name in content.keys()]  # noqa: SIM118 - SchemaPath has no iteration of items
    return any("data" in _required(media / "schema") for media in media_types if "schema" in media)


def _required(schema: SchemaPath, depth: int = 0) -> set[str]:
    if depth > 8:
        return set()
    found = set(schema["required"].read_value()) if "required" in schema else set()
    if "allOf" in schema:
        for member in schema / "allOf":
            found |= _required(member, depth + 1)
    return found
