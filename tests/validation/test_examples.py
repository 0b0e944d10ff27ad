"""Every `example`/`examples` value is validated against its own schema, in the document's dialect."""

from __future__ import annotations

from typing import Any

import pytest
from tests.validation.factories import MEDIA, Write, one_response, openapi

from paystack_contracts.validation import validate_document

CUSTOMER = {
    "type": "object",
    "required": ["email"],
    "properties": {"email": {"type": "string", "format": "email"}, "id": {"type": "integer"}},
}
COMPONENTS = {"schemas": {"Customer": CUSTOMER}}
REF = {"$ref": "#/components/schemas/Customer"}


def _invalid(findings: list) -> list[tuple[str, str]]:
    assert {f.rule for f in findings} <= {"example-invalid"}, findings
    return sorted((f.pointer, f.expected.split(" (")[-1].rstrip(")")) for f in findings)


@pytest.mark.parametrize(("media", "expected"), [
    ({"schema": REF, "example": {"email": "a@b.co", "id": 1}}, []),
    ({"schema": REF, "example": {"id": "1"}}, [(f"{MEDIA}/example", "required"), (f"{MEDIA}/example/id", "type")]),
    ({"schema": REF, "example": {"email": "nope"}}, [(f"{MEDIA}/example/email", "format")]),
    ({"schema": REF, "examples": {"good": {"value": {"email": "a@b.co"}}, "bad": {"value": {"email": 3}}}},
     [(f"{MEDIA}/examples/bad/value/email", "type")]),
    ({"schema": REF, "examples": {"shared": {"$ref": "#/components/examples/Bad"}}},
     [(f"{MEDIA}/examples/shared/value", "required")]),
])  # fmt: skip
def test_media_type_examples_are_checked(write: Write, media: dict[str, Any], expected: list) -> None:
    components = {**COMPONENTS, "examples": {"Bad": {"value": {}}}}
    findings = validate_document(write("doc.yaml", one_response(media, components=components)))
    assert _invalid(findings) == expected


def test_parameter_and_header_examples_are_checked(write: Write) -> None:
    parameter = {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}, "example": 0}
    header = {"schema": {"type": "string", "pattern": "^req_"}, "example": "abc"}
    response = {"description": "ok", "headers": {"X-Request-Id": header}}
    paths = {"/x": {"get": {"parameters": [parameter], "responses": {"200": response}}}}
    findings = validate_document(write("doc.yaml", openapi(paths=paths)))
    assert _invalid(findings) == [
        ("/paths/~1x/get/parameters/0/example", "minimum"),
        ("/paths/~1x/get/responses/200/headers/X-Request-Id/example", "pattern"),
    ]


@pytest.mark.parametrize(("version", "schema", "expected"), [
    ("3.0.3", {"type": "string", "nullable": True, "example": None}, []),
    ("3.0.3", {"type": "integer", "format": "int32", "example": 2**40}, [("", "format")]),
    ("3.1.0", {"type": ["string", "null"], "examples": [None, "x", 3]}, [("/examples/2", "type")]),
    ("3.1.0", {"properties": {"n": {"type": "integer", "example": "one"}}}, [("/properties/n/example", "type")]),
])  # fmt: skip
def test_schema_examples_use_the_document_dialect(write: Write, version: str, schema: dict, expected: list) -> None:
    document = openapi(version, components={"schemas": {"S": schema}})
    findings = validate_document(write("doc.yaml", document))
    where = "/components/schemas/S"
    fixed = [(f"{where}{p}" if p else f"{where}/example", rule) for p, rule in expected]
    assert _invalid(findings) == fixed


def test_an_example_whose_schema_dangles_is_not_double_reported(write: Write) -> None:
    media = {"schema": {"$ref": "#/components/schemas/Missing"}, "example": {"anything": 1}}
    findings = validate_document(write("doc.yaml", one_response(media)))
    assert [(f.rule, f.pointer) for f in findings] == [("ref-unresolved", f"{MEDIA}/schema")]


def test_schemas_in_sibling_files_are_used_for_examples(write: Write) -> None:
    write("customer.schema.json", CUSTOMER)
    media = {"schema": {"$ref": "customer.schema.json"}, "example": {"id": 1}}
    findings = validate_document(write("doc.yaml", one_response(media)))
    assert _invalid(findings) == [(f"{MEDIA}/example", "required")]


@pytest.mark.parametrize("schema", [{"properties": None}, {"type": {"$ref": "#/paths"}}, {"$ref": 5}])
def test_an_example_of_an_invalid_schema_is_noted_and_the_schema_reported(write: Write, schema: dict) -> None:
    findings = validate_document(write("doc.yaml", one_response({"schema": schema, "example": {"a": 1}})))
    rules = {(f.rule, f.severity.value) for f in findings}
    assert ("example-unchecked", "note") in rules
    assert ("openapi-spec", "error") in rules


def test_oas30_read_only_and_write_only_properties_follow_the_direction_of_the_example(write: Write) -> None:
    schema = {
        "type": "object",
        "required": ["id", "secret"],
        "properties": {"id": {"type": "integer", "readOnly": True}, "secret": {"type": "string", "writeOnly": True}},
    }
    request = {"content": {"application/json": {"schema": schema, "example": {"secret": "s"}}}}
    response = {"description": "ok", "content": {"application/json": {"schema": schema, "example": {"id": 1}}}}
    paths = {"/x": {"post": {"requestBody": request, "responses": {"200": response}}}}
    assert validate_document(write("doc.yaml", openapi("3.0.3", paths=paths))) == []
    request["content"]["application/json"]["example"] = {"id": 1, "secret": "s"}
    findings = validate_document(write("doc.yaml", openapi("3.0.3", paths=paths)))
    assert _invalid(findings) == [("/paths/~1x/post/requestBody/content/application~1json/example/id", "readOnly")]
