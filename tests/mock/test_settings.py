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


def _fetch_keys(client):
    code = client.create()["customer_code"]
    return set(client.get(f"/customer/{code}").json()["data"])


@pytest.mark.parametrize(
    ("settings", "observe", "default", "changed"),
    [
        ({"fetch_dedicated_accounts": True}, lambda c: "dedicated_accounts" in _fetch_keys(c), False, True),
        ({"list_meta_default": "cursor"}, lambda c: sorted(c.get("/customer").json()["meta"]),
         ["page", "pageCount", "perPage", "skipped", "total"], ["next", "perPage", "previous"]),
        ({"request_id_header": "x-request-id"}, lambda c: "x-request-id" in c.get("/customer").headers, False, True),
        (
            {"accept_hyphenated_channel": False},
            lambda c: c.post("/customer/authorization/initialize", json={"email": "a@b.co", "channel": "direct-debit"})
            .status_code,
            200,
            400,
        ),
        ({"unknown_code_message": "No such customer"}, lambda c: c.get("/customer/CUS_x").json()["message"],
         "Customer not found", "No such customer"),
        ({"integration_id": 1}, lambda c: c.create()["integration"], 463433, 1),
        ({"metadata_string_accepted": False}, lambda c: c.post("/customer", json={"email": "a@b.co", "metadata": "{}"})
         .status_code, 200, 400),
        ({"json_without_content_type": True},
         lambda c: c.post("/customer", content=b'{"email": "a@b.co"}', headers={"content-type": ""}).status_code,
         400, 200),
        ({"per_page_as_sent": True}, lambda c: c.get("/customer?perPage=5").json()["meta"]["perPage"], 5, "5"),
    ],
)  # fmt: skip
def test_each_setting_changes_what_it_says(make_client, settings, observe, default, changed):
    assert observe(make_client()) == default
    assert observe(make_client(MockSettings(random_seed=7, **settings))) == changed
