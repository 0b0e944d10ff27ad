"""Customer endpoints: messages, status codes, shapes and state, as the reference note records them."""

from __future__ import annotations

import re

import pytest

from paystack_contracts.mock import MockSettings

from .conftest import LIVE_KEY

CREATE_FIELDS = {
    "transactions", "subscriptions", "authorizations", "email", "first_name", "last_name", "phone", "integration",
    "domain", "metadata", "customer_code", "risk_action", "id", "createdAt", "updatedAt", "identified",
    "identifications",
}  # fmt: skip
LIST_FIELDS = {
    "integration", "first_name", "last_name", "email", "phone", "metadata", "domain", "customer_code",
    "risk_action", "id", "createdAt", "updatedAt",
}  # fmt: skip
MILLIS = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def test_create_answers_200_customer_created_with_the_full_recorded_shape(client):
    response = client.post("/customer", json={"email": "ada@example.com", "first_name": "Ada", "phone": "+2348"})
    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["message"]) == (True, "Customer created")
    assert set(body["data"]) == CREATE_FIELDS
    assert re.fullmatch(r"CUS_[a-z0-9]{15}", body["data"]["customer_code"])
    assert isinstance(body["data"]["id"], int)
    assert len(str(body["data"]["id"])) == 8
    assert body["data"]["integration"] == 463433
    assert body["data"]["domain"] == "test"
    assert MILLIS.fullmatch(body["data"]["createdAt"])


def test_create_accepts_form_bodies_with_bracket_notation(client):
    response = client.post("/customer/", data={"email": "f@example.com", "metadata[plan]": "gold", "last_name": "O"})
    assert response.status_code == 200
    assert response.json()["data"]["metadata"] == {"plan": "gold"}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({}, "Email Address is required"),
        ({"email": ""}, "Email Address is required"),
        ({"email": "not-an-email"}, "Invalid Email Address Passed"),
        ({"email": 42}, "Invalid Email Address Passed"),
        ({"email": "a@example.com", "metadata": None}, '"metadata" must be of type object'),
        ({"email": "a@example.com", "metadata": [1]}, '"metadata" must be of type object'),
        ({"email": "a@example.com", "metadata": "plain"}, '"metadata" must be of type object'),
        ({"email": "a@example.com", "first_name": 7}, '"first_name" must be a string'),
    ],
)
def test_create_rejects_bad_fields_with_the_documented_message(client, body, message):
    response = client.post("/customer", json=body)
    assert response.status_code == 400
    assert response.json() == {"status": False, "message": message}


def test_a_stringified_json_object_is_accepted_as_metadata_by_default(client):
    assert client.create(metadata='{"a": "b"}')["metadata"] == {"a": "b"}


@pytest.mark.parametrize(
    ("policy", "status", "first_name"),
    [("return_existing", 200, "Ada"), ("update_existing", 200, "Bola"), ("reject", 400, None)],
)
def test_duplicate_email_follows_the_setting(make_client, policy, status, first_name):
    client = make_client(MockSettings(duplicate_email=policy))
    first = client.create(first_name="Ada")
    response = client.post("/customer", json={"email": "ADA@example.com", "first_name": "Bola"})
    assert response.status_code == status
    if first_name:
        assert response.json()["data"]["customer_code"] == first["customer_code"]
        assert response.json()["data"]["first_name"] == first_name


@pytest.mark.parametrize("key", ["email", "customer_code", "id"])
def test_fetch_finds_a_customer_by_email_code_or_numeric_id(client, key):
    created = client.create()
    response = client.get(f"/customer/{created[key]}/")
    data = response.json()["data"]
    assert (response.status_code, response.json()["message"]) == (200, "Customer retrieved")
    assert data["createdAt"].endswith(".000Z")
    assert data["updated_at"] == data["updatedAt"]
    assert {"total_transactions", "total_transaction_value", "dedicated_account"} <= set(data)


