"""The checks ask the contract itself which successes carry `data` and which data is customer data."""

from __future__ import annotations

import pytest

from paystack_contracts.checks.contract_view import customer_shape, requires_data


@pytest.mark.parametrize(
    ("operation_id", "status", "shape"),
    [
        ("customer_list", 200, ("ListItem", True)),
        ("customer_fetch", 200, ("FetchedCustomer", False)),
        ("customer_create", 200, (None, False)),
        ("customer_validate", 202, None),
    ],
)
def test_the_customer_shape_of_a_response_comes_from_the_contract(embedded, operation_id, status, shape) -> None:
    assert customer_shape(embedded.case(operation_id), status) == shape


def test_a_success_requires_data_where_its_documented_schema_does(embedded) -> None:
    assert requires_data(embedded.case("customer_list"), 200) is True
    assert requires_data(embedded.case("customer_validate"), 202) is False
