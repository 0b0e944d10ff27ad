"""The `paystack_webhooks` fixture (registered by the plugin): a user's handler test reads in three lines."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paystack_contracts.mock import DEFAULT_TEST_KEY, serve_in_thread
from paystack_contracts.webhooks import verify


@pytest.fixture
def my_handler_url() -> Iterator[str]:
    """Stands in for the user's own handler: refuses what it cannot verify."""

    async def hook(request: Request) -> Response:
        ok = verify(await request.body(), request.headers.get("x-paystack-signature"), DEFAULT_TEST_KEY)
        return Response(status_code=200 if ok else 401)

    with serve_in_thread(Starlette(routes=[Route("/", hook, methods=["POST"])])) as url:
        yield url


def test_a_users_handler_accepts_a_signed_event(paystack_webhooks, my_handler_url):
    answer = paystack_webhooks.send("customeridentification.success", to=my_handler_url)
    assert answer.accepted


def test_a_users_handler_refuses_a_forged_event(paystack_webhooks, my_handler_url):
    answer = paystack_webhooks.send("customeridentification.failed", to=my_handler_url, bad_signature=True)
    assert not answer.accepted


def test_send_defaults_to_the_fixtures_own_receiver(paystack_webhooks):
    assert paystack_webhooks.send("customeridentification.success").accepted
    (delivery,) = paystack_webhooks.receiver.wait_for(1)
    assert delivery.signature_ok


@pytest.mark.parametrize(
    ("success", "event"),
    [(True, b"customeridentification.success"), (False, b"customeridentification.failed")],
)
def test_identify_makes_the_embedded_mock_send_the_outcome_event(paystack_webhooks, success, event):
    delivery = paystack_webhooks.identify(success=success)
    assert delivery is not None
    assert event in delivery.body
    assert paystack_webhooks.findings() == []


def test_send_refuses_a_remote_handler(paystack_webhooks):
    from paystack_contracts.errors import UnsafeTargetError

    with pytest.raises(UnsafeTargetError):
        paystack_webhooks.send("customeridentification.success", to="http://example.com/hook")
