"""JSON Schemas: every metaschema violation, unknown dialects, dangling refs and examples."""

from __future__ import annotations

import pytest
from tests.validation.factories import Write

from paystack_contracts.validation import validate_document

DRAFT7 = "http://json-schema.org/draft-07/schema#"
DRAFT2020 = "https://json-schema.org/draft/2020-12/schema"


def _found(findings: list) -> set[tuple[str, str | None]]:
    return {(f.rule, f.pointer) for f in findings}


@pytest.mark.parametrize("dialect", [DRAFT7, DRAFT2020])
def test_every_metaschema_violation_is_reported(write: Write, dialect: str) -> None:
    schema = {"$schema": dialect, "type": "object", "required": "email", "properties": {"id": {"type": "integr"}}}
    findings = validate_document(write("s.schema.json", schema))
    assert _found(findings) == {
        ("json-schema-metaschema", "/required"),
        ("json-schema-metaschema", "/properties/id/type"),
    }


def test_a_schema_file_without_dollar_schema_is_read_as_draft_2020_12(write: Write) -> None:
    findings = validate_document(write("s.schema.json", {"prefixItems": [{"type": "string"}], "examples": [[1]]}))
    assert _found(findings) == {("example-invalid", "/examples/0/0")}


def test_an_unknown_dialect_is_a_finding_and_the_schema_is_still_checked(write: Write) -> None:
    findings = validate_document(write("s.json", {"$schema": "https://example.com/mine", "type": 5}))
    assert _found(findings) == {("json-schema-dialect", "/$schema"), ("json-schema-metaschema", "/type")}


def test_dangling_refs_and_examples_resolve_against_the_schema_id(write: Write) -> None:
    schema = {
        "$schema": DRAFT7,
        "$id": "https://example.com/customer.json",
        "definitions": {"code": {"type": "string", "pattern": "^CUS_"}},
        "properties": {
            "code": {"$ref": "#/definitions/code", "examples": ["CUS_x", "nope"]},
            "other": {"$ref": "#/definitions/missing"},
        },
    }
    findings = validate_document(write("customer.schema.json", schema))
    assert _found(findings) == {
        ("ref-unresolved", "/properties/other"),
        ("example-invalid", "/properties/code/examples/1"),
    }


@pytest.mark.parametrize("dialect", [5, {"$ref": "#"}, ["x"]])
def test_a_dollar_schema_that_is_not_a_string_is_a_finding(write: Write, dialect: object) -> None:
    findings = validate_document(write("s.schema.json", {"$schema": dialect, "type": "object"}))
    assert ("json-schema-dialect", "/$schema") in _found(findings)
    assert "validator-failed" not in {f.rule for f in findings}
