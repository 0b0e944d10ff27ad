"""Schemathesis 4 loads the contracts as written (external $ref, allOf envelopes, links) and generates from them."""

from __future__ import annotations

import json
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.core.result import Err
from schemathesis.core.transport import Response
from tests.contracts.conftest import GLOBALSTACK
from tests.contracts.document import AGREED, links, operations, resolve

ONE_DRAW = settings(max_examples=1, phases=[Phase.generate], database=None, suppress_health_check=list(HealthCheck))


def _schema_errors(schema: Any) -> list[str]:
    return [str(result.err()) for result in schema.get_all_operations() if isinstance(result, Err)]


def test_schemathesis_loads_every_paystack_operation_without_schema_errors(paystack_schema: Any) -> None:
    assert _schema_errors(paystack_schema) == []
    assert sorted(op.label for op in (r.ok() for r in paystack_schema.get_all_operations())) == sorted(AGREED)


def test_schemathesis_loads_the_globalstack_operation_without_schema_errors() -> None:
    schema = schemathesis.openapi.from_path(GLOBALSTACK)
    assert _schema_errors(schema) == []
    assert [r.ok().label for r in schema.get_all_operations()] == ["POST /customers"]


@pytest.mark.parametrize("label", AGREED)
def test_every_operation_yields_a_generated_case(paystack_schema: Any, label: str) -> None:
    method, path = label.split(" ", 1)
    operation = paystack_schema[path][method]
    drawn = []

    @ONE_DRAW
    @given(case=operation.as_strategy())
    def draw(case: Any) -> None:
        drawn.append(case)

    draw()
    assert [case.operation.label for case in drawn] == [label]


def test_state_machine_builds_with_a_rule_for_every_explicit_link(
    paystack_schema: Any, paystack_document: dict[str, Any]
) -> None:
    machine = paystack_schema.as_state_machine()
    rules = [name for name in dir(machine) if "___" in name]
    explicit = links(paystack_document)
    missing = [f"{source} {name}" for source, name, _ in explicit if not any(f"_{name}__" in r for r in rules)]
    assert missing == []
    machine()  # raises NoLinksFound when Schemathesis sees no links


def _response(status: int, body: Any, url: str) -> Response:
    request = requests.Request("GET", url).prepare()
    headers = {"content-type": ["application/json"]}
    return Response(status, headers, json.dumps(body).encode(), request, elapsed=0.0, verify=True)


def _documented_responses(document: dict[str, Any]) -> list[tuple[str, str, Any]]:
    return [
        (label, status, resolve(document, example)["value"])
        for label, operation in operations(document).items()
        for status, response in operation["responses"].items()
        for example in resolve(document, response)["content"]["application/json"]["examples"].values()
    ]


def test_schemathesis_accepts_every_documented_response_example(
    paystack_schema: Any, paystack_document: dict[str, Any]
) -> None:
    documented = _documented_responses(paystack_document)
    assert len(documented) >= 20
    for label, status, body in documented:
        method, path = label.split(" ", 1)
        paystack_schema[path][method].validate_response(_response(int(status), body, "https://api.paystack.co"))


def test_schemathesis_reports_a_drifted_customer_through_the_envelope_and_the_external_schema(
    paystack_schema: Any, paystack_document: dict[str, Any]
) -> None:
    created = [e for e in _documented_responses(paystack_document) if e[:2] == ("POST /customer", "200")]
    body = max((body for _, _, body in created), key=lambda b: len(b["data"]))  # the recorded 17-field create
    drifted = {**body, "data": {**body["data"], "customer_code": "95485991"}}
    with pytest.raises(AssertionError, match="does not match") as info:  # schemathesis' Failure is an AssertionError
        paystack_schema["/customer"]["POST"].validate_response(_response(200, drifted, "https://api.paystack.co"))
    assert "Schema at /$defs/CustomerCode" in str(info.value)
