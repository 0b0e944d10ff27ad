"""The screen: a compiled validator (`jsonschema_rs`, Schemathesis's own) in front of `jsonschema`, built from the
same schema, that passes the items with nothing to report, so that only an item it fails is validated (and its
violations described) by `jsonschema`.

Why: validating one customer took ~285 us in `jsonschema` and ~1.5 us screened; a 31-item list page 5.9 ms and
27 us (measured), and a default run validates every customer the mock answers.

Why it never hides a violation: the screen says "valid" only where its verdict is `jsonschema`'s.
- It is built only for a schema of draft 6 or later that uses no keyword outside `SCREENED_KEYWORDS` (the ones
  whose meaning the two share; not `multipleOf`, whose float arithmetic differs, nor `patternProperties`, whose
  keys go through another regex engine). Any other schema is validated by `jsonschema` alone.
- `pattern` is judged by Python's `re.search`, as `jsonschema` does (a keyword plugged into the screen): ECMA
  regexes differ in `$`, `\\s`, `\\d`.
- Formats are `jsonschema`'s own checks, plugged in; a format `jsonschema` has no library for is checked by the
  screen's built-in, which can only fail more items, and those go to `jsonschema`.
- An item the screen cannot take (a number past its range, a lone surrogate) fails it, and goes to `jsonschema`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jsonschema
import jsonschema_rs

__all__ = ["SCREENED_KEYWORDS", "Screen", "screen_for"]

SCREENED_KEYWORDS = frozenset(
    {
        *("$schema", "$id", "$ref", "$defs", "definitions", "$comment", "$anchor"),
        *("title", "description", "examples", "default", "deprecated", "readOnly", "writeOnly"),
        *("type", "enum", "const", "format", "pattern", "minLength", "maxLength"),
        *("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"),
        *("properties", "required", "additionalProperties", "minProperties", "maxProperties"),
        *("items", "prefixItems", "minItems", "maxItems", "uniqueItems"),
        *("allOf", "anyOf", "oneOf", "not"),
    }
)
_DRAFTS = frozenset(
    {jsonschema.Draft6Validator, jsonschema.Draft7Validator, jsonschema.Draft201909Validator}
    | {jsonschema.Draft202012Validator}
)
_MAPS = ("properties", "$defs", "definitions")  # keyword -> {name: schema}
_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")  # keyword -> [schema, ...]
_ONE = ("items", "not", "additionalProperties")  # keyword -> schema (or a list, for draft 6/7 `items`)
_MAX_DEPTH = 64


@dataclass(frozen=True, slots=True)
class Screen:
    validator: Any  # a jsonschema_rs validator

    def passes(self, item: Any) -> bool:
        """True when `item` has nothing to report; False when it may have (or cannot be screened)."""
        try:
            return bool(self.validator.is_valid(item))
        except Exception:  # what the screen cannot judge (a number past its range) goes to jsonschema
            return False


def screen_for(document: dict[str, Any], definition: str | None, uri: str) -> Screen | None:
    """The screen for `document` (or its `$defs/definition`, with the document registered at `uri`), or None
    where it might disagree with `jsonschema` or cannot be built."""
    cls = jsonschema.validators.validator_for(document)
    if cls not in _DRAFTS or not _screenable(document, 0):
        return None
    schema, registry = document, None
    if definition is not None:
        schema = {"$ref": f"{uri}#/$defs/{definition}"}
        if "$schema" in document:
            schema["$schema"] = document["$schema"]
        registry = jsonschema_rs.Registry([(uri, document)])
    checker = cls.FORMAT_CHECKER
    formats: dict[str, Callable[[str], bool]] = {
        name: functools.partial(_conforms, checker, name) for name in checker.checkers
    }
    try:
        validator = jsonschema_rs.validator_for(
            schema, formats=formats, validate_formats=True, registry=registry, keywords={"pattern": _Pattern}
        )
    except Exception:  # a schema the screen cannot take is validated by jsonschema alone
        return None
    return Screen(validator)


def _screenable(node: Any, depth: int) -> bool:
    """Every schema in `node` uses only `SCREENED_KEYWORDS` (`examples`, `enum`... hold data: not looked in)."""
    if isinstance(node, bool):
        return True
    if not isinstance(node, dict) or depth > _MAX_DEPTH or not set(node) <= SCREENED_KEYWORDS:
        return False
    children: list[Any] = []
    for key in _MAPS:
        value = node.get(key, {})
        if not isinstance(value, dict):
            return False
        children += value.values()
    for key in _LISTS:
        value = node.get(key, [])
        if not isinstance(value, list):
            return False
        children += value
    for key in _ONE:
        if key in node:
            children += node[key] if isinstance(node[key], list) else [node[key]]
    return all(_screenable(child, depth + 1) for child in children)


def _conforms(checker: jsonschema.FormatChecker, name: str, value: str) -> bool:
    return bool(checker.conforms(value, name))


class _Pattern:
    """`pattern` as `jsonschema` judges it: `re.search` (the screen's keyword protocol)."""

    def __init__(self, parent_schema: dict[str, Any], value: str, schema_path: list[str | int]) -> None:
        self.regex = re.compile(value)

    def validate(self, instance: Any) -> None:
        if isinstance(instance, str) and self.regex.search(instance) is None:
            raise ValueError("does not match the pattern")
