"""MockSettings: NAME=VALUE overrides are typed, and bad ones are one-line ConfigErrors."""

from __future__ import annotations

import pytest

from paystack_contracts.errors import ConfigError
from paystack_contracts.mock import MockSettings


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("per_page_as_sent", "false", False),
        ("rate_limit_test", "5", 5),
        ("rate_limit_window", "1.5", 1.5),
        ("max_per_page", "none", None),
        ("max_per_page", "100", 100),
        ("request_id_header", "x-request-id", "x-request-id"),
        ("forbidden_risk_actions", "allow,deny", frozenset({"allow", "deny"})),
        ("duplicate_email", "reject", "reject"),
        ("missing_header_message", "No Authorization Header was found", "No Authorization Header was found"),
    ],
)
def test_overrides_parse_to_the_field_type(name, value, expected):
    assert getattr(MockSettings().with_overrides({name: value}), name) == expected


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("colour", "red", "unknown mock setting 'colour'"),
        ("rate_limit", "maybe", "expected true or false"),
        ("rate_limit_test", "many", "mock setting rate_limit_test"),
        ("error_style", "fancy", "expected one of classic, new"),
    ],
)
def test_bad_overrides_are_config_errors(name, value, message):
    with pytest.raises(ConfigError, match=message):
        MockSettings().with_overrides({name: value})
