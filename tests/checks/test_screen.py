from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import jsonschema
import pytest

from paystack_contracts.checks import resource
from paystack_contracts.checks.screen import screen_for
from paystack_contracts.project import current_project

DRAFT = "https://json-schema.org/draft/2020-12/schema"
URI = "urn:test:screen"


def _verdicts(schema: dict[str, Any], instance: Any) -> tuple[bool, bool]:
    """(jsonschema finds nothing, the screen passes it)."""
    cls = jsonschema.validators.validator_for(schema)
    reference = not list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(instance))
    screen = screen_for(schema, None, URI)
    assert screen is not None
    return reference, screen.passes(instance)


@pytest.mark.parametrize(
    ("schema", "instance", "valid"),
    [
        ({"pattern": "^CUS_[a-z]+$"}, "CUS_abc", True),
        ({"pattern": "^CUS_[a-z]+$"}, "CUS_abc\n", True),  # Python's `$` matches before a final newline
        ({"pattern": "^CUS_[a-z]+$"}, "cus_abc", False),
        ({"pattern": r"^\s*$"}, "\ufeff", False),  # an ECMA `\s` would match the BOM
        ({"pattern": r"^\d+$"}, "\u0661\u0662", True),  # Arabic-Indic digits are Python `\d`
        ({"format": "email"}, "a@b", True),  # jsonschema's email check: an "@"
        ({"format": "email"}, "no-at-sign", False),
        ({"type": "integer"}, 1.0, True),
        ({"type": "integer"}, 1.5, False),
        ({"maximum": 5}, 10**400, False),
        ({"type": "object", "required": ["id"]}, {}, False),
        ({"type": "object", "properties": {"id": {"type": "integer"}}}, {"id": "7"}, False),
        ({"enum": [1, "a"]}, True, False),  # True is not 1 in JSON Schema
    ],
)
def test_the_screen_passes_exactly_what_jsonschema_finds_valid(schema: dict, instance: Any, valid: bool) -> None:
    assert _verdicts({"$schema": DRAFT, **schema}, instance) == (valid, valid)


@pytest.mark.parametrize(
    "schema",
    [
        {"$schema": DRAFT, "multipleOf": 0.1},  # float arithmetic differs
        {"$schema": DRAFT, "patternProperties": {"^x": {}}},  # keys would go through an ECMA regex
        {"$schema": DRAFT, "properties": {"a": {"unevaluatedProperties": False}}},  # not vetted, however deep
        {"$schema": "http://json-schema.org/draft-04/schema#", "type": "integer"},  # draft 4: 1.0 is no integer
        {"$schema": DRAFT, "pattern": "(?P<x"},  # Python cannot compile it: jsonschema reports that
    ],
)
def test_no_screen_is_built_where_it_could_disagree(schema: dict) -> None:
    assert screen_for(schema, None, URI) is None


def test_a_property_named_like_an_unvetted_keyword_is_still_screened() -> None:
    schema = {"$schema": DRAFT, "properties": {"multipleOf": {"type": "string"}}}
    assert screen_for(schema, None, URI) is not None


def _contract() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(current_project().contract("paystack-customer.schema.json").read_text())
    return document


_ODD_VALUES = [None, "", "x", 0, -1, 1.5, True, [], {}, "CUS_abc\n", "a@b", 10**30, "2016-03-29T20:03:09.000Z"]


def test_no_mutated_customer_passes_the_screen_with_a_violation() -> None:
    """Each field of the contract's recorded customer set to each odd value: whatever the screen passes,
    jsonschema finds valid (the screen may only send more items on)."""
    document = _contract()
    example = document["examples"][0]
    validator = jsonschema.Draft202012Validator(document, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    screen = screen_for(document, None, URI)
    assert screen is not None
    passed = 0
    for field, value in itertools.product(sorted(example), _ODD_VALUES):
        mutated = {**copy.deepcopy(example), field: value}
        reference = not list(validator.iter_errors(mutated))
        assert not screen.passes(mutated) or reference, (field, value)
        passed += screen.passes(mutated)
    assert passed > 0  # some mutations are valid (a nullable field set to None...): the screen did pass those


def test_a_valid_list_page_never_reaches_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    example = _contract()["examples"][0]
    item = {k: v for k, v in example.items() if k not in ("authorizations", "subscriptions", "transactions")}
    seen: list[Any] = []
    real = resource._validator

    class Spy:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def iter_errors(self, instance: Any) -> Any:
            seen.append(instance)
            return self.inner.iter_errors(instance)

    monkeypatch.setattr(resource, "_validator", lambda path, definition: Spy(real(path, definition)))
    assert resource.customer_violations(("ListItem", True), [item] * 30) == []
    assert seen == []
    broken = {**item, "customer_code": "cus_lower"}
    found = resource.customer_violations(("ListItem", True), [item, broken])
    assert [v.location for v in found] == ["$.data[1].customer_code"]
    assert seen == [broken]
