"""Everything a run creates is identifiable: emails under example.com and metadata carrying the run id.

A Schemathesis `before_call` hook rewrites request bodies of our creating operations just before they are sent,
whatever produced the case (examples, coverage, fuzzing, the state machine or a scenario). It is a global hook
(`Case.call` only dispatches global `before_call` hooks), so it acts only while a run is active (`active_run`)
and only on our contracts' operations.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

import schemathesis

from paystack_contracts.checks.violation import applies_to

__all__ = ["RUN_METADATA_KEY", "active_run", "identifiable_body"]

RUN_METADATA_KEY = "paystack_contracts_run"
SAFE_DOMAIN = "example.com"
_CREATING = frozenset(
    {"customer_create", "customer_update", "customer_initializeAuthorization", "globalstack_createCustomer"}
)
_RUN_ID: ContextVar[str | None] = ContextVar("paystack_contracts_run_id", default=None)


@contextlib.contextmanager
def active_run(run_id: str) -> Iterator[None]:
    token = _RUN_ID.set(run_id)
    try:
        yield
    finally:
        _RUN_ID.reset(token)


def identifiable_body(body: Any, run_id: str, *, with_metadata: bool) -> Any:
    """The body with its email moved under example.com and the run id added to object metadata."""
    if not isinstance(body, dict):
        return body
    body = dict(body)
    email = body.get("email")
    if isinstance(email, str) and email.count("@") == 1:
        local, domain = email.split("@")
        if local and domain and domain.lower() != SAFE_DOMAIN:
            body["email"] = f"{local}@{SAFE_DOMAIN}"
    metadata = body.get("metadata", {} if with_metadata else None)
    if isinstance(metadata, dict):
        body["metadata"] = {**metadata, RUN_METADATA_KEY: run_id}
    return body


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    run_id = _RUN_ID.get()
    if run_id is None or not applies_to(case):
        return
    operation_id = case.operation.definition.raw.get("operationId", "")
    if operation_id in _CREATING:
        with_metadata = operation_id in ("customer_create", "globalstack_createCustomer")
        case.body = identifiable_body(case.body, run_id, with_metadata=with_metadata)
