"""The detector's building blocks: path shapes, aliases, names, adapters dispatched on document kind."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from paystack_contracts.diff.operations import path_shape
from paystack_contracts.discrepancies import compute
from paystack_contracts.discrepancies.aliases import load_aliases, operation_key
from paystack_contracts.discrepancies.rules import edit_distance
from paystack_contracts.discrepancies.sources import document_kind, load_sources, normalize_type


@pytest.mark.parametrize(
    ("path", "shape"),
    [
        ("/customer/{code}", "/customer/{}"),
        ("/customer/:email_or_code", "/customer/{}"),
        ("/customer/{email_or_code}/", "/customer/{}"),
        ("/customer/:id/directdebit-activation-charge", "/customer/{}/directdebit-activation-charge"),
        ("/customer/set_risk_action", "/customer/set_risk_action"),
    ],
)
def test_paths_match_whatever_their_parameters_are_called(path, shape) -> None:
    assert path_shape(path) == shape


def test_the_deactivate_paths_are_a_known_alias_pair() -> None:
    keys = {key for alias in load_aliases() for key in alias.keys}
    assert operation_key("POST", "/customer/deactivate_authorization") in keys
    assert operation_key("post", "/customer/authorization/deactivate") in keys


@pytest.mark.parametrize(("a", "b", "distance"), [("validatte", "validate", 1), ("list", "lsit", 2), ("a", "a", 0)])
def test_edit_distance(a, b, distance) -> None:
    assert edit_distance(a, b) == distance


@pytest.mark.parametrize(
    ("written", "normal"),
    [("str", "string"), ("datetime", "string"), (["string", "null"], "null|string"), (None, None)],
)
def test_types_are_normalized_across_formats(written, normal) -> None:
    assert normalize_type(written) == normal


@pytest.mark.parametrize(
    ("document", "kind"),
    [
        ({"openapi": "3.1.0", "paths": {}}, "openapi"),
        ({"kind": "docs-endpoint-table"}, "docs-endpoint-table"),
        ({"$schema": "https://json-schema.org/draft/2020-12/schema"}, "json-schema"),
        ({"kind": "drift-policy"}, "drift-policy"),
        ({"hello": 1}, None),
    ],
)
def test_the_document_kind_decides_the_adapter(document, kind) -> None:
    assert document_kind(document) == kind


def write(root: Path, relative: str, data: object) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if relative.endswith(".json") else yaml.safe_dump(data))


def openapi(paths: dict[str, object]) -> dict[str, object]:
    return {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": paths}


def test_sources_never_seen_before_are_compared_by_kind(tmp_path) -> None:
    ok = {"200": {"description": "ok"}}
    write(
        tmp_path,
        "specs/acme/one.yaml",
        openapi({"/thing/{id}": {"get": {"operationId": "thing_fetch", "responses": ok}}}),
    )
    write(
        tmp_path,
        "specs/acme/two.yaml",
        {
            "kind": "sdk-method-table",
            "methods": [
                {
                    "name": "fecth",
                    "http_method": "GET",
                    "path": "/thing/{thing_id}",
                    "params": [],
                    "status_codes": [{"code": 201}],
                }
            ],
        },
    )
    write(tmp_path, "specs/other/three.yaml", openapi({"/widget": {"get": {"responses": ok}}}))
    keys = {d.key for d in compute(tmp_path)}
    assert keys == {"operation-name:GET /thing/{}", "path-param-name:GET /thing/{}", "success-status:GET /thing/{}"}


def test_files_that_are_not_sources_are_skipped(tmp_path) -> None:
    write(tmp_path, "contracts/drift-policy.yaml", {"kind": "drift-policy", "rules": {}})
    write(tmp_path, "contracts/discrepancies.yaml", {"kind": "discrepancy-ledger", "entries": []})
    assert load_sources(tmp_path) == []


def test_a_dangling_ref_is_a_discrepancy_with_every_location(tmp_path) -> None:
    dangling = {"$ref": "#/paths/~1plan/get/responses/200"}
    write(
        tmp_path,
        "specs/a/x.yaml",
        openapi({"/a": {"get": {"responses": {"200": dangling}}}, "/b": {"get": {"responses": {"200": dangling}}}}),
    )
    [found] = compute(tmp_path)
    assert found.key == "unresolvable-ref:#/paths/~1plan/get/responses/200"
    assert [c.location for c in found.claims] == ["/paths/~1a/get/responses/200", "/paths/~1b/get/responses/200"]


def test_the_repository_sources_yield_the_known_headline_discrepancies(repo_root) -> None:
    keys = {d.key for d in compute(repo_root)}
    assert {
        "success-status:POST /customer",
        "operation-name:POST /customer/{}/identification",
        "unresolvable-ref:#/paths/~1plan/get/responses/200",
        "request-field-type:POST /customer:metadata",
        "path-param-name:GET /customer/{}",
    } <= keys


def test_enums_are_compared_only_between_formats_that_can_state_them(tmp_path) -> None:
    def risk(values: list[str]) -> dict[str, object]:
        schema = {"type": "object", "properties": {"risk_action": {"type": "string", "enum": values}}}
        body = {"content": {"application/json": {"schema": schema}}}
        return openapi({"/r": {"post": {"requestBody": body, "responses": {"200": {"description": "ok"}}}}})

    write(tmp_path, "specs/a/one.yaml", risk(["default", "allow", "deny"]))
    write(tmp_path, "specs/a/two.yaml", risk(["default", "deny"]))
    write(
        tmp_path,
        "specs/a/three.yaml",
        {
            "kind": "docs-endpoint-table",
            "endpoints": [
                {"method": "POST", "path": "/r", "params": [{"name": "risk_action", "in": "body", "type": "string"}]}
            ],
        },
    )
    [found] = compute(tmp_path)
    assert found.key == "request-field-enum:POST /r:risk_action"
    assert {c.file for c in found.claims} == {"specs/a/one.yaml", "specs/a/two.yaml"}


@pytest.mark.parametrize(
    "operation",
    [
        pytest.param({"parameters": True, "responses": {"200": {"description": "x"}}}, id="parameters not a list"),
        pytest.param(
            {"requestBody": {"content": {7: {"schema": {"type": [{"a": 1}]}}}}, "responses": {}}, id="odd media"
        ),
        pytest.param({"responses": {"404": {"$ref": ["not", "a", "string"]}}}, id="ref not a string"),
        pytest.param({"responses": {"200": {"$ref": "#/info/title/x"}}}, id="ref through a scalar"),
        pytest.param(
            {"requestBody": {"content": {"application/json": {"schema": {"allOf": 5, "required": 3}}}}},
            id="allOf and required not lists",
        ),
    ],
)
def test_malformed_sources_never_crash_the_detector(tmp_path, operation) -> None:
    write(tmp_path, "specs/a/x.yaml", openapi({"/x": {"post": operation}}))
    write(tmp_path, "specs/a/y.yaml", openapi({"/x": {"post": {"responses": {"201": {"description": "x"}}}}}))
    compute(tmp_path)
