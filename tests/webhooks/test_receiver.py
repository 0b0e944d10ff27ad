"""The receiver: records each POST with its verdict and answers 200 for a good signature, 401 otherwise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY, serve_in_thread
from paystack_contracts.webhooks import Receiver, Scripted, sign

BODY = b'{"event":"customeridentification.success","data":{}}'


def test_a_correctly_signed_post_is_recorded_as_verified_and_answered_200(receiver, receiver_url):
    response = httpx.post(receiver_url, content=BODY, headers={"x-paystack-signature": sign(BODY, DEFAULT_TEST_KEY)})
    (delivery,) = receiver.wait_for(1, timeout=2)
    assert (response.status_code, delivery.signature_ok, delivery.answered, delivery.body) == (200, True, 200, BODY)


def test_a_badly_signed_post_is_recorded_as_unverified_and_answered_401(receiver, receiver_url):
    response = httpx.post(receiver_url, content=BODY, headers={"x-paystack-signature": "0" * 128})
    (delivery,) = receiver.wait_for(1, timeout=2)
    assert (response.status_code, delivery.signature_ok) == (401, False)


def test_a_body_past_a_megabyte_is_refused_413_and_not_recorded(receiver, receiver_url):
    def chunks():  # streamed, as a sender that does not say its length up front
        for _ in range(3):
            yield b"x" * (512 * 1024)

    response = httpx.post(receiver_url, content=chunks())
    assert response.status_code == 413
    assert receiver.wait_for(1, timeout=0.2) == []


_FLOOD = """
import re, httpx
from pathlib import Path
from paystack_contracts.mock import DEFAULT_TEST_KEY, serve_in_thread
from paystack_contracts.webhooks import Receiver
with serve_in_thread(Receiver(DEFAULT_TEST_KEY).app) as url:
    chunks = (b"x" * (512 * 1024) for _ in range(400))
    print(httpx.post(url + "/webhook", content=chunks, timeout=60).status_code)
print(int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text()).group(1)) // 1024)
"""


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="reads the peak from /proc (Linux)")
def test_a_200_mb_delivery_is_never_held_in_memory() -> None:
    # VmHWM, not ru_maxrss: that one keeps the peak of the process that forked this one (an xdist worker's)
    done = subprocess.run([sys.executable, "-c", _FLOOD], capture_output=True, text=True, timeout=120, check=True)
    status, peak_mb = map(int, done.stdout.split())
    assert status == 413
    assert peak_mb < 150  # reading it whole first took ~440 MB (measured)


def test_wait_for_returns_what_arrived_when_fewer_come_than_asked(receiver, receiver_url):
    httpx.post(receiver_url, content=BODY)
    assert len(receiver.wait_for(2, timeout=0.2)) == 1


def test_a_scripted_receiver_answers_its_statuses_in_turn_then_repeats_the_last():
    receiver = Receiver(DEFAULT_TEST_KEY, answer=Scripted([500, 503, 200]))
    with serve_in_thread(receiver.app) as url:
        statuses = [httpx.post(url, content=BODY).status_code for _ in range(4)]
    assert statuses == [500, 503, 200, 200]
