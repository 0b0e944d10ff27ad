"""Every contract document is valid OpenAPI 3.1 / JSON Schema 2020-12 and every example in it validates."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import OpenAPIV31SpecValidator
from tests.contracts.conftest import CUSTOMER_SCHEMA, OPENAPI_DOCUMENTS, PAYSTACK
from tests.contracts.examples import ContractFile

from paystack_contracts.documents import load_document


@pytest.mark.parametrize("path", OPENAPI_DOCUMENTS, ids=lambda path: path.name)
def test_openapi_document_is_valid_openapi_3_1_with_zero_errors(path: Path) -> None:
    document = load_document(path)
    assert document["openapi"] == "3.1.0"
    errors = [error.message for error in OpenAPIV31SpecValidator(document, base_uri=path.as_uri()).iter_errors()]
    assert errors == []


def test_customer_schema_is_valid_json_schema_2020_12() -> None:
    schema = load_document(CUSTOMER_SCHEMA)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert [error.message for error in Draft202012Validator(Draft202012Validator.META_SCHEMA).iter_errors(schema)] == []


def test_every_example_in_every_contract_file_validates_against_its_schema(contracts: dict[str, ContractFile]) -> None:
    failures = [
        f"{name}#{example.pointer}: {error}"
        for name, contract in contracts.items()
        for example in contract.examples()
        for error in contract.errors(example.schema_pointer, example.value)
    ]
    assert failures == []


@pytest.mark.parametrize(
    ("name", "minimum"),
    [("paystack-customers.openapi.yaml", 60), ("globalstack-customers.openapi.yaml", 6), (CUSTOMER_SCHEMA.name, 6)],
)
def test_the_example_walk_finds_the_examples_it_must_check(
    contracts: dict[str, ContractFile], name: str, minimum: int
) -> None:
    assert len(contracts[name].examples()) >= minimum


def test_a_drifted_example_is_reported_with_its_location(tmp_path: Path) -> None:
    drifted = tmp_path / "contracts"
    drifted.mkdir()
    document = copy.deepcopy(load_document(PAYSTACK))
    create_200 = document["paths"]["/customer"]["post"]["responses"]["200"]["content"]["application/json"]
    create_200["examples"]["recorded"]["value"]["data"]["id"] = "95485991"
    (drifted / PAYSTACK.name).write_text(json.dumps(document))
    (drifted / CUSTOMER_SCHEMA.name).write_bytes(CUSTOMER_SCHEMA.read_bytes())
    contract = ContractFile.load_all([drifted / PAYSTACK.name, drifted / CUSTOMER_SCHEMA.name])[PAYSTACK.name]
    found = [(e.pointer, contract.errors(e.schema_pointer, e.value)) for e in contract.examples()]
    assert [(pointer, errors) for pointer, errors in found if errors] == [
        (
            "/paths/~1customer/post/responses/200/content/application~1json/examples/recorded",
            ["/data/id: '95485991' is not of type 'integer'"],
        )
    ]
