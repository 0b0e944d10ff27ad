from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from paystack_contracts.diff import diff_files
from paystack_contracts.diff.changes import CHANGE_CLASSES
from paystack_contracts.errors import DocumentError

OK = {"200": {"description": "ok"}}


def body(schema: dict[str, Any], *, required: bool = False, media: str = "application/json") -> dict[str, Any]:
    return {"required": required, "content": {media: {"schema": schema}}}


def reply(schema: dict[str, Any], code: str = "200", media: str = "application/json") -> dict[str, Any]:
    return {code: {"description": "ok", "content": {media: {"schema": schema}}}}


def obj(required: tuple[str, ...] = (), **properties: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def query(name: str, *, required: bool = False, where: str = "query", **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": where, "required": required, "schema": schema or {"type": "string"}}


def post(**operation: Any) -> dict[str, Any]:
    return {"/customer": {"post": {"responses": OK, **operation}}}


def document(paths: dict[str, Any], **top: Any) -> dict[str, Any]:
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths, **top}


S = {"type": "string"}
N = {"type": "integer"}

# (old paths, new paths, expected change class, breaking?)
CASES = [
    pytest.param(post(), {}, "path-removed", True, id="removed path"),
    pytest.param({}, post(), "path-added", False, id="added path"),
    pytest.param(
        {"/customer": {"get": {"responses": OK}, "post": {"responses": OK}}},
        post(),
        "operation-removed",
        True,
        id="removed operation",
    ),
    pytest.param(
        post(),
        {"/customer": {"get": {"responses": OK}, "post": {"responses": OK}}},
        "operation-added",
        False,
        id="added operation",
    ),
    pytest.param(
        {"/customer/{code}": {"get": {"responses": OK}}},
        {"/customer/{email_or_code}": {"get": {"responses": OK}}},
        "path-parameter-renamed",
        False,
        id="renamed path parameter",
    ),
    pytest.param(
        post(operationId="customer_validatte"),
        post(operationId="customer_validate"),
        "operation-id-changed",
        True,
        id="renamed operation id",
    ),
    pytest.param(post(), post(deprecated=True), "operation-deprecated", False, id="deprecated"),
    pytest.param(
        post(security=[{"bearerAuth": []}]),
        post(security=[{"apiKey": []}]),
        "security-changed",
        True,
        id="security changed",
    ),
    pytest.param(
        post(),
        post(parameters=[query("page", required=True)]),
        "parameter-added-required",
        True,
        id="new required parameter",
    ),
    pytest.param(
        post(), post(parameters=[query("page")]), "parameter-added-optional", False, id="new optional parameter"
    ),
    pytest.param(
        post(parameters=[query("page")]),
        post(parameters=[query("page", required=True)]),
        "parameter-became-required",
        True,
        id="parameter became required",
    ),
    pytest.param(
        post(parameters=[query("page")]),
        post(parameters=[query("page", where="header")]),
        "parameter-location-changed",
        True,
        id="parameter moved to a header",
    ),
    pytest.param(
        post(parameters=[query("page", type="string")]),
        post(parameters=[query("page", type="integer")]),
        "parameter-type-changed",
        True,
        id="parameter type changed",
    ),
    pytest.param(
        post(parameters=[query("page", type="integer")]),
        post(parameters=[query("page", type=["integer", "string"])]),
        "parameter-type-widened",
        False,
        id="parameter type widened",
    ),
    pytest.param(
        post(parameters=[query("risk", type="string", enum=["a", "b"])]),
        post(parameters=[query("risk", type="string", enum=["a"])]),
        "parameter-enum-narrowed",
        True,
        id="parameter enum narrowed",
    ),
    pytest.param(post(parameters=[query("page")]), post(), "parameter-removed", False, id="parameter removed"),
    pytest.param(
        post(requestBody=body(obj(email=S))),
        post(requestBody=body(obj(email=S), required=True)),
        "request-body-became-required",
        True,
        id="request body became required",
    ),
    pytest.param(
        post(requestBody=body(obj(email=S))),
        post(requestBody=body(obj(("name",), email=S, name=S))),
        "request-field-added-required",
        True,
        id="new required request field",
    ),
    pytest.param(
        post(requestBody=body(obj(email=S))),
        post(requestBody=body(obj(email=S, name=S))),
        "request-field-added-optional",
        False,
        id="new optional request field",
    ),
    pytest.param(
        post(requestBody=body(obj(email=S, name=S))),
        post(requestBody=body(obj(("name",), email=S, name=S))),
        "request-field-became-required",
        True,
        id="request field became required",
    ),
    pytest.param(
        post(requestBody=body(obj(metadata=S))),
        post(requestBody=body(obj(metadata={"type": "object"}))),
        "request-type-changed",
        True,
        id="request field type changed",
    ),
    pytest.param(
        post(requestBody=body(obj(risk={"type": "string", "enum": ["default", "allow", "deny"]}))),
        post(requestBody=body(obj(risk={"type": "string", "enum": ["default", "deny"]}))),
        "request-enum-narrowed",
        True,
        id="request enum narrowed",
    ),
    pytest.param(
        post(requestBody=body(obj(risk={"type": "string", "enum": ["deny"]}))),
        post(requestBody=body(obj(risk={"type": "string", "enum": ["allow", "deny"]}))),
        "request-enum-widened",
        False,
        id="request enum widened",
    ),
    pytest.param(
        post(
            requestBody=body(obj(a=S), media="application/x-www-form-urlencoded")
            | {
                "content": {
                    "application/json": {"schema": obj(a=S)},
                    "application/x-www-form-urlencoded": {"schema": obj(a=S)},
                }
            }
        ),
        post(requestBody=body(obj(a=S))),
        "request-content-type-removed",
        True,
        id="request media type removed",
    ),
    pytest.param(
        post(responses=reply(S, "201")),
        post(responses=reply(S, "200")),
        "success-status-changed",
        True,
        id="success status 201 to 200",
    ),
    pytest.param(
        post(responses={**OK, "202": {"description": "x"}}),
        post(),
        "success-status-removed",
        True,
        id="success status removed",
    ),
    pytest.param(
        post(),
        post(responses={**OK, "404": {"description": "x"}}),
        "response-status-added",
        False,
        id="error status added",
    ),
    pytest.param(
        post(responses={**OK, "404": {"description": "x"}}),
        post(),
        "response-status-removed",
        False,
        id="error status removed",
    ),
    pytest.param(
        post(responses=reply(obj(data=obj(id=N, email=S)))),
        post(responses=reply(obj(data=obj(id=N)))),
        "response-field-removed",
        True,
        id="response field removed",
    ),
    pytest.param(
        post(responses=reply(obj(data=obj(createdAt=S)))),
        post(responses=reply(obj(data=obj(created_at=S)))),
        "response-field-renamed",
        True,
        id="response field renamed createdAt to created_at",
    ),
    pytest.param(
        post(responses=reply(obj(data=obj(id=N)))),
        post(responses=reply(obj(data=obj(id=N, phone=S)))),
        "response-field-added",
        False,
        id="response field added",
    ),
    pytest.param(
        post(responses=reply(obj(data=obj(id=N)))),
        post(responses=reply(obj(data=obj(id=S)))),
        "response-type-changed",
        True,
        id="response field type changed",
    ),
    pytest.param(
        post(responses=reply(obj(data=obj(phone=S)))),
        post(responses=reply(obj(data=obj(phone={"type": ["string", "null"]})))),
        "response-type-changed",
        True,
        id="response field became nullable",
    ),
    pytest.param(
        post(responses=reply(obj(data=obj(risk={"type": "string", "enum": ["default", "deny"]})))),
        post(responses=reply(obj(data=obj(risk={"type": "string", "enum": ["default", "allow", "deny"]})))),
        "response-enum-widened",
        True,
        id="response enum widened",
    ),
    pytest.param(
        post(responses=reply(obj(("data",), data=obj(id=N)))),
        post(responses=reply(obj(data=obj(id=N)))),
        "response-field-became-optional",
        True,
        id="response field no longer required",
    ),
    pytest.param(
        post(responses=reply(obj(data={"type": "array", "items": obj(id=N, code=S)}))),
        post(responses=reply(obj(data={"type": "array", "items": obj(id=N)}))),
        "response-field-removed",
        True,
        id="field removed inside array items",
    ),
    pytest.param(
        post(responses=reply(S)),
        post(responses=reply(S, media="text/plain")),
        "response-content-type-removed",
        True,
        id="response media type removed",
    ),
    pytest.param(
        post(responses={"200": {"$ref": "#/paths/~1plan/get/responses/200"}}),
        post(),
        "unresolvable-ref-old",
        False,
        id="dangling ref in OLD",
    ),
    pytest.param(
        post(),
        post(responses={"200": {"$ref": "#/components/responses/Nope"}}),
        "unresolvable-ref-new",
        True,
        id="dangling ref in NEW",
    ),
]


def write(tmp_path: Path, name: str, paths: dict[str, Any], **top: Any) -> Path:
    target = tmp_path / name
    target.write_text(yaml.safe_dump(document(paths, **top), sort_keys=False))
    return target


@pytest.mark.parametrize(("old", "new", "expected", "breaking"), CASES)
def test_each_change_is_classified_with_both_locations(tmp_path, old, new, expected, breaking) -> None:
    report = diff_files(write(tmp_path, "old.yaml", old), write(tmp_path, "new.yaml", new))
    found = [c for c in report.changes if c.kind == expected]
    assert found, f"expected {expected}, got {[c.kind for c in report.changes]}"
    assert CHANGE_CLASSES[expected].breaking is breaking
    assert report.failed is any(c.breaking for c in report.changes)
    change = found[0]
    assert change.old or change.new
    for location in filter(None, (change.old, change.new)):
        assert location.split("#")[0].endswith(("old.yaml", "new.yaml"))
        assert "#" in location


def test_identical_documents_have_no_changes(tmp_path) -> None:
    paths = post(requestBody=body(obj(email=S)), responses=reply(obj(data=obj(id=N))))
    report = diff_files(write(tmp_path, "a.yaml", paths), write(tmp_path, "b.yaml", paths))
    assert report.changes == ()
    assert not report.failed


def test_a_refs_target_is_compared_not_the_ref_itself(tmp_path) -> None:
    old = write(
        tmp_path,
        "old.yaml",
        post(responses={"200": {"$ref": "#/components/responses/C"}}),
        components={"responses": {"C": reply(obj(data=obj(id=N)))["200"]}},
    )
    new = write(
        tmp_path,
        "new.yaml",
        post(responses={"200": {"$ref": "#/components/responses/D"}}),
        components={"responses": {"D": reply(obj(data=obj(id=S)))["200"]}},
    )
    kinds = [c.kind for c in diff_files(old, new).changes]
    assert kinds == ["response-type-changed"]


def test_a_circular_ref_is_reported_not_followed_forever(tmp_path) -> None:
    loop = {"schemas": {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}}
    paths = post(responses=reply({"$ref": "#/components/schemas/A"}))
    report = diff_files(
        write(tmp_path, "old.yaml", paths, components=loop), write(tmp_path, "new.yaml", paths, components=loop)
    )
    assert "unresolvable-ref-new" in {c.kind for c in report.changes}


def test_a_server_change_is_breaking(tmp_path) -> None:
    old = write(tmp_path, "old.yaml", post(), servers=[{"url": "https://api.paystack.co"}])
    new = write(tmp_path, "new.yaml", post(), servers=[{"url": "https://api.paystack.com/v1"}])
    assert [c.kind for c in diff_files(old, new).changes] == ["server-changed"]


def test_a_file_that_is_not_openapi_is_a_document_error(tmp_path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(json.dumps({"kind": "docs-endpoint-table"}))
    with pytest.raises(DocumentError, match="not an OpenAPI document"):
        diff_files(other, write(tmp_path, "new.yaml", post()))


def test_a_schemas_own_property_narrows_its_allof_base(tmp_path) -> None:
    base = {"schemas": {"Envelope": obj(status={"type": "boolean"})}}
    narrowed = {"allOf": [{"$ref": "#/components/schemas/Envelope"}], "properties": {"status": {"const": True}}}
    old = write(tmp_path, "old.yaml", post(responses=reply(obj(status={"type": "boolean", "enum": [True]}))))
    new = write(tmp_path, "new.yaml", post(responses=reply(narrowed)), components=base)
    assert diff_files(old, new).changes == ()


def test_a_referenced_property_is_located_where_it_is_declared(tmp_path) -> None:
    shared = {"schemas": {"Id": {"type": "string"}}}
    old = write(tmp_path, "old.yaml", post(responses=reply(obj(id=N))))
    new = write(
        tmp_path, "new.yaml", post(responses=reply(obj(id={"$ref": "#/components/schemas/Id"}))), components=shared
    )
    [change] = diff_files(old, new).changes
    assert change.new is not None
    assert change.new.endswith(
        "new.yaml#/paths/~1customer/post/responses/200/content/application~1json/schema/properties/id"
    )
