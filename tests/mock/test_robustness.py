"""Bad input never crashes the sandbox: every answer is a JSON envelope with a 4xx status."""

from __future__ import annotations

import pytest

from paystack_contracts.mock import MockSettings

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("method", "path", "kwargs", "status"),
    [
        ("POST", "/customer", {"content": b"", "headers": JSON}, 400),
        ("POST", "/customer", {"content": b"{not json", "headers": JSON}, 400),
        ("POST", "/customer", {"content": b"[1, 2]", "headers": JSON}, 400),
        ("POST", "/customer", {"content": b'"text"', "headers": JSON}, 400),
        ("POST", "/customer", {"content": b'{"email": "\\ud800@x.com"}', "headers": JSON}, 400),
        ("POST", "/customer", {"content": b"\xff\xfe\x00", "headers": JSON}, 400),
        ("POST", "/customer", {"content": b"[" * 100_000, "headers": JSON}, 400),
        (
            "POST",
            "/customer",
            {"content": b"a=%ff", "headers": {"content-type": "application/x-www-form-urlencoded"}},
            400,
        ),
        ("POST", "/customer", {"json": {"email": "nul\u0000@example.com"}}, 400),
        ("POST", "/customer", {"json": {"email": "ünï@example.com", "first_name": "\u0000"}}, 400),
        ("PUT", "/customer/%00", {"json": {}}, 404),
        ("GET", "/customer/%F0%9F%98%80", {}, 404),
        ("GET", "/customer/" + "9" * 40, {}, 404),
        ("POST", "/customer/set_risk_action", {"json": {"customer": ["x"]}}, 400),
        ("POST", "/customer/set_risk_action", {"json": {"customer": "x", "risk_action": {}}}, 400),
        ("GET", "/customer?perPage=" + "9" * 30, {}, 200),
        ("GET", "/customer?page=99999999999&perPage=99999999999", {}, 200),
        ("GET", "/customer?from=9999-12-31T23:59:59Z&to=0001-01-01", {}, 200),
        ("GET", "/no/such/path", {}, 404),
        ("DELETE", "/customer", {}, 405),
        ("PATCH", "/v1/customers", {}, 405),
    ],
)
def test_bad_input_gets_a_json_envelope_not_a_crash(client, method, path, kwargs, status):
    response = client.request(method, path, **kwargs)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.json()["status"] is (status == 200)


def test_405_names_the_allowed_methods(client):
    assert client.request("DELETE", "/customer/set_risk_action").headers["allow"] == "POST"


def test_a_huge_body_is_413_in_the_envelope(make_client):
    client = make_client(MockSettings(max_body_bytes=1000))
    response = client.post("/customer", content=b"x" * 5000, headers=JSON)
    assert (response.status_code, response.json()["status"]) == (413, False)


def test_html_edge_mode_answers_the_cloudflare_page(make_client):
    client = make_client(MockSettings(html_edge_errors=True))
    response = client.post("/customer", content=b"{oops", headers=JSON)
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("text/html")
    assert b"cloudflare" in response.content


def test_unicode_and_nul_bytes_survive_a_round_trip(client):
    created = client.create("emilie@example.com", first_name="Émilie 😀\u0000", metadata={"k\u0000": "naïve"})
    fetched = client.get(f"/customer/{created['customer_code']}").json()["data"]
    assert (fetched["first_name"], fetched["metadata"]) == ("Émilie 😀\u0000", {"k\u0000": "naïve"})
