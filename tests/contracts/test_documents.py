"""Every contract file validates with zero findings under the project's own `validate`, examples included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.contracts.conftest import CONTRACTS, CUSTOMER_SCHEMA, GLOBALSTACK, PAYSTACK

from paystack_contracts.documents import load_document
from paystack_contracts.validation import check_document, validate_document

KINDS = {PAYSTACK: "openapi", GLOBALSTACK: "openapi", CUSTOMER_SCHEMA: "json-schema"}


@pytest.mark.parametrize(("path", "kind"), KINDS.items(), ids=lambda value: getattr(value, "name", value))
def test_contract_file_is_checked_as_its_kind_with_zero_findings(path: Path, kind: str) -> None:
    result = check_document(path, root=CONTRACTS.parent)
    assert (result.kind, [str(finding) for finding in result.findings]) == (kind, [])


@pytest.mark.parametrize("path", [PAYSTACK, GLOBALSTACK], ids=lambda path: path.name)
def test_openapi_contracts_are_openapi_3_1(path: Path) -> None:
    assert load_document(path)["openapi"] == "3.1.0"


def test_customer_schema_is_json_schema_2020_12_with_a_stable_id() -> None:
    schema = load_document(CUSTOMER_SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:paystack-contracts:schema:paystack-customer:1"


def _set(document: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        document = document[key]
    if value is None:
        del document[path[-1]]
    else:
        document[path[-1]] = value


CREATE_200 = ("paths", "/customer", "post", "responses", "200", "content", "application/json", "examples", "recorded")
DD_FORM = ("paths", "/customer/{id}/initialize-direct-debit", "post", "requestBody", "content",
           "application/x-www-form-urlencoded", "examples", "docs")  # fmt: skip

DRIFTS = {
    # file: [(where to change, new value (None deletes), the pointer the finding must name), ...]
    PAYSTACK: [
        ((*CREATE_200, "value", "data", "id"), "95485991",  # a response example, through the external $ref
         "/paths/~1customer/post/responses/200/content/application~1json/examples/recorded/value/data/id"),
        ((*DD_FORM, "value", "address[city]"), None,  # a form request example (dependentRequired)
         "/paths/~1customer~1{id}~1initialize-direct-debit/post/requestBody/content/"
         "application~1x-www-form-urlencoded/examples/docs/value"),
        (("components", "parameters", "CustomerIdPath", "example"), 0,  # a parameter example
         "/components/parameters/CustomerIdPath/example"),
        (("components", "examples", "InvalidKey", "value", "status"), True,  # a shared example, where it is used
         "/components/responses/Unauthorized/content/application~1json/examples/invalid_key/value/status"),
    ],
    CUSTOMER_SCHEMA: [
        (("$defs", "ListItem", "examples", 0, "customer_code"), "cus_lower",
         "/$defs/ListItem/examples/0/customer_code"),
    ],
    GLOBALSTACK: [
        (("components", "responses", "CustomerCreated", "content", "application/json", "examples", "created", "value",
          "data", "id"), "cust_01HXYZ4K5ABCDEFGHJKLMNPQRS",  # the seed's id: not a ULID (ledger #28)
         "/components/responses/CustomerCreated/content/application~1json/examples/created/value/data/id"),
    ],
}  # fmt: skip


@pytest.mark.parametrize(("path", "drifts"), DRIFTS.items(), ids=lambda value: getattr(value, "name", ""))
def test_drifted_examples_are_reported_at_their_locations(
    tmp_path: Path, path: Path, drifts: list[tuple[tuple[Any, ...], Any, str]]
) -> None:
    for sibling in KINDS:  # copy all three: the OpenAPI files $ref the Customer schema by relative path
        shutil.copy(sibling, tmp_path / sibling.name)
    document = load_document(path)
    for where, value, _ in drifts:
        _set(document, where, value)
    text = json.dumps(document) if path.suffix == ".json" else yaml.safe_dump(document, allow_unicode=True)
    (tmp_path / path.name).write_text(text, encoding="utf-8")
    findings = validate_document(tmp_path / path.name)
    assert sorted((finding.rule, finding.pointer) for finding in findings) == sorted(
        ("example-invalid", expected) for _, _, expected in drifts
    )
