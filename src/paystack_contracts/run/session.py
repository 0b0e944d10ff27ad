"""One process's connection to the target: the transport, the contracts pointed at it, and the client that sends.

In-process (`plan.embedded`) the embedded mock's ASGI app is called on the session's own event loop
(`run.embedded`); otherwise a plain `requests.Session` talks HTTP. The runner opens one session; each fuzzing
worker opens its own from the same plan.

While a session is open, everything the run creates is identifiable: a Schemathesis `before_call` hook moves
emails under example.com and stamps the run id into metadata of our creating operations, whatever produced the
case (a global hook: `Case.call` only dispatches global `before_call` hooks, so it acts only inside `active_run`).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import time
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests
import schemathesis

from paystack_contracts.checks._guards import applies_to
from paystack_contracts.errors import DocumentError
from paystack_contracts.project import current_project
from paystack_contracts.run.client import ContractClient
from paystack_contracts.run.judge import EMBEDDED_REPLAY_ORIGIN, Judge, Scrubber
from paystack_contracts.run.plan import IN_PROCESS_ORIGIN, Endpoint, RunPlan
from paystack_contracts.run.recorder import Recorder
from paystack_contracts.run.throttle import RateLimitGate, RequestBudget
from paystack_contracts.run.transport import http_session
from paystack_contracts.seam import Case, Schema, operation_id
from paystack_contracts.webhooks.receiver import Receiver

__all__ = [
    "EMBEDDED_CUSTOMERS",
    "GLOBALSTACK_CONTRACT",
    "PAYSTACK_CONTRACT",
    "RUN_METADATA_KEY",
    "Contracts",
    "Session",
    "active_run",
    "contract_documents",
    "contract_labels",
    "contract_operation_ids",
    "contract_operations",
    "identifiable_body",
    "open_session",
]

PAYSTACK_CONTRACT = "paystack-customers.openapi.yaml"
GLOBALSTACK_CONTRACT = "globalstack-customers.openapi.yaml"
EMBEDDED_CUSTOMERS = 3
"""Customers the embedded mock starts with, so list pagination has more than one page to be wrong about."""

RUN_METADATA_KEY = "paystack_contracts_run"
SAFE_DOMAIN = "example.com"
_CREATING = frozenset(
    {"customer_create", "customer_update", "customer_initializeAuthorization", "globalstack_createCustomer"}
)
_PROMPT_WEBHOOKS: dict[str, Any] = {"webhook_delay": 0.0, "webhook_time_scale": 1e-4, "webhook_test_retry_hours": 2}
"""The embedded mock delivers at once and retries in milliseconds: a run waits seconds, not Paystack's hours."""
_RUN_ID: ContextVar[str | None] = ContextVar("paystack_contracts_run_id", default=None)


@dataclass(frozen=True, slots=True)
class Contracts:
    paystack: Schema
    globalstack: Schema | None

    def all(self) -> list[Schema]:
        return [self.paystack] + ([self.globalstack] if self.globalstack is not None else [])


@dataclass(frozen=True, slots=True)
class Session:
    contracts: Contracts
    client: ContractClient
    receiver: Receiver | None = None  # the run's webhook receiver, when the plan listens for webhooks


@contextlib.contextmanager
def open_session(plan: RunPlan, recorder: Recorder) -> Iterator[Session]:
    """The transport for the plan's target, the contracts pointed at it, and a client with the plan's budget."""
    options = plan.options
    scrub = Scrubber(plan.secrets, mask_pii=options.mask_pii)
    with contextlib.ExitStack() as stack:
        receiver, webhook_url = _listen(plan, stack)
        transport, app = stack.enter_context(_transport(plan, webhook_url))
        client = ContractClient(
            transport,
            recorder,
            RequestBudget(plan.budget),
            RateLimitGate(max_wait=options.max_wait, on_wait=recorder.progress.rate_limited),
            Judge(plan.checks, scrub, (IN_PROCESS_ORIGIN, EMBEDDED_REPLAY_ORIGIN) if plan.embedded else None),
            timeout=options.request_timeout,
            deadline=time.monotonic() + options.max_duration,
        )
        paystack = load_contract(PAYSTACK_CONTRACT, plan.paystack, plan, app)
        globalstack = (
            None if plan.globalstack is None else load_contract(GLOBALSTACK_CONTRACT, plan.globalstack, plan, app)
        )
        with active_run(plan.run_id):
            yield Session(Contracts(paystack, globalstack), client, receiver)


def _listen(plan: RunPlan, stack: contextlib.ExitStack) -> tuple[Receiver | None, str | None]:
    """A loopback webhook receiver for the run (worker processes never listen: the parent's scenarios do)."""
    if not plan.listens_for_webhooks:
        return None, None
    from paystack_contracts.mock import serve_in_thread

    receiver = Receiver(plan.paystack.key.reveal())
    base = stack.enter_context(serve_in_thread(receiver.app, port=plan.options.webhook_port or 0))
    return receiver, f"{base}/webhook"


