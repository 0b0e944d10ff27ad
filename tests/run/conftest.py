from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from starlette.applications import Starlette
from tests.run.servers import CountingServer, counting_server

from paystack_contracts.mock import MockSettings, create_app, serve_in_thread
from paystack_contracts.results import RunResult, Target
from paystack_contracts.run.plan import RunPlan, SuiteOptions
from paystack_contracts.run.recorder import Recorder
from paystack_contracts.run.scenarios.steps import operations_by_id
from paystack_contracts.run.session import Session, open_session
from paystack_contracts.seam import Case, Operation


@pytest.fixture
def counter() -> Iterator[CountingServer]:
    """Answers 401 to everything: tests assert how many requests got there (ideally none)."""
    with counting_server() as server:
        yield server


@pytest.fixture
def edge() -> Iterator[CountingServer]:
    with counting_server(html=True) as server:
        yield server


@pytest.fixture
def served_mock(request: pytest.FixtureRequest) -> Iterator[tuple[str, Starlette]]:
    """The mock over HTTP; parametrize indirectly with a MockSettings to change it."""
    settings = getattr(request, "param", None) or MockSettings(seed_customers=2, random_seed=5)
    app = create_app(settings)
    with serve_in_thread(app) as base_url:
        yield base_url, app


@dataclass
class Embedded:
    """An open in-process session against the embedded mock, and what it records."""

    plan: RunPlan
    session: Session
    recorder: Recorder

    @property
    def operations(self) -> dict[str, Operation]:
        return operations_by_id(*self.session.contracts.all())

    def case(self, operation_id: str, **kwargs: Any) -> Case:
        """A case for `operation_id`, authenticated as the plan says (unless `headers` is given)."""
        kwargs.setdefault("headers", self.plan.endpoint_for(operation_id).auth)
        return self.operations[operation_id].Case(**kwargs)


@contextlib.contextmanager
def embedded_session(**options: Any) -> Iterator[Embedded]:
    plan = RunPlan.resolve(SuiteOptions(**{"seed": 3, **options}))
    recorder = Recorder(RunResult(target=Target(plan.label)))
    with open_session(plan, recorder) as session:
        yield Embedded(plan, session, recorder)


@pytest.fixture
def embedded(request: pytest.FixtureRequest) -> Iterator[Embedded]:
    """The embedded mock in-process; parametrize indirectly with a dict of SuiteOptions fields (e.g. drift)."""
    with embedded_session(**(getattr(request, "param", None) or {})) as opened:
        yield opened
