"""The catalogue of the contracts' operations and scenarios: what `--list-operations` shows, what filters select, and
the groups the generated phases play."""

from __future__ import annotations

import pytest

from paystack_contracts.errors import UsageError
from paystack_contracts.run.catalogue import contract_operations, select_operations, split, vet_scenarios


def test_the_catalogue_lists_every_operation_with_its_method_and_path() -> None:
    entries = contract_operations()
    assert len(entries) == 14
    assert {e.label for e in entries} >= {"POST /customer", "GET /customer", "POST /customers"}


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ()),
        ({"ids": ["customer_fetch"]}, ("customer_fetch",)),
        ({"methods": ["put"]}, ("customer_update", "customer_directDebitActivationCharge")),
        ({"path_regex": "^/customers$"}, ("globalstack_createCustomer",)),
    ],
)
def test_filters_select_the_operations_that_pass_every_one(filters, expected) -> None:
    assert set(select_operations(**filters)) == set(expected)


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"ids": ["nope"]}, "unknown operation 'nope'; the operations are: "),
        ({"methods": ["FETCH"]}, "unknown method 'FETCH'"),
        ({"ids": ["customer_fetch"], "methods": ["POST"]}, "no operation matches all of the given filters"),
    ],
)
def test_a_filter_nothing_passes_is_a_usage_error_that_says_what_is_valid(filters, message) -> None:
    with pytest.raises(UsageError, match=message):
        select_operations(**filters)


def test_scenarios_are_vetted_by_name() -> None:
    assert vet_scenarios([]) is None
    assert vet_scenarios(["negative contract"]) == ("negative contract",)
    with pytest.raises(UsageError, match="see --list-scenarios"):
        vet_scenarios(["negatve contract"])


@pytest.mark.parametrize(
    ("paths", "weights", "groups"),
    [
        ([("/a", "a"), ("/b", "b"), ("/c", "c")], {}, [("a",), ("b",), ("c",)]),
        ([("/a", "create"), ("/a", "list"), ("/b", "fetch")], {}, [("create", "list"), ("fetch",)]),
        ([("/a", "a"), ("/b", "b1"), ("/b", "b2")], {"a": 5, "b1": 2, "b2": 2}, [("a",), ("b1", "b2")]),
        ([("/a", "a"), ("/b", "b")], {"b": 9}, [("b",), ("a",)]),
        ([], {}, []),
    ],
)
def test_operations_are_grouped_by_path_heaviest_first_ties_in_the_contracts_order(paths, weights, groups) -> None:
    assert split(paths, weights) == groups