def test_a_list_item_reappears_unchanged_in_the_fetch(client):
    client.create()
    item = client.get("/customer").json()["data"][0]
    assert set(item) == LIST_FIELDS
    fetched = client.get(f"/customer/{item['customer_code']}").json()["data"]
    assert item.items() <= fetched.items()


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("nobody@example.com", "Customer email is invalid for your test domain."),
        ("CUS_000000000000000", "Customer not found"),
        ("12345", "Customer not found"),
    ],
)
def test_fetch_of_an_unknown_customer_is_404_with_the_real_text(client, key, message):
    response = client.get(f"/customer/{key}")
    assert (response.status_code, response.json()) == (404, {"status": False, "message": message})


def test_records_are_partitioned_by_the_key_mode(make_client):
    test_client = make_client()
    live_client = make_client(app=test_client.app, key=LIVE_KEY)
    created = test_client.create()
    assert live_client.get(f"/customer/{created['customer_code']}").status_code == 404
    assert live_client.create()["domain"] == "live"
    assert live_client.get("/customer").json()["meta"]["total"] == 1


def test_update_is_partial_and_persisted(client):
    created = client.create(first_name="Ada", last_name="Obi")
    response = client.put(f"/customer/{created['id']}", json={"first_name": "Bola", "email": "x@example.com"})
    assert (response.status_code, response.json()["message"]) == (200, "Customer updated")
    fetched = client.get(f"/customer/{created['customer_code']}").json()["data"]
    assert (fetched["first_name"], fetched["last_name"], fetched["email"]) == ("Bola", "Obi", "ada@example.com")


def test_update_can_reject_email_by_setting(make_client):
    client = make_client(MockSettings(update_email="reject"))
    code = client.create()["customer_code"]
    assert client.put(f"/customer/{code}", json={"email": "x@example.com"}).status_code == 400


IDENTITY = {
    "country": "NG", "type": "bank_account", "first_name": "Ada", "last_name": "Obi", "bvn": "222222222221",
    "bank_code": "007", "account_number": "0111111111",
}  # fmt: skip


def test_identification_answers_202_with_no_data_and_marks_the_test_identity_identified(client):
    created = client.create()
    response = client.post(f"/customer/{created['email']}/identification", json=IDENTITY)
    assert (response.status_code, response.json()) == (
        202,
        {"status": True, "message": "Customer Identification in progress"},
    )
    assert client.get(f"/customer/{created['customer_code']}").json()["data"]["identified"] is True


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"bvn": None}, '"bvn" is required'),
        ({"country": None}, '"country" is required'),
        ({"account_number": None}, '"account_number" is required'),
        ({"bvn": "2222x2222221"}, "Invalid BVN"),
        ({"type": "passport"}, '"type" must be one of [bank_account]'),
    ],
)
def test_identification_validates_fields_before_anything_else(client, change, message):
    body = {key: value for key, value in {**IDENTITY, **change}.items() if value is not None}
    response = client.post("/customer/CUS_unknown/identification", json=body)
    assert (response.status_code, response.json()["message"]) == (400, message)


def test_risk_action_by_email_is_persisted(client):
    created = client.create()
    response = client.post("/customer/set_risk_action", json={"customer": created["email"], "risk_action": "deny"})
    assert (response.status_code, response.json()["data"]["risk_action"]) == (200, "deny")
    assert "transactions" not in response.json()["data"]
    assert client.get(f"/customer/{created['id']}").json()["data"]["risk_action"] == "deny"


def test_risk_action_forbidden_by_the_integration_is_403(make_client):
    client = make_client(MockSettings(forbidden_risk_actions=frozenset({"allow"})))
    code = client.create()["customer_code"]
    response = client.post("/customer/set_risk_action", json={"customer": code, "risk_action": "allow"})
    assert response.status_code == 403
    assert response.json()["message"] == "You cannot modify risk level of customers on this integration"


def test_new_style_errors_carry_type_code_and_next_step(make_client):
    client = make_client(MockSettings(error_style="new"))
    body = client.post("/customer", json={}).json()
    assert body == {
        "status": False,
        "message": "Email Address is required",
        "meta": {"nextStep": "Provide all required params\u00a0"},
        "type": "validation_error",
        "code": "missing_params",
    }
