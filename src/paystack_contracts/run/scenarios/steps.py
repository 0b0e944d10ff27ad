"""The step helper the scenarios are written with.

A step names an operation by operationId, sends a case built from it through `ContractClient` (so every
response is also checked against the contract and recorded), and `expect` records a workflow finding when the
response does not show what the previous steps imply. A step that comes back inconclusive stops its scenario.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict, Unpack

from paystack_contracts.checks._body import short
from paystack_contracts.findings import Finding
from paystack_contracts.run.client import ContractClient
from paystack_contracts.run.judge import Judged
from paystack_contracts.run.plan import RunPlan
from paystack_contracts.seam import Operation, Schema, operation_id, operations
from paystack_contracts.webhooks.receiver import Receiver

__all__ = ["Expect", "Request", "Scenario", "ScenarioStopped", "Steps", "dig", "operations_by_id"]


class ScenarioStopped(Exception):
    """A step was inconclusive (or a precondition failed): the rest of the scenario cannot say anything."""


class Request(TypedDict, total=False):
    """What a step sends besides the operation: `headers=None` means authenticated, `{}` no Authorization."""

    path: Mapping[str, Any]
    body: Any
    query: Mapping[str, Any]
    headers: Mapping[str, str] | None
    method: str
    checked: bool  # False: record the response without running the contract's checks
    fingerprinted: bool  # False: not compared with the baseline (probes whose presence depends on the profile)
    trailing_slash: bool  # send the path with a trailing slash (`/customer/`), as some clients do


@dataclass(frozen=True, slots=True)
class Expect:
    """What a step's response should show: the rule, where, and the expected and seen values."""

    rule: str
    location: str
    expected: str
    actual: Any
    after: str | None = None  # the earlier step the expectation follows from ("PUT /customer/{email_or_code}")


def operations_by_id(*schemas: Schema) -> dict[str, Operation]:
    return {operation_id(operation): operation for schema in schemas for operation in operations(schema)}


@dataclass
class Steps:
    client: ContractClient
    operations: Mapping[str, Operation]
    plan: RunPlan
    receiver: Receiver | None = None  # the run's webhook receiver, when it listens
    scenario: str = ""
    sent: list[str] = field(default_factory=list)
    memory: dict[str, Any] = field(default_factory=dict)  # what earlier scenarios created (customer code, id)

    @property
    def run_id(self) -> str:
        return self.plan.run_id

    def auth_for(self, operation_id: str) -> dict[str, str]:
        return self.plan.endpoint_for(operation_id).auth

    def has(self, *operation_ids: str) -> bool:
        return all(o in self.operations for o in operation_ids)

    def call(self, operation_id: str, **request: Unpack[Request]) -> Judged:
        """Send one request built from `operation_id`'s contract; raises `ScenarioStopped` when inconclusive."""
        operation = self.operations[operation_id]
        kwargs: dict[str, Any] = {
            "path_parameters": dict(request.get("path") or {}),
            "query": dict(request.get("query") or {}),
        }
        if request.get("body") is not None:
            kwargs |= {"body": request["body"], "media_type": "application/json"}
        method = request.get("method")
        if method is not None:
            kwargs["method"] = method
        headers = request.get("headers")
        sent_headers = dict(self.auth_for(operation_id) if headers is None else headers)
        case = operation.Case(headers=sent_headers, **kwargs)
        if request.get("trailing_slash"):
            case.path = f"{operation.path}/"
        self.sent.append(f"{(method or operation.method).upper()} {case.path}")
        checks = None if request.get("checked", True) else ()
        planned = request.get("fingerprinted", True)
        judged = self.client.send(case, headers=sent_headers, checks=checks, planned=planned)
        if judged is None:
            raise ScenarioStopped(operation_id)
        return judged

    def expect(self, judged: Judged, condition: bool, expectation: Expect) -> bool:
        """Record a workflow finding unless `condition` holds; returns `condition`."""
        if not condition:
            self.client.recorder.finding(self._finding(judged, expectation), judged.exchange)
        return condition

    def expect_status(self, judged: Judged, *statuses: int, rule: str = "status", location: str = "status") -> bool:
        wanted = "HTTP " + " or ".join(map(str, statuses))
        return self.expect(
            judged, judged.status_code in statuses, Expect(rule, location, wanted, str(judged.status_code))
        )

    def _finding(self, judged: Judged, e: Expect) -> Finding:
        context = f" after {e.after}" if e.after else ""
        actual = e.actual if isinstance(e.actual, str) else short(e.actual)
        scrub = self.client.judge.scrub
        message = (
            f"[{self.scenario}] {e.rule}: HTTP {judged.status_code} from {judged.operation}{context}, "
            f"expected {e.expected}"
        )
        return Finding(
            rule=f"workflow.{e.rule}",
            message=scrub.text(message) or "",
            source="suite",
            operation=judged.operation,
            location=e.location,
            expected=e.expected,
            actual=scrub.text(actual),
            replay=judged.replay,
            check="workflow",
            extra=(("scenario", self.scenario),),
        )


def dig(body: Any, *path: str | int) -> Any:
    """`dig(body, "data", "customer_code")`, None when any step is missing."""
    for token in path:
        if isinstance(token, int) and isinstance(body, list) and -len(body) <= token < len(body):
            body = body[token]
        elif isinstance(token, str) and isinstance(body, dict):
            body = body.get(token)
        else:
            return None
    return body


Scenario = Callable[[Steps], None]
