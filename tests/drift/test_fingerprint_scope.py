"""What fingerprints leave out: free-form fields by name, fields the contract declares open, and what is inside."""

from __future__ import annotations

import pytest

from paystack_contracts.drift.fingerprint_scope import is_free_form, open_paths
from paystack_contracts.project import current_project


@pytest.mark.parametrize(
    ("path", "declared", "free"),
    [
        ("data.metadata", frozenset(), True),
        ("data[].custom_fields", frozenset(), True),
        ("data[].metadata", frozenset(), True),
        ("data.email", frozenset(), False),
        ("data.extra", frozenset({"data.extra"}), True),
        ("data.extra.key", frozenset({"data.extra"}), True),
        ("data.extras", frozenset({"data.extra"}), False),
    ],
)
def test_free_form_fields_and_everything_inside_them_are_out_of_scope(path, declared, free) -> None:
    assert is_free_form(path, declared) is free


def test_the_contract_declares_where_responses_are_open() -> None:
    found = open_paths(current_project().contract("paystack-customers.openapi.yaml"))
    assert ("GET /customer", 200) in found
    assert all(isinstance(paths, frozenset) for paths in found.values())
