"""Comparing fingerprints: what counts as a change of shape, and what a profile is told about."""

from __future__ import annotations

import pytest

from paystack_contracts.drift.fingerprint_changes import parent_of


@pytest.mark.parametrize(
    ("path", "parent"),
    [("data.customer.email", "data.customer"), ("data[].id", "data[]"), ("data[]", "data"), ("status", "")],
)
def test_the_parent_of_a_field_path_is_its_container(path: str, parent: str) -> None:
    assert parent_of(path) == parent