@contextlib.contextmanager
def _transport(plan: RunPlan, webhook_url: str | None) -> Iterator[tuple[requests.Session, Any]]:
    if not plan.embedded:
        options = plan.options
        with http_session(options.request_timeout, trust_env=options.trust_env) as session:
            if options.ca_bundle is not None:
                session.verify = options.ca_bundle
            session.headers.update(dict(options.headers))
            yield session, None
        return
    from paystack_contracts.mock import MockSettings, create_app
    from paystack_contracts.run.embedded import EmbeddedClient

    settings = MockSettings(
        drift=plan.options.drift,
        random_seed=plan.seed,
        seed_customers=EMBEDDED_CUSTOMERS,
        webhook_url=webhook_url,
        **_PROMPT_WEBHOOKS,
    )
    app = create_app(settings)
    try:
        with EmbeddedClient(app) as session:
            session.headers.update(dict(plan.options.headers))  # `-H`: under a case's own headers, on every request
            yield session, app
    finally:
        app.state.sandbox.close()  # its webhook sender stops before the run's receiver does; its store is freed


def load_contract(name: str, endpoint: Endpoint, plan: RunPlan, app: Any = None) -> Schema:
    """One contract as a Schemathesis schema pointed at `endpoint` (in-process when `app` is given)."""
    path = current_project().contract(name)
    if not path.is_file():
        raise DocumentError(path.as_posix(), "contract not found (run from a clone, or reinstall the package)")
    config = schemathesis.Config(seed=plan.seed)
    schema: Schema = schemathesis.openapi.from_dict(copy.deepcopy(_parsed(path)), config=config)
    schema.location = path.absolute().as_uri()  # what from_path sets: relative $refs resolve against the file
    if app is not None:
        schema.app = app
    schema.config.update(base_url=endpoint.base_url, headers=endpoint.auth)
    schema.config.generation.update(
        max_examples=plan.options.max_examples, database="none", with_security_parameters=False, no_shrink=True
    )
    # Schemathesis mixes literals from the application's own source into generation when it has the app (the
    # embedded mock) and the app's modules are "local" (a checkout, not site-packages). The mock stands in for
    # Paystack, whose source no run has: with it on, one seed sent different state-machine cases from a checkout
    # than from an installed wheel, and different ones in-process than over HTTP.
    schema.config.analysis.constants.enabled = False
    if plan.options.operations:
        schema = schema.include(operation_id=list(plan.options.operations))
    return schema


def _parsed(path: Path) -> dict[str, Any]:
    """The contract parsed with Schemathesis's own YAML loader, once per version of the file in a process (parsing
    costs ~0.2 s a file; a long-lived host such as pytest may edit the contract between runs)."""
    stat = path.stat()
    return _parsed_version(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _parsed_version(path: Path, mtime_ns: int, size: int) -> dict[str, Any]:
    from schemathesis.core.deserialization import deserialize_yaml

    document: dict[str, Any] = deserialize_yaml(path.read_text(encoding="utf-8"))
    return document


def contract_operation_ids() -> list[str]:
    """Every operationId of both contracts, read from the files (cheap: no Schemathesis loading; the parse is the
    cached one `load_contract` uses)."""
    return [operation_id for _, operation_id in contract_operations()]


def contract_operations() -> list[tuple[str, str]]:
    """(contract and path, operationId) of every operation of both contracts, in the files' order."""
    found = []
    for name in (PAYSTACK_CONTRACT, GLOBALSTACK_CONTRACT):
        path = current_project().contract(name)
        if not path.is_file():
            continue
        for route, item in _parsed(path).get("paths", {}).items():
            ops = [op["operationId"] for op in item.values() if isinstance(op, dict) and "operationId" in op]
            found += [(f"{name} {route}", operation_id) for operation_id in ops]
    return found


def contract_labels(name: str) -> list[str]:
    """The operations of one contract as labels (`POST /customer`), read from the file."""
    path = current_project().contract(name)
    paths = _parsed(path).get("paths", {}) if path.is_file() else {}
    methods = ("get", "put", "post", "delete", "patch", "options", "head", "trace")
    return [f"{m.upper()} {p}" for p, item in paths.items() for m in item if m in methods]


def contract_documents() -> list[dict[str, Any]]:
    """Both contracts as parsed documents (the cached parse), those that exist."""
    paths = [current_project().contract(name) for name in (PAYSTACK_CONTRACT, GLOBALSTACK_CONTRACT)]
    return [_parsed(path) for path in paths if path.is_file()]


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
def before_call(context: schemathesis.HookContext, case: Case, kwargs: dict[str, Any]) -> None:
    run_id = _RUN_ID.get()
    if run_id is None or not applies_to(case):
        return
    created = operation_id(case.operation)
    if created in _CREATING:
        with_metadata = created in ("customer_create", "globalstack_createCustomer")
        case.body = identifiable_body(case.body, run_id, with_metadata=with_metadata)
