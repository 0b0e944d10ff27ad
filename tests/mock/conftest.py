"""Fixtures for the mock's tests: an in-process client (httpx over ASGI) and a fresh app per test."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app

LIVE_KEY = "sk_live_" + "1" * 40


class Client:
    """A synchronous face on httpx.AsyncClient + ASGITransport (one event loop for the client's life)."""

    def __init__(self, app: Starlette, key: str | None = DEFAULT_TEST_KEY) -> None:
        self.app = app
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        self._runner = asyncio.Runner()
        self._client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://mock.test", headers=headers
        )

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        return self._runner.run(self._client.request(method, url, **kwargs))

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def create(self, email: str = "ada@example.com", **fields: Any) -> dict[str, Any]:
        response = self.post("/customer", json={"email": email, **fields})
        assert response.status_code == 200, response.text
        return response.json()["data"]  # type: ignore[no-any-return]

    def close(self) -> None:
        self._runner.run(self._client.aclose())
        self._runner.close()


@pytest.fixture
def make_client() -> Iterator[Any]:
    """`make_client(settings=None, key=...)`: a client on a fresh app; all closed at teardown."""
    made: list[Client] = []

    def make(settings: MockSettings | None = None, key: str | None = DEFAULT_TEST_KEY, app: Any = None) -> Client:
        client = Client(app or create_app(settings or MockSettings(random_seed=7)), key)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client: Any) -> Client:
    return make_client()  # type: ignore[no-any-return]
