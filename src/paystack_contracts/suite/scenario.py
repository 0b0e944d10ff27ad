"""The step helper the explicit scenarios are written with.

A step names an operation by operationId, sends a case built from it through `ContractClient` (so every
response is also checked against the contract and recorded), and `expect` records a workflow finding when the
response does not show what the previous steps imply. A step that comes back inconclusive stops its scenario.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from paystack_contracts.checks.violation import short
from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding
from paystack_contracts.suite.client import ContractClient, Judged

__all__ = ["ScenarioStopped", "Steps", "operations_by_id"]


class ScenarioStopped(Exception):
    """A step was inconclusive (or a precondition failed): the rest of the scenario cannot say anything."""


def operations_by_id(*schemas: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for schema in schemas:
        for result in schema.get_all_operations():
            operation = result.ok()
            found[operation.definition.raw.get("operationId", operation.label)] = operation
    return found


@dataclass
class Steps:
    client: ContractClient
    operations: Mapping[str, Any]
    auth: dict[str, str]
    globalstack_auth: dict[str, str]
    run_id: str
    scenario: str = ""
    last_replay: str | None = None
    sent: list[str] = field(default_factory=list)
    memory: dict[str, Any] = field(default_factory=dict)  # what earlier scenarios created (customer code, id)

    def auth_for(self, operation_id: str) -> dict[str, str]:
        return self.globalstack_auth if operation_id.startswith("globalstack_") else self.auth

    def has(self, *operation_ids: str) -> bool:
        return all(o in self.operations for o in operation_ids)

    def call(
        self,
        operation_id: str,
        *,
        path: Mapping[str, Any] | None = None,
        body: Any = None,
        query: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        method: str | None = None,
        checked: bool = True,
    ) -> Judged:
        """Send one request; `headers=None` means authenticated, `{}` means no Authorization at all."""
        operation = self.operations[operation_id]
        kwargs: dict[str, Any] = {"path_parameters": dict(path or {}), "query": dict(query or {})}
        if body is not None:
            kwargs |= {"body": body, "media_type": "application/json"}
        if method is not None:
            kwargs["method"] = method
        sent_headers = dict(self.auth_for(operation_id) if headers is None else headers)
        case = operation.Case(headers=sent_headers, **kwargs)
        self.sent.append(f"{(method or operation.method).upper()} {operation.path}")
        judged = self.client.send(case, headers=sent_headers, checks=None if checked else (), planned=True)
        if judged is None:
            raise ScenarioStopped(operation_id)
        self.last_replay = judged.replay
        return judged

    def expect(
        self,
        judged: Judged,
        condition: bool,
        rule: str,
        location: str,
        expected: str,
        actual: Any,
        *,
        after: str | None = None,
    ) -> bool:
        """Record a workflow finding when `condition` is false (`after`: the earlier request it contradicts)."""
        if not condition:
            context = f" after {after}" if after else ""
            self.client.recorder.finding(
                Finding(
                    rule=f"workflow.{rule}",
                    message=redact(
                        f"[{self.scenario}] {rule}: HTTP {judged.status_code} from {judged.operation}{context}, "
                        f"expected {expected}",
                        *self.client.secrets,
                    ),
                    source="suite",
                    operation=judged.operation,
                    location=location,
                    expected=expected,
                    actual=redact(actual if isinstance(actual, str) else short(actual), *self.client.secrets),
                    replay=judged.replay,
                    extra=(("check", "workflow"), ("scenario", self.scenario)),
                )
            )
        return condition

    def expect_status(self, judged: Judged, *statuses: int, rule: str = "status", location: str = "status") -> bool:
        wanted = "HTTP " + " or ".join(map(str, statuses))
        return self.expect(judged, judged.status_code in statuses, rule, location, wanted, str(judged.status_code))


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


def text_of(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, default=str)


Scenario = Callable[[Steps], None]
__all__ += ["Scenario", "dig", "text_of"]
