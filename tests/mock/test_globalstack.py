"""GlobalStack POST /v1/customers: body rules, envelope, ULID ids, Idempotency-Key semantics."""

from __future__ import annotations

import json
import re

import pytest

from paystack_contracts.mock import MockSettings
from paystack_contracts.mock.ids import CROCKFORD

BODY = {"type": "individual", "name": "Alice Johnson", "email": "alice@example.com", "country_code": "NG"}
ULID = f"[{CROCKFORD}]{{26}}"


def post(client, body, key=None, raw=None):
    headers = {"Idempotency-Key": key} if key else {}
    if raw is not None:
        return client.post("/v1/customers", content=raw, headers={**headers, "content-type": "application/json"})
    return client.post("/v1/customers", json=body, headers=headers)


def test_create_answers_the_globalstack_envelope_with_a_ulid_id(client):
    response = post(client, {**BODY, "metadata": {"source": "checkout"}})
    body = response.json()
    assert response.status_code == 201
    assert (body["status"], body["message"], body["code"]) == (True, "Customer created successfully", "ok")
    assert re.fullmatch(f"cust_{ULID}", body["data"]["id"])
    assert re.fullmatch(f"ref_{ULID}", body["data"]["merchant_reference"])
    assert (body["data"]["tier"], body["data"]["kyc_status"]) == ("tier_0", "not_started")
    assert re.fullmatch(f"req_{ULID}", body["meta"]["request_id"])
    assert body["meta"]["version"] == "1"


@pytest.mark.parametrize(
    "change",
    [
        {"type": None},
        {"type": "person"},
        {"type": [True, {}]},  # found by the suite's fuzzing (seed 12): an unhashable value once answered 500
        {"name": ""},
        {"email": "nope"},
        {"country_code": "ng"},
        {"metadata": []},
    ],
)
def test_create_rejects_the_body_rules_with_invalid_input(client, change):
    body = {k: v for k, v in {**BODY, **change}.items() if v is not None}
    response = post(client, body)
    assert (response.status_code, response.json()["code"]) == (400, "invalid_input")


def test_the_same_key_and_bytes_replays_the_stored_answer(client):
    raw = json.dumps(BODY).encode()
    first, second = post(client, None, "retry-key-1", raw), post(client, None, "retry-key-1", raw)
    assert first.status_code == second.status_code == 201
    assert first.content == second.content


def test_the_same_key_with_other_bytes_is_409_idempotency_conflict(client):
    post(client, BODY, "retry-key-2")
    response = post(client, {**BODY, "name": "Bob"}, "retry-key-2")
    assert (response.status_code, response.json()["code"]) == (409, "idempotency_conflict")


def test_a_malformed_key_is_400_invalid_input(client):
    response = post(client, BODY, "short")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_input")


def test_a_key_expires_after_24_hours(make_client):
    now = [1_700_000_000.0]
    client = make_client(MockSettings(clock=lambda: now[0]))
    post(client, BODY, "retry-key-3")
    now[0] += 86_401
    response = post(client, {**BODY, "email": "other@example.com"}, "retry-key-3")
    assert response.status_code == 201


def test_a_second_customer_with_the_same_email_in_any_case_is_409(client):
    post(client, BODY)
    response = post(client, {**BODY, "email": "ALICE@example.com"})
    assert (response.status_code, response.json()["code"]) == (409, "customer_already_exists")


def test_auth_errors_come_in_the_globalstack_envelope(make_client):
    response = post(make_client(key=None), BODY)
    body = response.json()
    assert (response.status_code, body["code"], body["message"]) == (401, "unauthorized", "Unauthorized")
    assert set(body["meta"]) == {"request_id", "timestamp", "version"}
