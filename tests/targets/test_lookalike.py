"""The look-alike is a second faithful target: it takes the other side of every open question the mock settles."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from tests.mock.conftest import Client
from tests.targets import lookalike

from paystack_contracts.mock import create_app


@pytest.fixture
def mock() -> Iterator[Client]:
    client = Client(create_app())
    yield client
    client.close()


@pytest.fixture
def alike() -> Iterator[Client]:
    client = Client(lookalike.create_app(), key=lookalike.LOOKALIKE_KEY)
    yield client
    client.close()


def created(client: Client, **body: Any) -> dict[str, Any]:
    data: dict[str, Any] = client.post("/customer", json={"email": "ada@example.com", **body}).json()["data"]
    return data


def twice(client: Client) -> bool:
    return created(client)["customer_code"] == created(client)["customer_code"]


def mandate_status(client: Client) -> int:
    return client.get("/customer/abc/directdebit-mandate-authorizations").status_code


def email_after_put(client: Client) -> str:
    code = created(client)["customer_code"]
    client.put(f"/customer/{code}", json={"email": "new@example.com"})
    email: str = client.get(f"/customer/{code}").json()["data"]["email"]
    return email


def no_header_message(client: Client) -> str:
    anonymous = Client(client.app, key=None)
    try:
        message: str = anonymous.get("/customer").json()["message"]
    finally:
        anonymous.close()
    return message


QUESTIONS: list[tuple[str, Callable[[Client], Any], Any, Any]] = [
    ("§5.1 a duplicate email", twice, True, False),
    ("§5.3 validation errors carry type", lambda c: "type" in c.post("/customer", json={}).json(), False, True),
    ("§5.5 stringified metadata", lambda c: c.post("/customer", json={"email": "a@b.co", "metadata": "{}"})
     .status_code, 200, 400),
    ("§5.6 email on PUT", email_after_put, "ada@example.com", "new@example.com"),
    ("§5.7 a request-id header", lambda c: "x-request-id" in c.get("/customer").headers, False, True),
    ("§5.8 the missing-header text", no_header_message, "No Authorization header was found",
     "No Authorization Header was found"),
    ("§5.10 dedicated_accounts on fetch", lambda c: "dedicated_accounts" in c.get(
        f"/customer/{created(c)['customer_code']}").json()["data"], False, True),
    ("#17 meta of a plain list", lambda c: sorted(c.get("/customer").json()["meta"]),
     ["page", "pageCount", "perPage", "skipped", "total"], ["next", "perPage", "previous"]),
    ("#31 fields of an email-only create", lambda c: len(created(c)), 17, 9),
    ("#32 identifications", lambda c: created(c)["identifications"], [], None),
    ("risk_action on update", lambda c: "risk_action" in c.put(
        f"/customer/{created(c)['customer_code']}", json={"first_name": "A"}).json()["data"], True, False),
    ("a non-numeric mandate id", mandate_status, 400, 404),
    ("GlobalStack at /v1", lambda c: c.post("/v1/customers", json={}).status_code != 404, True, False),
    ("a JSON body without Content-Type", lambda c: c.post(
        "/customer", content=b'{"email": "a@b.co"}', headers={"content-type": ""}).status_code, 400, 400),
]  # fmt: skip


@pytest.mark.parametrize(("observe", "ours", "theirs"), [q[1:] for q in QUESTIONS], ids=[q[0] for q in QUESTIONS])
def test_the_look_alike_answers_each_open_question_its_own_way(mock, alike, observe, ours, theirs) -> None:
    assert (observe(mock), observe(alike)) == (ours, theirs)


@pytest.mark.parametrize("path", ["/customer", "/customer/", "/customer/set_risk_action"])
def test_every_answer_is_the_json_envelope(alike, path) -> None:
    for method in ("GET", "POST", "PUT", "PATCH"):
        answer = alike.request(method, path, content=b"a=%ff", headers={"content-type": "multipart/form-data"})
        assert answer.headers["content-type"] == "application/json"
        assert set(answer.json()) >= {"status", "message"}


def test_serve_answers_on_an_ephemeral_loopback_port() -> None:
    import httpx

    with lookalike.serve() as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{base_url}/customer").status_code == 401
