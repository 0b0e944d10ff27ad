"""Authorization lifecycle and the direct-debit endpoints."""

from __future__ import annotations

import re

import pytest


def initialize(client, **extra):
    body = {"email": "ada@example.com", "channel": "direct_debit", **extra}
    response = client.post("/customer/authorization/initialize", json=body)
    assert (response.status_code, response.json()["message"]) == (200, "Authorization initialized"), response.text
    return response.json()["data"]


@pytest.mark.parametrize(
    "deactivate_path", ["/customer/authorization/deactivate", "/customer/deactivate_authorization"]
)
def test_initialize_verify_deactivate_lifecycle(client, deactivate_path):
    customer = client.create()
    data = initialize(client, account={"number": "0123456789", "bank_code": "058"})
    assert data["reference"].endswith(data["access_code"])
    assert data["redirect_url"].endswith(data["access_code"])
    verified = client.get(f"/customer/authorization/verify/{data['reference']}").json()
    assert verified["message"] == "Authorization retrieved successfully"
    assert verified["data"]["active"] is True
    assert verified["data"]["customer"] == {"code": customer["customer_code"], "email": customer["email"]}
    code = verified["data"]["authorization_code"]
    assert re.fullmatch(r"AUTH_[A-Za-z0-9]{10}", code)
    done = client.post(deactivate_path, json={"authorization_code": code})
    assert (done.status_code, done.json()) == (200, {"status": True, "message": "Authorization has been deactivated"})
    again = client.post(deactivate_path, json={"authorization_code": code})
    assert (again.status_code, again.json()) == (404, {"status": False, "message": "Authorization code not found."})
    assert client.get(f"/customer/authorization/verify/{data['reference']}").json()["data"]["active"] is False


def test_verify_of_an_unknown_reference_is_404(client):
    response = client.get("/customer/authorization/verify/nope")
    assert response.status_code == 404
    assert response.json()["message"] == "Authorization does not exist or does not belong to integration"


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"email": "a@example.com"}, 400),
        ({"email": "a@example.com", "channel": "card"}, 400),
        ({"email": "a@example.com", "channel": "direct_debit", "account": {"number": "1"}}, 400),
        ({"email": "a@example.com", "channel": "direct_debit", "address": "Lagos"}, 400),
        ({"email": "a@example.com", "channel": "direct-debit"}, 200),
    ],
)
def test_initialize_validates_its_body(client, body, status):
    assert client.post("/customer/authorization/initialize", json=body).status_code == status


def test_direct_debit_mandate_lifecycle_by_numeric_id(client):
    customer = client.create()
    body = {
        "account": {"number": "0123456789", "bank_code": "058"},
        "address": {"street": "1 A", "city": "Ikeja", "state": "Lagos"},
    }
    started = client.post(f"/customer/{customer['id']}/initialize-direct-debit", json=body)
    assert (started.status_code, started.json()["message"]) == (200, "Authorization initialized")
    listed = client.get(f"/customer/{customer['id']}/directdebit-mandate-authorizations").json()
    assert listed["message"] == "Mandate authorizations retrieved successfully"
    assert listed["meta"] == {"per_page": 50, "next": None, "count": 1, "total": 1}
    item = listed["data"][0]
    assert item["status"] == "active"
    assert item["customer"]["customer_code"] == customer["customer_code"]
    charged = client.put(
        f"/customer/{customer['id']}/directdebit-activation-charge", json={"authorization_id": item["authorization_id"]}
    )
    assert (charged.status_code, charged.json()) == (200, {"status": True, "message": "Mandate is queued for retry"})


@pytest.mark.parametrize(
    ("method", "path", "body", "status"),
    [
        ("POST", "/customer/{id}/initialize-direct-debit", {}, 400),
        ("POST", "/customer/abc/initialize-direct-debit", {}, 400),
        ("PUT", "/customer/{id}/directdebit-activation-charge", {}, 400),
        ("PUT", "/customer/{id}/directdebit-activation-charge", {"authorization_id": "x"}, 400),
        ("PUT", "/customer/{id}/directdebit-activation-charge", {"authorization_id": 1}, 404),
        ("GET", "/customer/99/directdebit-mandate-authorizations", None, 404),
    ],
)
def test_direct_debit_errors(client, method, path, body, status):
    customer = client.create()
    response = client.request(method, path.format(id=customer["id"]), json=body)
    assert response.status_code == status
    assert response.json()["status"] is False
