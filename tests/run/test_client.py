from __future__ import annotations

import pytest
import requests

from paystack_contracts.results import InconclusiveReason
from paystack_contracts.run.client import classify_error, classify_response

JSON = {"content-type": "application/json"}


@pytest.mark.parametrize(
    ("status", "headers", "body", "reason"),
    [
        (429, JSON, b'{"status":false,"message":"Rate limit exceeded!"}', InconclusiveReason.RATE_LIMITED),
        (
            400,
            {"content-type": "text/html"},
            b"<html><center>cloudflare</center></html>",
            InconclusiveReason.EDGE_ERROR,
        ),
        (400, {}, b"<!DOCTYPE html><html></html>", InconclusiveReason.EDGE_ERROR),
        (200, JSON, b'{"status":true,"message":"ok"}', None),
        (500, JSON, b'{"status":false,"message":"boom"}', None),
        (200, {"content-type": "text/plain"}, b'{"status":true}', None),
    ],
)
def test_responses_that_say_nothing_about_the_contract_are_inconclusive(status, headers, body, reason) -> None:
    assert classify_response(status, headers, body) is reason


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (requests.ReadTimeout("slow"), InconclusiveReason.TIMEOUT),
        (requests.ConnectionError("refused"), InconclusiveReason.CONNECTION_ERROR),
        (ConnectionRefusedError(), InconclusiveReason.CONNECTION_ERROR),
        (TimeoutError(), InconclusiveReason.TIMEOUT),
        (ValueError("a bug"), None),
    ],
)
def test_transport_errors_are_inconclusive_and_bugs_are_not(error: BaseException, reason) -> None:
    assert classify_error(error) is reason
