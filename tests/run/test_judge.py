from __future__ import annotations

import shlex

import pytest

from paystack_contracts.project import current_project
from paystack_contracts.run.judge import contract_pointer, curl_line


def test_the_replay_line_uses_the_environment_variable_not_the_key(canary_key: str) -> None:
    line = curl_line(
        "post",
        "https://api.paystack.co/customer",
        {"Authorization": f"Bearer {canary_key}", "Content-Type": "application/json", "User-Agent": "x"},
        b'{"email": "a@example.com"}',
        canary_key,
    )
    assert canary_key not in line
    assert '"Authorization: Bearer $PAYSTACK_SECRET_KEY"' in line
    assert line.startswith("curl -X POST https://api.paystack.co/customer")
    assert "User-Agent" not in line


def test_a_key_that_leaked_into_a_body_or_url_is_redacted(canary_key: str) -> None:
    line = curl_line("GET", f"https://x.example/customer/{canary_key}", {}, f'{{"k": "{canary_key}"}}')
    assert canary_key not in line


def test_the_replay_line_is_valid_shell() -> None:
    line = curl_line("PUT", "http://127.0.0.1:1/customer/CUS_x", {}, b'{"first_name": "O\'Brien"}')
    assert shlex.split(line)[-1] == '{"first_name": "O\'Brien"}'


@pytest.mark.parametrize(
    ("schema_path", "expected"),
    [
        (["x-bundled", "schema000012", "type"], "contracts/paystack-customer.schema.json#/$defs/CustomerId/type"),
        (["properties", "data", "x-bundled", "schema000001", "required"], "contracts/c.yaml#/components/x/required"),
        (["properties", "status", "type"], "the response schema#/properties/status/type"),
        (["x-bundled", "schema999", "type"], "x-bundled/schema999/type"),  # unknown: as Schemathesis said it
    ],
)
def test_schemathesis_bundled_pointers_become_the_contracts_own_file_and_pointer(schema_path, expected) -> None:
    root = current_project().root.absolute().as_uri()
    uris = {
        "schema000012": f"{root}/contracts/paystack-customer.schema.json#/$defs/CustomerId",
        "schema000001": f"{root}/contracts/c.yaml#/components/x",
    }
    assert contract_pointer(schema_path, uris) == expected
