"""The sandbox over real HTTP: serve_in_thread, persistence across restarts, and a third-party SDK against it.

pypaystack2 (3.x) has no base-URL option: every sub-client builds URLs from the class attribute `_BASE_URL`
(`base_clients.AbstractAPIClient._full_url`). We point one client instance at the mock by shadowing that attribute
on the instance; nothing global is patched.
"""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest
from pypaystack2.enums import Country, Identification, RiskAction
from pypaystack2.models import Customer
from pypaystack2.sub_clients import CustomerClient

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread

AUTH = {"Authorization": f"Bearer {DEFAULT_TEST_KEY}"}


def test_serve_in_thread_answers_on_an_ephemeral_loopback_port_and_stops():
    with serve_in_thread(create_app()) as base_url:
        assert base_url.startswith("http://127.0.0.1:")
        assert not base_url.endswith(":0")
        assert httpx.get(f"{base_url}/customer/", headers=AUTH).status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{base_url}/customer", headers=AUTH, timeout=1)


def test_a_server_stops_while_a_client_keeps_its_connection_open():
    client = httpx.Client()
    with serve_in_thread(create_app()) as base_url:
        assert client.get(f"{base_url}/customer", headers=AUTH).status_code == 200  # the connection stays open
    with pytest.raises(httpx.TransportError):
        client.get(f"{base_url}/customer", headers=AUTH, timeout=1)
    client.close()


def _slow_app(arrived: threading.Event):
    async def app(scope, receive, send):
        if scope["type"] != "http":
            return
        arrived.set()
        await asyncio.sleep(0.3)
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"late"})

    return app


def test_a_request_in_flight_when_the_server_stops_still_gets_its_answer():
    answers: list[httpx.Response] = []
    arrived = threading.Event()
    with serve_in_thread(_slow_app(arrived)) as base_url:
        asking = threading.Thread(target=lambda: answers.append(httpx.get(base_url, timeout=5)))
        asking.start()
        assert arrived.wait(5)  # the request is being answered when the server is told to stop
    asking.join(5)
    assert [(r.status_code, r.text) for r in answers] == [(200, "late")]


def test_a_db_file_survives_a_restart(tmp_path):
    settings = MockSettings(db_path=tmp_path / "mock.sqlite3")
    first = create_app(settings)
    with serve_in_thread(first) as base_url:
        created = httpx.post(f"{base_url}/customer", json={"email": "kept@example.com"}, headers=AUTH).json()["data"]
    first.state.sandbox.store.close()
    second = create_app(settings)
    with serve_in_thread(second) as base_url:
        fetched = httpx.get(f"{base_url}/customer/{created['customer_code']}", headers=AUTH)
        again = httpx.post(f"{base_url}/customer", json={"email": "new@example.com"}, headers=AUTH).json()["data"]
    second.state.sandbox.store.close()
    assert fetched.status_code == 200
    assert fetched.json()["data"]["email"] == "kept@example.com"
    assert again["id"] == created["id"] + 1


@pytest.fixture(scope="module")
def sdk():
    with serve_in_thread(create_app(MockSettings(random_seed=11))) as base_url:
        client = CustomerClient(secret_key=DEFAULT_TEST_KEY)
        client._BASE_URL = base_url  # see the module docstring
        yield client


def test_pypaystack2_drives_every_customer_method_and_its_models_parse(sdk):
    created = sdk.create(email="sdk@example.com", first_name="Sade", last_name="Adu", metadata={"plan": "gold"})
    assert created.status_code == 200
    assert isinstance(created.data, Customer), created
    code = created.data.customer_code

    listed = sdk.get_customers(pagination=10)
    assert listed.status_code == 200
    assert all(isinstance(item, Customer) for item in listed.data)
    assert code in {item.customer_code for item in listed.data}

    fetched = sdk.get_customer(code)
    assert isinstance(fetched.data, Customer)
    assert fetched.data.first_name == "Sade"
    updated = sdk.update(code, last_name="Bello", metadata={"username": "jigani"})
    assert isinstance(updated.data, Customer)
    assert updated.data.last_name == "Bello"

    validated = sdk.validate(
        "sdk@example.com", first_name="Sade", last_name="Bello", identification_type=Identification.BANK_ACCOUNT,
        country=Country.NIGERIA, bvn="222222222221", bank_code="007", account_number="0111111111",
    )  # fmt: skip
    assert (validated.status_code, validated.message) == (202, "Customer Identification in progress")

    flagged = sdk.flag(code, RiskAction.BLACKLIST)
    assert isinstance(flagged.data, Customer)
    assert flagged.data.risk_action == RiskAction.BLACKLIST

    initialized = sdk.initialize_authorization("sdk@example.com", channel="direct_debit")
    # Methods without a pypaystack2 model leave `.data` None; the parsed body is in `.raw`.
    assert initialized.status_code == 200
    assert initialized.raw["data"]["reference"]
    verified = sdk.verify_authorization(initialized.raw["data"]["reference"])
    assert verified.raw["data"]["active"] is True

    account = {"number": "0123456789", "bank_code": "058"}
    address = {"street": "1 Marina", "city": "Lagos", "state": "Lagos"}
    assert sdk.initialize_direct_debit(fetched.data.id, account, address).status_code == 200
    mandates = sdk.get_mandate_authorizations(fetched.data.id)
    assert mandates.status_code == 200
    assert mandates.meta["total"] == 2
    charged = sdk.trigger_activation_charge(fetched.data.id, mandates.raw["data"][0]["authorization_id"])
    assert charged.message == "Mandate is queued for retry"

    deactivated = sdk.deactivate(verified.raw["data"]["authorization_code"])
    assert (deactivated.status_code, deactivated.message) == (200, "Authorization has been deactivated")
    missing = sdk.deactivate(verified.raw["data"]["authorization_code"])
    assert (missing.status_code, missing.status) == (404, False)
