"""Sends Schemathesis cases to the target and judges each response, within the budget and the rate limit.

Every request of a run goes through `ContractClient.send`, whatever produced the case: the Schemathesis phases,
the state machine, the explicit scenarios or the live plan. So budget, throttling, inconclusive classification,
checks, redaction and recording are applied the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from schemathesis.core.failures import FailureGroup

from paystack_contracts.checks import resource
from paystack_contracts.checks.contract_view import customer_shape
from paystack_contracts.checks.violation import NOT_JSON, decoded_body
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.results import InconclusiveReason
from paystack_contracts.suite import pii
from paystack_contracts.suite.failures import findings_from_failure
from paystack_contracts.suite.outcomes import classify_error, classify_response
from paystack_contracts.suite.recorder import Recorder, make_exchange
from paystack_contracts.suite.replay import curl_line
from paystack_contracts.suite.throttle import RateLimitGate, RequestBudget

__all__ = ["BudgetExhausted", "ContractClient", "Judged", "RunStopped", "TargetDown"]

MAX_CONNECTION_ERRORS = 3
"""Consecutive connection failures after which the target counts as down and the run stops sending."""


class RunStopped(Exception):
    """The run cannot send anything more; what it did not cover is reported as inconclusive for `reason`."""

    reason = InconclusiveReason.BUDGET_EXHAUSTED

    def __init__(self, operation: str, message: str) -> None:
        super().__init__(message)
        self.operation = operation


class BudgetExhausted(RunStopped):
    """`--max-requests` is spent."""


class TargetDown(RunStopped):
    """Several requests in a row could not connect: the target is down, so nothing more is sent."""

    reason = InconclusiveReason.CONNECTION_ERROR


class Throttled(RunStopped):
    """The target's rate-limit window stays closed for longer than we are willing to wait."""

    reason = InconclusiveReason.RATE_LIMITED


@dataclass(frozen=True, slots=True)
class Judged:
    """A response that reached the checks: its status, decoded body, and whether any check failed."""

    operation: str
    status_code: int
    body: Any
    failed: bool
    headers: dict[str, str]
    replay: str
    response: Any = None  # the Schemathesis response, for the state machine's links


@dataclass
class ContractClient:
    session: requests.Session
    recorder: Recorder
    budget: RequestBudget
    gate: RateLimitGate
    checks: Sequence[Callable[..., Any]]
    secrets: tuple[str, ...]
    mask_pii: bool = False
    timeout: float = 10.0
    connection_errors: int = 0  # consecutive; reset by any response

    def send(
        self,
        case: Any,
        *,
        headers: dict[str, str] | None = None,
        checks: Sequence[Any] | None = None,
        planned: bool = False,
    ) -> Judged | None:
        """Send one case; None when the outcome was inconclusive. Raises `BudgetExhausted` when out of requests.

        `checks` overrides the run's check list for this case (`()` records the response without judging it);
        `planned` marks a designed request (a scenario step), whose response shape the fingerprint gate compares.
        """
        operation = case.operation.label
        for attempt in range(2):
            if not self.gate.wait():
                raise Throttled(operation, f"the rate-limit window stays closed longer than {self.gate.max_wait:g} s")
            if not self.budget.take():
                raise BudgetExhausted(operation, f"request budget of {self.budget.limit} spent")
            try:
                response = case.call(session=self.session, headers=headers, timeout=self.timeout)
            except (requests.RequestException, OSError) as exc:
                self._transport_error(case, exc)
                return None
            self.connection_errors = 0
            self.gate.observe(response.status_code, _first(response.headers))
            reason = classify_response(response.status_code, _first(response.headers), response.content)
            if reason is None:
                return self._judge(case, response, self.checks if checks is None else checks, planned)
            if reason is not InconclusiveReason.RATE_LIMITED or attempt:
                self._inconclusive(case, reason, f"HTTP {response.status_code}", self._replay(response))
                return None
        return None  # pragma: no cover - the loop always returns

    def _judge(self, case: Any, response: Any, checks: Sequence[Any], planned: bool) -> Judged:
        replay = self._replay(response)
        findings: list[Finding] = []
        try:
            if checks:
                case.validate_response(response, checks=list(checks))
        except FailureGroup as group:
            for failure in group.exceptions:
                findings += findings_from_failure(
                    failure, case.operation.label, response.status_code, replay, self.secrets
                )
        exchange = make_exchange(
            response.request.method or "GET",
            response.request.url or "",
            dict(response.request.headers),
            response.request.body,
            status_code=response.status_code,
            response_headers=_first(response.headers),
            response_body=response.content,
            elapsed_ms=response.elapsed * 1000,
            secrets=self.secrets,
            mask_pii=self.mask_pii,
        )
        body = decoded_body(response.content)
        names = [c.__name__ for c in checks]
        failed = self.recorder.record(case.operation.label, exchange, findings, names, planned=planned)
        for note in _notes(case, response.status_code, body, replay):
            self.recorder.note(note)
        return Judged(
            case.operation.label, response.status_code, body, failed, _first(response.headers), replay, response
        )

    def _replay(self, response: Any) -> str:
        request = response.request
        body = request.body
        if self.mask_pii and body:
            body = pii.mask_text(body.decode("utf-8", "replace") if isinstance(body, bytes) else body)
        url = pii.mask_text(request.url or "") if self.mask_pii else request.url or ""
        return curl_line(request.method or "GET", url, dict(request.headers), body, *self.secrets)

    def _transport_error(self, case: Any, exc: BaseException) -> None:
        """Record an inconclusive case for a timeout or connection failure; stop the run when the target is down."""
        reason = classify_error(exc)
        if reason is None:
            raise exc
        message = describe_transport_error(exc)
        self._inconclusive(case, reason, message)
        if reason is InconclusiveReason.CONNECTION_ERROR:
            self.connection_errors += 1
            if self.connection_errors >= MAX_CONNECTION_ERRORS:
                raise TargetDown(case.operation.label, f"the target is down: {message}")

    def _inconclusive(self, case: Any, reason: InconclusiveReason, message: str, replay: str | None = None) -> None:
        self.recorder.inconclusive(case.operation.label, reason, message, replay)


