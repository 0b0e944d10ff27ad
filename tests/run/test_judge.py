from __future__ import annotations

import shlex

import pytest

from paystack_contracts.project import current_project
from paystack_contracts.run.judge import Scrubber, contract_pointer


def test_the_replay_line_uses_the_environment_variable_not_the_key(canary_key: str) -> None:
    line = Scrubber((canary_key,)).curl(
        "post",
        "https://api.paystack.co/customer",
        {"Authorization": f"Bearer {canary_key}", "Content-Type": "application/json", "User-Agent": "x"},
        b'{"email": "a@example.com"}',
    )
    assert canary_key not in line
    assert '"Authorization: Bearer $PAYSTACK_SECRET_KEY"' in line
    assert line.startswith("curl -X POST https://api.paystack.co/customer")
    assert "User-Agent" not in line


def test_a_key_that_leaked_into_a_body_or_url_is_redacted(canary_key: str) -> None:
    line = Scrubber().curl("GET", f"https://x.example/customer/{canary_key}", {}, f'{{"k": "{canary_key}"}}')
    assert canary_key not in line


def test_the_replay_line_is_valid_shell() -> None:
    line = Scrubber().curl("PUT", "http://127.0.0.1:1/customer/CUS_x", {}, b'{"first_name": "O\'Brien"}')
    assert shlex.split(line)[-1] == '{"first_name": "O\'Brien"}'


@pytest.mark.parametrize("embedded", [{"drift": ("id-as-string",)}], indirect=True)
def test_a_drifted_response_gives_findings_that_name_their_check_and_the_json_path(embedded) -> None:
    case = embedded.case("customer_fetch", path_parameters={"email_or_code": embedded_customer_code(embedded)})
    judged = embedded.session.client.send(case)
    assert judged is not None
    assert judged.failed
    checks = {f.check for f in judged.findings}
    assert {"paystack_identifiers", "paystack_resource"} <= checks
    assert all(f.location and f.location.startswith("$") for f in judged.findings if f.check == "paystack_resource")
    assert all(f.replay == judged.replay for f in judged.findings)


def test_checks_off_records_the_response_without_judging_it(embedded) -> None:
    case = embedded.case("customer_list")
    response = case.call(session=embedded.session.client.session)
    judged = embedded.session.client.judge.judge(case, response, ())
    assert (judged.findings, judged.checks_run) == ((), ())
    assert judged.exchange.status_code == 200


def test_what_the_judge_stores_is_scrubbed_of_the_key_and_of_pii_when_asked(canary_key: str) -> None:
    scrub = Scrubber((canary_key,), mask_pii=True)
    text = scrub.text(f'{{"email": "jane@gmail.com", "echo": "{canary_key}"}}'.encode())
    assert text is not None
    assert canary_key not in text
    assert "jane@gmail.com" not in text
    assert scrub.headers({"Authorization": f"Bearer {canary_key}", "X-Echo": canary_key}) == {
        "Authorization": "[REDACTED]",
        "X-Echo": "[REDACTED]",
    }


def embedded_customer_code(embedded) -> str:
    listed = embedded.session.client.send(embedded.case("customer_list"), checks=())
    return listed.body["data"][0]["customer_code"]


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


def test_a_body_too_deep_to_read_is_one_finding_and_its_exchange_does_not_keep_it(embedded) -> None:
    case = embedded.case("customer_list")
    response = case.call(session=embedded.session.client.session)
    response.content = b'{"a":' * 100_000 + b"1" + b"}" * 100_000
    judged = embedded.session.client.judge.judge(case, response)
    assert not judged.readable
    assert [(f.rule, f.check) for f in judged.findings] == [("response-too-deep", "transport")]
    assert judged.checks_run == ()
    assert judged.exchange.response_body == "<not kept: nested past 128 levels>"
