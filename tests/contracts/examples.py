"""A small example-validator for the contract tests.

Stand-in until `paystack_contracts.validation` (the `validate` command's library) lands on main; then these tests
use it and this module goes, so the project keeps one example-validator. It walks an OpenAPI 3.1 document or a JSON
Schema, finds every `example`/`examples` value with the schema it illustrates, and validates the value with
openapi-schema-validator's OAS 3.1 dialect, resolving local and relative-file `$ref`s through one `referencing`
registry.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import OAS31Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from tests.contracts.document import resolve

from paystack_contracts.documents import load_document


@dataclass(frozen=True)
class Example:
    """One example value, where it sits, and the schema it must satisfy."""

    pointer: str  # where the value is, e.g. /paths/~1customer/post/responses/200/content/application~1json/examples/x
    schema_pointer: str  # the schema it illustrates, in the same document
    value: Any


@dataclass(frozen=True)
class ContractFile:
    path: Path
    document: dict[str, Any]
    registry: Registry[Any]

    @property
    def uri(self) -> str:
        return self.path.as_uri()

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
        ref = f"{self.uri}#{quote(schema_pointer, safe='/~')}"
        validator = OAS31Validator({"$ref": ref}, registry=self.registry, format_checker=OAS31Validator.FORMAT_CHECKER)
        return [_describe(error) for error in validator.iter_errors(value)]

    def examples(self) -> list[Example]:
        return list(_walk(self.document, "", self.document))


def _describe(error: ValidationError) -> str:
    where = "".join(f"/{part}" for part in error.absolute_path) or "/"
    return f"{where}: {error.message}"


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


def _walk(node: Any, pointer: str, root: dict[str, Any]) -> Iterator[Example]:
    if isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{pointer}/{index}", root)
        return
    if not isinstance(node, dict):
        return
    yield from _examples_here(node, pointer, root)
    for key, child in node.items():
        if key not in ("example", "examples"):  # example values are data, and /components/examples are checked
            yield from _walk(child, f"{pointer}/{_escape(key)}", root)  # where they are referenced


def _examples_here(node: dict[str, Any], pointer: str, root: dict[str, Any]) -> Iterator[Example]:
    examples = node.get("examples")
    if isinstance(examples, list):  # JSON Schema `examples` keyword: the node itself is the schema
        for index, value in enumerate(examples):
            yield Example(f"{pointer}/examples/{index}", pointer, value)
    if "schema" not in node:  # a Media Type, Parameter or Header Object keeps its examples next to `schema`
        return
    schema_pointer = f"{pointer}/schema"
    if "example" in node:
        yield Example(f"{pointer}/example", schema_pointer, node["example"])
    if isinstance(examples, dict):
        for name, example in examples.items():
            value = resolve(root, example).get("value")
            yield Example(f"{pointer}/examples/{_escape(name)}", schema_pointer, value)
