"""Fixtures for the webhooks tests: the project's contract, a served receiver."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY, serve_in_thread
from paystack_contracts.webhooks import Receiver, WebhookContract, project_contract


@pytest.fixture
def contract() -> WebhookContract:
    return project_contract()


@pytest.fixture
def receiver() -> Receiver:
    return Receiver(DEFAULT_TEST_KEY)


@pytest.fixture
def receiver_url(receiver: Receiver) -> Iterator[str]:
    with serve_in_thread(receiver.app) as url:
        yield url + "/hook"
