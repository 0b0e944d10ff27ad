from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from tests.run.servers import CountingServer, counting_server

from paystack_contracts.mock import MockSettings, create_app, serve_in_thread


@pytest.fixture
def counter() -> Iterator[CountingServer]:
    """Answers 401 to everything: tests assert how many requests got there (ideally none)."""
    with counting_server() as server:
        yield server


@pytest.fixture
def edge() -> Iterator[CountingServer]:
    with counting_server(html=True) as server:
        yield server


@pytest.fixture
def served_mock(request: pytest.FixtureRequest) -> Iterator[tuple[str, Starlette]]:
    """The mock over HTTP; parametrize indirectly with a MockSettings to change it."""
    settings = getattr(request, "param", None) or MockSettings(seed_customers=2, random_seed=5)
    app = create_app(settings)
    with serve_in_thread(app) as base_url:
        yield base_url, app
