"""pytest: `paystack_webhooks`, a listening receiver plus ways to trigger events, for testing a webhook handler.

    def test_my_handler_accepts_a_signed_event(paystack_webhooks, my_handler_url):
        answer = paystack_webhooks.send("customeridentification.success", to=my_handler_url)
        assert answer.accepted

    def test_my_handler_refuses_a_forged_event(paystack_webhooks, my_handler_url):
        answer = paystack_webhooks.send("customeridentification.failed", to=my_handler_url, bad_signature=True)
        assert not answer.accepted

`identify(success=...)` makes the embedded mock send a real outcome event to the fixture's receiver;
`findings()` judges everything received against the contract. Events are signed with `--secret-key` /
PAYSTACK_SECRET_KEY when given, else the mock's test key; a live key is refused.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

from paystack_contracts.credentials import SecretKey, bearer

if TYPE_CHECKING:
    from paystack_contracts.findings import Finding
    from paystack_contracts.webhooks.receiver import Delivery
    from paystack_contracts.webhooks.sending import Answer

__all__ = ["WebhookHarness", "paystack_webhooks"]

_GOOD_IDENTITY = {"account_number": "0111111111", "bvn": "222222222221", "bank_code": "007"}  # SNIP test-cred


class WebhookHarness:
    """A running receiver at `url`, a signer for the session's key, and an embedded mock on demand."""

    def __init__(self, secret_key: str, stack: contextlib.ExitStack) -> None:
        from paystack_contracts.mock import serve_in_thread  # on use, as every import of the harness: see the plugin
        from paystack_contracts.webhooks.receiver import Receiver

        self.secret_key = secret_key
        self.receiver = Receiver(secret_key)
        self.url = stack.enter_context(serve_in_thread(self.receiver.app)) + "/webhook"
        self._stack = stack
        self._mock: str | None = None

    def send(
        self, event: str, to: str | None = None, *, payload: dict[str, Any] | None = None, bad_signature: bool = False
    ) -> Answer:
        """POST the contract's example of `event` (or `payload`) signed for this session to `to` (default: ours)."""
        from paystack_contracts.webhooks.contract import project_contract
        from paystack_contracts.webhooks.events import encode
        from paystack_contracts.webhooks.sending import post_event
        from paystack_contracts.webhooks.urls import vet_url

        body = encode(payload if payload is not None else next(iter(project_contract().examples(event).values())))
        return post_event(vet_url(to or self.url), body, self.secret_key, bad_signature=bad_signature)

    def identify(self, *, success: bool = True, timeout: float = 5.0) -> Delivery | None:
        """Run one identification on the embedded mock; the outcome event our receiver got (None if none came)."""
        import httpx

        base = self._mock or self._start_mock()
        headers = bearer(self.secret_key)
        seen = len(self.receiver.deliveries)
        email = f"webhook{seen}@example.com"
        customer = httpx.post(f"{base}/customer", json={"email": email}, headers=headers).json()["data"]
        identity = _GOOD_IDENTITY if success else {**_GOOD_IDENTITY, "account_number": "0000000000"}
        body = {"country": "NG", "type": "bank_account", "first_name": "Ada", "last_name": "Obi", **identity}
        httpx.post(f"{base}/customer/{customer['customer_code']}/identification", json=body, headers=headers)
        got = self.receiver.wait_for(seen + 1, timeout)
        return got[seen] if len(got) > seen else None

    def findings(self) -> list[Finding]:
        from paystack_contracts.webhooks.contract import project_contract
        from paystack_contracts.webhooks.judge import judge_deliveries

        return judge_deliveries(self.receiver.deliveries, project_contract())

    def _start_mock(self) -> str:
        from paystack_contracts.mock import MockSettings, create_app, serve_in_thread

        app = create_app(MockSettings(webhook_url=self.url, webhook_delay=0.0, webhook_time_scale=0.0001))
        self._stack.callback(app.state.sandbox.close)
        self._mock = self._stack.enter_context(serve_in_thread(app))
        return self._mock


@pytest.fixture
def paystack_webhooks(request: pytest.FixtureRequest) -> Iterator[WebhookHarness]:
    """A receiver listening on loopback and a way to trigger events (see the module docstring)."""
    from paystack_contracts.mock import DEFAULT_TEST_KEY

    given = _option(request, "paystack_secret_key") or os.environ.get("PAYSTACK_SECRET_KEY")
    key = SecretKey.parse(given).reveal() if given else DEFAULT_TEST_KEY
    with contextlib.ExitStack() as stack:
        yield WebhookHarness(key, stack)


def _option(request: pytest.FixtureRequest, name: str) -> str | None:
    try:
        value = request.config.getoption(name)
    except ValueError:  # the suite's options are not registered (fixture used without the plugin)
        return None
    return value if isinstance(value, str) else None
