"""Fixtures for the proxy: the mock on a loopback port, a proxy in front of it, pypaystack2 pointed at the proxy.

pypaystack2 (3.x) has no base-URL option; as in tests/mock/test_server.py we shadow the class attribute `_BASE_URL`
on one client instance (nothing global is patched).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import httpx
import pytest
from pypaystack2.sub_clients import CustomerClient

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.proxy import Inspector, Observed, ProxyConfig, RunningProxy, running_proxy

AUTH = {"Authorization": f"Bearer {DEFAULT_TEST_KEY}"}


@pytest.fixture
def mock_url() -> Iterator[str]:
    with serve_in_thread(create_app(MockSettings(random_seed=5))) as url:
        yield url


@pytest.fixture
def proxy(mock_url: str) -> Iterator[RunningProxy]:
    with running_proxy(ProxyConfig.vetted(mock_url), Inspector.for_target(mock_url)) as running:
        yield running


def sdk_client(base_url: str, key: str = DEFAULT_TEST_KEY) -> CustomerClient:
    client = CustomerClient(secret_key=key)
    client._BASE_URL = base_url  # see the module docstring
    return client


def observe(client: httpx.Client) -> Callable[[httpx.Response], Observed]:
    """An `Observed` from an httpx exchange (the test's own account of what went over the wire)."""

    def observed(response: httpx.Response) -> Observed:
        request = response.request
        return Observed(
            request.method,
            str(request.url),
            tuple(request.headers.multi_items()),
            request.content,
            response.status_code,
            tuple(response.headers.multi_items()),
            response.content,
        )

    return observed


def exchange(response: httpx.Response) -> Observed:
    return observe(httpx.Client())(response)
