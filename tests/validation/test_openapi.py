"""OpenAPI documents: the spec validator for their version, all `$ref` problems, the contact email."""

from __future__ import annotations

import pytest
from tests.validation.factories import MEDIA, Write, one_response, openapi

from paystack_contracts.validation import validate_document

DANGLING = {"$ref": "#/components/responses/Missing"}


def _rules_at(findings: list) -> set[tuple[str, str | None]]:
    return {(f.rule, f.pointer) for f in findings}


def test_dangling_refs_do_not_hide_other_errors(write: Write) -> None:
    document = openapi("3.0.3", paths={"/x": {"get": {"responses": {"200": DANGLING, "404": DANGLING}}}})
    del document["info"]["title"]
    findings = validate_document(write("doc.yaml", document))
    assert _rules_at(findings) == {
        ("ref-unresolved", "/paths/~1x/get/responses/200"),
        ("ref-unresolved", "/paths/~1x/get/responses/404"),
        ("openapi-spec", "/info"),
    }


def test_a_cycle_of_refs_does_not_crash_the_spec_validator(write: Write) -> None:
    schemas = {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}
    media = {"schema": {"$ref": "#/components/schemas/A"}, "example": 1}
    findings = validate_document(write("doc.yaml", one_response(media, components={"schemas": schemas})))
    assert {f.rule for f in findings} == {"ref-cycle"}
    assert len(findings) == 3  # A, B, and the media type's schema that leads into the cycle


def test_a_recursive_schema_validates_its_examples_without_hanging(write: Write) -> None:
    node = {"type": "object", "properties": {"child": {"$ref": "#/components/schemas/Node"}}}
    media = {"schema": {"$ref": "#/components/schemas/Node"}, "example": {"child": {"child": 5}}}
    findings = validate_document(write("doc.yaml", one_response(media, components={"schemas": {"Node": node}})))
    assert _rules_at(findings) == {("example-invalid", f"{MEDIA}/example/child/child")}


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0", "3.2.0"])
@pytest.mark.parametrize(("email", "bad"), [("support@paystack.com", False), ("not an email", True), (["x"], True)])
def test_the_contact_email_must_be_an_email_address(write: Write, version: str, email: object, bad: bool) -> None:
    document = openapi(version)
    document["info"]["contact"] = {"name": "Support", "email": email}
    findings = validate_document(write("doc.yaml", document))
    assert _rules_at(findings) == ({("openapi-spec", "/info/contact/email")} if bad else set())


@pytest.mark.parametrize(("version", "schema", "valid"), [
    ("3.0.3", {"type": "string", "nullable": True}, True),
    ("3.0.3", {"type": ["string", "null"]}, False),
    ("3.1.0", {"type": ["string", "null"]}, True),
])  # fmt: skip
def test_the_spec_validator_matches_the_document_version(write: Write, version: str, schema: dict, valid: bool) -> None:
    document = openapi(version, components={"schemas": {"S": schema}})
    findings = validate_document(write("doc.yaml", document))
    assert (findings == []) is valid
    assert all(f.rule == "openapi-spec" and f.pointer.startswith("/components/schemas/S") for f in findings)


def test_an_undeclared_path_parameter_is_located_at_its_operation(write: Write) -> None:
    document = openapi(paths={"/c/{code}": {"post": {"responses": {"200": {"description": "ok"}}}}})
    findings = validate_document(write("doc.yaml", document))
    assert _rules_at(findings) == {("openapi-spec", "/paths/~1c~1{code}/post")}
    assert "Path parameter 'code'" in findings[0].message
