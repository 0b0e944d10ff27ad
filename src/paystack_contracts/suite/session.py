"""One process's connection to the target: the transport, the contracts pointed at it, and the client that sends.

In-process (no base URL) the embedded mock's ASGI app sits behind Schemathesis's ASGI client; otherwise a plain
`requests.Session` talks HTTP. The runner opens one session; each parallel fuzzing worker opens its own.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import requests

from paystack_contracts.suite.client import ContractClient
from paystack_contracts.suite.options import SuiteOptions
from paystack_contracts.suite.recorder import Recorder
from paystack_contracts.suite.schemas import (
    CHECKS,
    GLOBALSTACK_CONTRACT,
    IN_PROCESS_ORIGIN,
    PAYSTACK_CONTRACT,
    Contracts,
    load_contract,
)
from paystack_contracts.suite.target import ResolvedTarget
from paystack_contracts.suite.throttle import RateLimitGate, RequestBudget

__all__ = ["EMBEDDED_CUSTOMERS", "Session", "open_session"]

EMBEDDED_CUSTOMERS = 3
"""Customers the embedded mock starts with, so list pagination has more than one page to be wrong about."""


@dataclass(frozen=True, slots=True)
class Session:
    contracts: Contracts
    client: ContractClient


@contextlib.contextmanager
def open_session(
    target: ResolvedTarget, options: SuiteOptions, seed: int, recorder: Recorder, budget: RequestBudget
) -> Iterator[Session]:
    with _transport(target, options, seed) as (transport, app):
        client = ContractClient(
            transport,
            recorder,
            budget,
            RateLimitGate(max_wait=options.max_wait),
            CHECKS,
            target.secrets,
            mask_pii=options.mask_pii,
            timeout=options.request_timeout,
        )
        yield Session(_contracts(target, options, seed, app), client)


def _contracts(target: ResolvedTarget, options: SuiteOptions, seed: int, app: Any) -> Contracts:
    base = IN_PROCESS_ORIGIN if target.embedded else target.base_url
    assert base is not None
    common = {"seed": seed, "max_examples": options.max_examples, "app": app, "operations": options.operations}
    paystack = load_contract(PAYSTACK_CONTRACT, base_url=base, key=target.key.reveal(), **common)
    gs_base = f"{IN_PROCESS_ORIGIN}/v1" if target.embedded else target.globalstack_base_url
    globalstack = None
    if gs_base is not None:
        globalstack = load_contract(
            GLOBALSTACK_CONTRACT, base_url=gs_base, key=target.globalstack_key.reveal(), **common
        )
    return Contracts(paystack, globalstack)


@contextlib.contextmanager
def _transport(target: ResolvedTarget, options: SuiteOptions, seed: int) -> Iterator[tuple[requests.Session, Any]]:
    if not target.embedded:
        with requests.Session() as session:
            yield session, None
        return
    from schemathesis.python.asgi import ASGIClient

    from paystack_contracts.mock import MockSettings, create_app

    app = create_app(MockSettings(drift=options.drift, random_seed=seed, seed_customers=EMBEDDED_CUSTOMERS))
    with ASGIClient(app) as session:  # type: ignore[arg-type]  # Starlette's scope type is wider
        session.trust_env = False  # no proxies or .netrc in-process; requests would re-read the environment per call
        yield session, app
