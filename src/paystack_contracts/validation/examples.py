"""Examples: every `example`/`examples` value is validated against the schema it illustrates.

Sites are media types, parameters and headers (`example`, `examples[*].value` next to a `schema`), and schemas
themselves (`example`, and the JSON Schema `examples` list). Each value is validated with the dialect of its
document (`OAS30Validator` for OpenAPI 3.0, `OAS31Validator` for 3.1+, the declared draft for a JSON Schema),
format checking on, against a `$ref` to the schema's location so that its own `$ref`s resolve in the document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from urllib.request import url2pathname

from jsonschema.exceptions import ValidationError
from openapi_schema_validator import (
    OAS30ReadValidator,
    OAS30Validator,
    OAS30WriteValidator,
    OAS31Validator,
    OAS32Validator,
)
from referencing import Registry, Resource, Specification
from referencing.exceptions import NoSuchResource, Unresolvable
from referencing.jsonschema import DRAFT4, DRAFT202012

from paystack_contracts.documents import load_document
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import Finding, Severity, pointer
from paystack_contracts.validation._text import one_line, preview
from paystack_contracts.validation.kinds import Document
from paystack_contracts.validation.patterns import PATTERN_TIMEOUT, BoundedPatterns, PatternTooSlow
from paystack_contracts.validation.refs import resolve_pointer

__all__ = ["ExampleSite", "check_openapi_examples", "check_schema_examples", "iter_schema_sites"]

_OPENAPI_DIALECTS: dict[str, tuple[Any, Specification[Any]]] = {
    "3.0": (OAS30Validator, DRAFT4),
    "3.1": (OAS31Validator, DRAFT202012),
    "3.2": (OAS32Validator, DRAFT202012),
}
_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_ONE = ("items", "additionalItems", "additionalProperties", "not", "if", "then", "else", "contains",
               "propertyNames", "unevaluatedItems", "unevaluatedProperties")  # fmt: skip
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems", "items")


@dataclass(frozen=True, slots=True)
class ExampleSite:
    """An example value, where it is, and the location of the schema it must satisfy."""

    value: Any
    at: tuple[object, ...]
    schema_at: tuple[object, ...]


MAX_EXAMPLES = 10_000
"""Examples checked per document (~130 µs each here, so ~1.5 s); the rest are counted in one warning."""


def check_openapi_examples(document: Document, sound: Any, minor: str) -> Iterator[Finding]:
    validator_cls, specification = _OPENAPI_DIALECTS[minor]
    checker = _ExampleChecker(document, sound, validator_cls, specification)
    yield from _check_sites(checker, iter_openapi_sites(sound))


def check_schema_examples(
    document: Document, sound: Any, validator_cls: Any, spec: Specification[Any]
) -> Iterator[Finding]:
    checker = _ExampleChecker(document, sound, validator_cls, spec)
    yield from _check_sites(checker, iter_schema_sites(sound, ()))


def _check_sites(checker: _ExampleChecker, sites: Iterator[ExampleSite]) -> Iterator[Finding]:
    for count, site in enumerate(sites):
        if count == MAX_EXAMPLES:
            yield Finding(
                rule="examples-not-all-checked",
                severity=Severity.WARNING,
                file=checker.document.display,
                pointer="",
                message=f"examples after the first {MAX_EXAMPLES:,} were not checked (the limit per document)",
                expected=f"at most {MAX_EXAMPLES:,} examples in one document, or split it into files",
            )
            return
        yield from checker.check(site)


def iter_openapi_sites(document: Any) -> Iterator[ExampleSite]:
    """Example sites of an OpenAPI document, walking its structure (not schema internals, which have their own)."""
    stack: list[tuple[Any, tuple[object, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, list):
            stack.extend((item, (*path, i)) for i, item in enumerate(node))
            continue
        if not isinstance(node, dict):
            continue
        if len(path) == 3 and path[:2] == ("components", "schemas"):
            yield from iter_schema_sites(node, path)
            continue
        if isinstance(node.get("schema"), dict):
            yield from _holder_sites(document, node, path)
            yield from iter_schema_sites(node["schema"], (*path, "schema"))
        skip = {"schema", "example", "examples"}
        stack.extend((v, (*path, k)) for k, v in node.items() if k not in skip and not str(k).startswith("x-"))


def _holder_sites(document: Any, node: dict[str, Any], path: tuple[object, ...]) -> Iterator[ExampleSite]:
    """`example` and `examples` of a media type, parameter or header, against its `schema`."""
    schema_at = (*path, "schema")
    if "example" in node:
        yield ExampleSite(node["example"], (*path, "example"), schema_at)
    named = node.get("examples")
    for name, example in named.items() if isinstance(named, dict) else ():
        if isinstance(example, dict) and isinstance(example.get("$ref"), str) and example["$ref"].startswith("#"):
            try:
                example = resolve_pointer(document, example["$ref"][1:])
            except Exception:  # dangling: already a ref-unresolved finding
                continue
        if isinstance(example, dict) and "value" in example:
            yield ExampleSite(example["value"], (*path, "examples", name, "value"), schema_at)


def iter_schema_sites(schema: Any, path: tuple[object, ...]) -> Iterator[ExampleSite]:
    """Example sites of a schema and of every subschema under it (`$ref` targets are visited where they live)."""
    stack: list[tuple[Any, tuple[object, ...]]] = [(schema, path)]
    while stack:
        node, at = stack.pop()
        if not isinstance(node, dict):
            continue
        if "example" in node:
            yield ExampleSite(node["example"], (*at, "example"), at)
        if isinstance(node.get("examples"), list):
            yield from (ExampleSite(v, (*at, "examples", i), at) for i, v in enumerate(node["examples"]))
        stack.extend(_subschemas(node, at))


def _subschemas(node: dict[str, Any], at: tuple[object, ...]) -> Iterator[tuple[Any, tuple[object, ...]]]:
    for key in _SCHEMA_MAPS:
        if isinstance(node.get(key), dict):
            yield from ((sub, (*at, key, name)) for name, sub in node[key].items())
    for key in _SCHEMA_ONE:
        if isinstance(node.get(key), dict):
            yield node[key], (*at, key)
    for key in _SCHEMA_LISTS:
        if isinstance(node.get(key), list):
            yield from ((sub, (*at, key, i)) for i, sub in enumerate(node[key]))


class _ExampleChecker:
    """Validates example values against schemas of one document, resolving `$ref`s within it and sibling files."""

    def __init__(self, document: Document, sound: Any, validator_cls: Any, spec: Specification[Any]) -> None:
        self.document = document
        self.validator_cls = validator_cls
        self.spec = spec
        self.uri = document.base_uri
        resource = spec.create_resource(sound)
        registry: Registry[Any] = Registry(retrieve=self._retrieve).with_resource(self.uri, resource)  # type: ignore[call-arg]
        own_id = sound.get("$id") if isinstance(sound, dict) else None
        if isinstance(own_id, str) and own_id.split("#")[0]:
            registry = registry.with_resource(own_id.split("#")[0], resource)
        self.registry = registry
        self.patterns = BoundedPatterns()

    def check(self, site: ExampleSite) -> Iterator[Finding]:
        schema_pointer = pointer(*site.schema_at)
        wrapper = {"$ref": f"{self.uri}#{quote(schema_pointer, safe='/~')}"}
        validator_cls = self._validator_for(site)
        bounded = self.patterns.validator(validator_cls)
        validator = bounded(wrapper, registry=self.registry, format_checker=validator_cls.FORMAT_CHECKER)
        try:
            errors = list(validator.iter_errors(site.value))
        except PatternTooSlow as exc:
            yield self._too_slow(site, exc.pattern)
            return
        except Exception as exc:  # jsonschema assumes a valid schema; an invalid one is reported by the spec check
            yield self._unchecked(site, exc)
            return
        yield from (self._finding(site, schema_pointer, error) for error in errors)

    def _validator_for(self, site: ExampleSite) -> Any:
        """OAS 3.0 read/write semantics: readOnly properties are not required in requests, writeOnly in responses."""
        if self.validator_cls is OAS30Validator:
            structural = site.at[:4]  # /paths/{p}/{method}/requestBody or /components/requestBodies/...
            if "requestBody" in structural or "requestBodies" in structural or "parameters" in structural:
                return OAS30WriteValidator
            if "responses" in structural:
                return OAS30ReadValidator
        return self.validator_cls

    def _finding(self, site: ExampleSite, schema_pointer: str, error: ValidationError) -> Finding:
        return Finding(
            rule="example-invalid",
            file=self.document.display,
            pointer=pointer(*site.at, *error.absolute_path),
            message=f"example does not match its schema: {one_line(error.message, 160)}",
            expected=f"valid against #{schema_pointer} ({error.validator})",
            actual=preview(error.instance),
        )

    def _too_slow(self, site: ExampleSite, pattern: str) -> Finding:
        return Finding(
            rule="pattern-too-slow",
            severity=Severity.WARNING,
            file=self.document.display,
            pointer=pointer(*site.at),
            message=f"example not checked: pattern {preview(pattern, 60)} ran past {PATTERN_TIMEOUT} s "
            "(catastrophic backtracking), or a slower one in this document already did",
            expected="a pattern that matches in linear time (no nested quantifiers such as (a+)+ or (a|aa)+)",
            actual=preview(site.value),
        )

    def _unchecked(self, site: ExampleSite, exc: Exception) -> Finding:
        cause = "does not resolve" if isinstance(exc, Unresolvable) else "is not a valid schema"
        why = f"{type(exc).__name__}: {one_line(str(exc), 90)}"
        return Finding(
            rule="example-unchecked",
            severity=Severity.NOTE,
            file=self.document.display,
            pointer=pointer(*site.at),
            message=f"example not checked: its schema {cause} ({why})",
        )

    def _retrieve(self, uri: str) -> Resource[Any]:
        """Sibling files named by relative `$ref`s; never the network."""
        parts = urlsplit(uri)
        if parts.scheme != "file":
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        try:
            contents = load_document(Path(url2pathname(parts.path)), require_mapping=False)
        except DocumentError as exc:
            raise NoSuchResource(ref=uri) from exc  # type: ignore[call-arg]
        return self.spec.create_resource(contents)