def describe_transport_error(exc: BaseException) -> str:
    """One line for a transport failure: where we tried to connect and the operating system's reason.

    requests/urllib3 wrap the socket error three levels deep in a repr of their pool; users need the innermost
    cause (e.g. "Connection refused") and the host, not the wrapper chain.
    """
    request = getattr(exc, "request", None)
    where = urlsplit(getattr(request, "url", "") or "").netloc
    cause: BaseException | None = exc
    reason = ""
    while cause is not None:
        if isinstance(cause, OSError) and cause.strerror:
            reason = cause.strerror
        cause = cause.__cause__ or cause.__context__ or _wrapped_reason(cause)
    kind = "timed out" if classify_error(exc) is InconclusiveReason.TIMEOUT else "cannot connect"
    detail = reason or type(exc).__name__
    return f"{kind} to {where} ({detail})" if where else f"{kind} ({detail})"


def _wrapped_reason(exc: BaseException) -> BaseException | None:
    """urllib3's MaxRetryError keeps its cause in `.reason`, and requests passes it as the first arg."""
    for candidate in (getattr(exc, "reason", None), *(exc.args[:1] if exc.args else ())):
        if isinstance(candidate, BaseException) and candidate is not exc:
            return candidate
    return None


def _first(headers: Any) -> dict[str, str]:
    return {k.lower(): (v[0] if isinstance(v, list) and v else str(v)) for k, v in dict(headers).items()}


def _notes(case: Any, status_code: int, body: Any, replay: str) -> list[Finding]:
    """What never fails a run: fields the contract does not declare (a warning: additive drift) and where the
    upstream seed schema disagrees with the data (a note: a discrepancy between sources)."""
    shape = customer_shape(case, status_code) if 200 <= status_code < 300 else None
    if shape is None or body is NOT_JSON or not isinstance(body, dict) or "data" not in body:
        return []
    data = body["data"]
    upstream = "the upstream customer schema (specs/paystack/customer.schema.json) disagrees: "
    views = [(v, Severity.WARNING, "") for v in resource.undocumented_fields(shape, data)]
    views += [(v, Severity.NOTE, upstream) for v in resource.upstream_notes(shape, data)]
    return [
        Finding(
            rule=v.rule,
            message=f"{prefix}{v}",
            source="suite",
            severity=severity,
            operation=case.operation.label,
            location=v.location,
            expected=v.expected,
            actual=v.actual,
            replay=replay,
        )
        for v, severity, prefix in views
    ]
