"""Delivery: Paystack's schedule, retries until a 2xx (scaled for tests), none after it, bounded, persistent."""

from __future__ import annotations

import itertools

import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY, serve_in_thread
from paystack_contracts.mock.store import Store
from paystack_contracts.webhooks import Receiver, Scripted, sign
from paystack_contracts.webhooks.delivery import DeliveryConfig, Dispatcher, retry_delays

BODY = b'{"event":"customeridentification.success","data":{}}'
SCALE = 0.0001  # an hour becomes 0.36 s


@pytest.mark.parametrize(
    ("mode", "hours", "expected"),
    [
        ("test", {"test_hours": 72}, (3600.0,) * 72),
        ("test", {"test_hours": 10}, (3600.0,) * 10),
        ("live", {"live_hours": 72}, (180.0,) * 4 + (3600.0,) * 72),
    ],
)
def test_the_schedule_follows_the_documented_cadence(mode, hours, expected):
    assert retry_delays(mode, **hours) == expected


def deliver(statuses, *, hours=3, url_suffix="/hook"):
    receiver = Receiver(DEFAULT_TEST_KEY, answer=Scripted(statuses))
    store = Store()
    with serve_in_thread(receiver.app) as url:
        config = DeliveryConfig(url + url_suffix, time_scale=SCALE, test_retry_hours=hours)
        dispatcher = Dispatcher(store, config).start()
        dispatcher.enqueue("customeridentification.success", "test", BODY, sign(BODY, DEFAULT_TEST_KEY))
        assert dispatcher.wait_idle(timeout=10)
        dispatcher.close()
    return receiver.deliveries, list(dispatcher.log)


def test_a_receiver_answering_500_gets_retries_on_the_scaled_schedule_and_none_after_its_200():
    deliveries, log = deliver([500, 500, 200])
    assert [d.answered for d in deliveries] == [500, 500, 200]
    assert [(a.attempt, a.status, a.outcome) for a in log] == [
        (1, 500, "retrying"),
        (2, 500, "retrying"),
        (3, 200, "delivered"),
    ]
    gaps = [later.received_at - earlier.received_at for earlier, later in itertools.pairwise(deliveries)]
    assert all(gap >= 3600 * SCALE * 0.9 for gap in gaps), gaps


def test_retries_stop_when_the_schedule_is_exhausted():
    deliveries, log = deliver([500], hours=2)
    assert len(deliveries) == 3  # the first attempt and two hourly retries
    assert log[-1].outcome == "given-up"


def test_every_attempt_carries_the_stored_signature():
    deliveries, _ = deliver([200])
    assert deliveries[0].signature_ok
    assert deliveries[0].body == BODY


def test_a_pending_delivery_survives_a_restart_of_the_dispatcher(tmp_path):
    receiver = Receiver(DEFAULT_TEST_KEY)
    with serve_in_thread(receiver.app) as url:
        config = DeliveryConfig(url, time_scale=SCALE)
        store = Store(tmp_path / "mock.db")
        first = Dispatcher(store, config)  # never started: as if the mock stopped before the delivery was due
        first.enqueue("customeridentification.success", "test", BODY, sign(BODY, DEFAULT_TEST_KEY))
        store.close()
        store = Store(tmp_path / "mock.db")
        second = Dispatcher(store, config).start()
        assert second.wait_idle(timeout=5)
        second.close()
        store.close()
    assert [d.body for d in receiver.deliveries] == [BODY]


def test_a_receiver_slower_than_the_timeout_counts_as_a_failed_attempt():
    import asyncio

    from starlette.applications import Starlette
    from starlette.responses import Response
    from starlette.routing import Route

    async def slow(request):
        await asyncio.sleep(0.5)
        return Response(status_code=200)

    store = Store()
    with serve_in_thread(Starlette(routes=[Route("/", slow, methods=["POST"])])) as url:
        dispatcher = Dispatcher(store, DeliveryConfig(url, time_scale=SCALE, timeout=0.05, test_retry_hours=1)).start()
        dispatcher.enqueue("customeridentification.success", "test", BODY, "0" * 128)
        assert dispatcher.wait_idle(timeout=10)
        dispatcher.close()
    assert [(a.status, a.error, a.outcome) for a in dispatcher.log] == [
        (None, "ReadTimeout", "retrying"),
        (None, "ReadTimeout", "given-up"),
    ]
