"""Validating a value against the schema at a location of a contract file, for the tests' behaviour tables.

Examples are checked by the project's own validator (`paystack_contracts.validation`); this helper answers the
different question "does the contract accept this value here?", with the same dialect (OAS 3.1) and one
`referencing` registry holding every contract file, so local and relative-file `$ref`s resolve.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from paystack_contracts.documents import load_document


@dataclass(frozen=True)
class ContractFile:
    path: Path
    document: dict[str, Any]
    registry: Registry[Any]

    @classmethod
    def load_all(cls, paths: Iterable[Path]) -> dict[str, ContractFile]:
        documents = {path: load_document(path) for path in paths}
        resources: list[tuple[str, Resource[Any]]] = []
        for path, document in documents.items():
            resource = DRAFT202012.create_resource(document)
            resources.append((path.as_uri(), resource))
            if isinstance(document.get("$id"), str):  # a JSON Schema is also known by its own $id
                resources.append((document["$id"], resource))
        registry: Registry[Any] = Registry().with_resources(resources)
        return {path.name: cls(path, document, registry) for path, document in documents.items()}

    def errors(self, schema_pointer: str, value: Any) -> list[str]:
        """Every way `value` violates the schema at `schema_pointer`, one line each."""
        ref = f"{self.path.as_uri()}#{quote(schema_pointer, safe='/~')}"
        validator = OAS31Validator({"$ref": ref}, registry=self.registry, format_checker=OAS31Validator.FORMAT_CHECKER)
        return [_describe(error) for error in validator.iter_errors(value)]


def _describe(error: ValidationError) -> str:
    where = "".join(f"/{part}" for part in error.absolute_path) or "/"
    return f"{where}: {error.message}"
