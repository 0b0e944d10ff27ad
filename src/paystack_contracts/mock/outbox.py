"""The mock's side of webhooks: what a request sends, signed with the caller's key, and when.

Identification answers 202 at once; its outcome event follows `webhook_delay` seconds later (reference §2.5):
`customeridentification.success` for the documented test credentials, `.failed` otherwise. A direct-debit
authorization (either initialize path) is approved at once in the sandbox, so `direct_debit.authorization.created`
and `.active` follow it. Delivery and retries
are `webhooks.delivery.Dispatcher`'s; this module only builds, drifts, signs and enqueues.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from paystack_contracts.mock.settings import MockSettings
from paystack_contracts.mock.store import Store
from paystack_contracts.mock.webhook_drift import apply_webhook_drift
from paystack_contracts.webhooks.delivery import Attempt, DeliveryConfig, Dispatcher
from paystack_contracts.webhooks.events import (
    AUTHORIZATION_ACTIVE,
    AUTHORIZATION_CREATED,
    authorization_event,
    encode,
    identification_event,
)
from paystack_contracts.webhooks.signature import sign
from paystack_contracts.webhooks.urls import vet_url

__all__ = ["Outbox"]

_LOG = logging.getLogger("paystack_contracts.mock.webhooks")
_WRONG_KEY = "sk_test_" + "f" * 40  # what the webhook-bad-signature drift signs with


class Outbox:
    """Builds and enqueues the events of one sandbox; `close()` stops its delivery thread."""

    def __init__(self, settings: MockSettings, store: Store, drift: frozenset[str]) -> None:
        assert settings.webhook_url is not None
        config = DeliveryConfig(
            url=vet_url(settings.webhook_url, allow_remote=settings.webhook_allow_remote),
            time_scale=settings.webhook_time_scale,
            timeout=settings.webhook_timeout,
            test_retry_hours=settings.webhook_test_retry_hours,
            live_retry_hours=settings.webhook_live_retry_hours,
        )
        self.settings, self.drift = settings, drift
        self.dispatcher = Dispatcher(store, config, self._log).start()

    def _log(self, attempt: Attempt) -> None:
        _LOG.info("%s", attempt)
        if self.settings.webhook_log is not None:
            self.settings.webhook_log(attempt)

    def identification(
        self, secret_key: str, mode: str, customer: Mapping[str, Any], identity: Mapping[str, Any], success: bool
    ) -> None:
        payload = identification_event(customer, identity, success=success, reason=self.settings.webhook_failure_reason)
        self._enqueue(secret_key, mode, payload)

    def authorization(
        self, secret_key: str, mode: str, authorization: Mapping[str, Any], customer: Mapping[str, Any]
    ) -> None:
        """The sandbox approves a mandate at once: `created`, then `active`, in that order."""
        for event in (AUTHORIZATION_CREATED, AUTHORIZATION_ACTIVE):
            payload = authorization_event(event, authorization, customer, self.settings.integration_id)
            self._enqueue(secret_key, mode, payload)

    def _enqueue(self, secret_key: str, mode: str, payload: dict[str, Any]) -> None:
        drifted = apply_webhook_drift(self.drift, payload)
        body = encode(drifted.payload)
        signature = sign(body, _WRONG_KEY if drifted.wrong_key else secret_key)
        for _ in range(drifted.copies):
            self.dispatcher.enqueue(str(drifted.payload["event"]), mode, body, signature, self.settings.webhook_delay)

    def close(self) -> None:
        self.dispatcher.close()
