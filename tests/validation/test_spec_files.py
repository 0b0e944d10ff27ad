"""The upstream artifacts under specs/: transcribed as published, and the data files follow their formats."""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator

from paystack_contracts.documents import iter_document_paths
from paystack_contracts.findings import pointer
from paystack_contracts.validation import validate_document

SPECS = Path(__file__).resolve().parents[2] / "specs"

# The seeds' bytes, pinned: these files are evidence and must not be "fixed".
PUBLISHED_SHA256 = {
    "paystack/customers.openapi.yaml": "7ddf81df1b4e067859da80bc12f278ff9a15ce22796567f1fa26ebc00cea8c4e",
    "paystack/customer.schema.json": "94d099e7958234d7051915ee3259e2115b6e824eaa9e6f650627ebd2dd3120f1",
}

DATA_FILES = {
    "paystack/docs-endpoints.yaml": "docs-endpoint-table",
    "paystack/sdk-python.yaml": "sdk-method-table",
}


def _format_schema(kind: str) -> dict[str, object]:
    text = resources.files("paystack_contracts.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@pytest.mark.parametrize(("name", "digest"), PUBLISHED_SHA256.items())
def test_published_documents_are_kept_byte_for_byte(name: str, digest: str) -> None:
    assert hashlib.sha256((SPECS / name).read_bytes()).hexdigest() == digest


@pytest.mark.parametrize(("name", "kind"), DATA_FILES.items())
def test_data_files_follow_their_format_schema(name: str, kind: str) -> None:
    data = yaml.safe_load((SPECS / name).read_text("utf-8"))
    schema = _format_schema(kind)
    Draft202012Validator.check_schema(schema)
    assert data["kind"] == kind
    assert [e.message for e in Draft202012Validator(schema).iter_errors(data)] == []


@pytest.mark.parametrize("kind", sorted(set(DATA_FILES.values())))
def test_format_schemas_reject_an_entry_without_its_required_fields(kind: str) -> None:
    schema = _format_schema(kind)
    broken = {"kind": kind, "source": {"seed": "x", "tag": "S999", "origin": "x"}, "base_url": None}
    broken["endpoints" if kind == "docs-endpoint-table" else "methods"] = [{"path": "/customer"}]
    assert not Draft202012Validator(schema).is_valid(broken)


def test_docs_table_lists_the_twelve_endpoints_of_seed_000() -> None:
    data = yaml.safe_load((SPECS / "paystack/docs-endpoints.yaml").read_text("utf-8"))
    labels = [f"{e['method']} {e['path']}" for e in data["endpoints"]]
    assert len(labels) == len(set(labels)) == 12
    assert "GET /customer/:email_or_code" in labels
    undocumented = {e["path"] for e in data["endpoints"] if e["params"] is None}
    assert "/customer/:code" in undocumented


def test_sdk_table_keeps_the_typo_and_the_zero_status_code() -> None:
    data = yaml.safe_load((SPECS / "paystack/sdk-python.yaml").read_text("utf-8"))
    names = [m["name"] for m in data["methods"]]
    assert "validatte" in names
    assert all(0 in {s["code"] for s in m["status_codes"]} for m in data["methods"])


# --- what `paystack-contracts validate` says about each of them -------------------------------------------------

_SEED_RESPONSES = {
    "/customer": {"post": ("201", "401"), "get": ("200", "401", "404")},
    "/customer/{code}": {"get": ("200", "401", "404"), "put": ("200", "401", "404")},
    "/customer/set_risk_action": {"post": ("201", "401")},
    "/customer/deactivate_authorization": {"post": ("201", "401")},
    "/customer/{code}/identification": {"post": ("201", "401")},
}
SEED_DANGLING = {
    pointer("paths", path, method, "responses", status)
    for path, methods in _SEED_RESPONSES.items()
    for method, statuses in methods.items()
    for status in statuses
}
_GLOBALSTACK_EXAMPLE = pointer("paths", "/customers", "post", "requestBody", "content", "application/json", "example")

KNOWN_FINDINGS: dict[str, set[tuple[str, str]]] = {
    "paystack/customers.openapi.yaml": {
        *(("ref-unresolved", p) for p in SEED_DANGLING),
        ("openapi-spec", "/info/contact/email"),
        ("openapi-spec", "/paths/~1customer~1{code}~1identification/post"),  # path parameter `code` not declared
    },
    "paystack/customer.schema.json": set(),
    "paystack/docs-endpoints.yaml": set(),
    "paystack/sdk-python.yaml": set(),
    "globalstack/customers-create.openapi.yaml": {
        ("example-invalid", _GLOBALSTACK_EXAMPLE),  # the page's curl body lacks the required `type`
        ("example-invalid", _GLOBALSTACK_EXAMPLE + "/country_code"),  # "<string>" placeholder vs ^[A-Z]{2}$
    },
}


def test_every_file_under_specs_has_its_expectation_here() -> None:
    on_disk = {p.relative_to(SPECS).as_posix() for p in iter_document_paths(SPECS)}
    assert on_disk == set(KNOWN_FINDINGS)


@pytest.mark.parametrize(("name", "expected"), KNOWN_FINDINGS.items())
def test_validate_reports_exactly_the_known_defects_of_each_spec(name: str, expected: set[tuple[str, str]]) -> None:
    findings = validate_document(SPECS / name)
    assert {(f.rule, f.pointer) for f in findings} == expected
    assert len(findings) == len(expected)


def test_the_seed_spec_has_seventeen_dangling_refs_each_with_its_target() -> None:
    findings = [f for f in validate_document(SPECS / "paystack/customers.openapi.yaml") if f.rule == "ref-unresolved"]
    assert len(SEED_DANGLING) == len(findings) == 17
    targets = {f.message for f in findings}
    assert targets == {
        "$ref '#/paths/~1plan/get/responses/200' does not resolve",
        "$ref '#/paths/~1plan/get/responses/401' does not resolve",
    }


_BUNDLED = sorted(p.name for p in Path(str(resources.files("paystack_contracts.schemas"))).glob("*.schema.json"))


@pytest.mark.parametrize("name", _BUNDLED)
def test_the_bundled_format_schemas_are_valid_json_schemas(name: str) -> None:
    path = Path(str(resources.files("paystack_contracts.schemas").joinpath(name)))
    assert validate_document(path) == []
