"""Sends cases to the target within the budget and the rate limit, and hands each conclusive answer to the judge.

Every request of a run goes through `ContractClient.send`, whatever produced the case: the Schemathesis phases,
the state machine, the scenarios or the status plan. So budget, throttling, inconclusive classification, checks,
redaction and recording are applied the same way everywhere.

Before any check runs, `classify_response` / `classify_error` ask whether an outcome says anything about the
contract at all: a 429, a timeout, a refused connection or a recognisable HTML page from the CDN edge does not
(an HTML answer without the edge's markers is the origin's, and is judged). Such cases
are INCONCLUSIVE, reported apart from failures and never counted as drift.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import requests

from paystack_contracts.checks._guards import Check
from paystack_contracts.results import InconclusiveReason
from paystack_contracts.run.judge import Judge, Judged
from paystack_contracts.run.recorder import Recorder
from paystack_contracts.run.throttle import RateLimitGate, RequestBudget
from paystack_contracts.run.transport import ResponseTooLarge, malformed_answer, too_large, too_malformed
from paystack_contracts.seam import Case, Response, first_headers

__all__ = [
    "BudgetExhausted",
    "ContractClient",
    "DeadlineReached",
    "RunStopped",
    "TargetDown",
    "Throttled",
    "classify_error",
    "classify_response",
    "describe_transport_error",
]

MAX_CONNECTION_ERRORS = 3
"""Consecutive connection failures after which the target counts as down and the run stops sending."""

_HTML_TYPES = ("text/html", "application/xhtml")
_EDGE_HEADERS = ("cf-ray", "cf-cache-status", "cf-mitigated")  # Cloudflare stamps every answer it gives itself
_EDGE_MARKERS = (b"cloudflare", b"cf-ray", b"cf-error-details")  # its error pages name it (mock/errors.EDGE_HTML)


class RunStopped(Exception):
    """The run cannot send anything more; what it did not cover is reported as inconclusive for `reason`.

    A control-flow signal inside a run, not a tool error (`errors.ContractsError`): the run ends normally with
    its reports, and what was not covered is inconclusive."""

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


class DeadlineReached(RunStopped):
    """The run's `--max-duration` is spent."""

    reason = InconclusiveReason.TIMEOUT


@dataclass
class ContractClient:
    session: requests.Session
    recorder: Recorder
    budget: RequestBudget
    gate: RateLimitGate
    judge: Judge
    timeout: float = 10.0
    deadline: float = float("inf")  # time.monotonic() after which nothing more is sent
    connection_errors: int = 0  # consecutive; reset by any response

    def send(
        self,
        case: Case,
        *,
        headers: Mapping[str, str] | None = None,
        checks: Sequence[Check] | None = None,
        planned: bool = False,
    ) -> Judged | None:
        """Send one case; None when the outcome was inconclusive. Raises `RunStopped` when nothing more may be sent.

        `checks` overrides the run's check list for this case (`()` records the response without judging it);
        `planned` marks a designed request (a scenario step), whose response shape the fingerprint gate compares.
        """
        operation = case.operation.label
        started = time.perf_counter()
        try:
            return self._send(
                case, operation, sent=None if headers is None else dict(headers), checks=checks, planned=planned
            )
        finally:
            self.recorder.result.operation(operation).duration_s += time.perf_counter() - started

    def _send(
        self, case: Case, operation: str, *, sent: dict[str, str] | None, checks: Sequence[Check] | None, planned: bool
    ) -> Judged | None:
        for attempt in range(2):
            if time.monotonic() > self.deadline:
                raise DeadlineReached(operation, "the run's time limit (--max-duration) is spent")
            if not self.gate.wait():
                raise Throttled(operation, f"the rate-limit window stays closed longer than {self.gate.max_wait:g} s")
            if not self.budget.take():
                raise BudgetExhausted(operation, f"request budget of {self.budget.limit} spent")
            try:
                response = case.call(session=self.session, headers=sent, timeout=self.timeout, max_redirects=0)
            except ResponseTooLarge as exc:
                self.recorder.finding(too_large(operation, str(exc)))
                return None
            except (requests.RequestException, OSError) as exc:
                if (broken := malformed_answer(exc)) is not None:  # it answered, with a head HTTP cannot read
                    self.recorder.finding(too_malformed(operation, broken))
                    return None
                self._transport_error(case, exc)
                return None
            self.connection_errors = 0
            response_headers = first_headers(response.headers)
            self.gate.observe(response.status_code, response_headers)
            reason = classify_response(response.status_code, response_headers, response.content)
            if reason is None:
                judged = self.judge.judge(case, response, checks)
                self.recorder.record(judged, planned=planned)
                return judged if judged.readable else None  # nothing a scenario or a link could read from it
            if reason is not InconclusiveReason.RATE_LIMITED or attempt:
                self._inconclusive(case, reason, f"HTTP {response.status_code}", response)
                return None
        return None  # pragma: no cover - the loop always returns

    def _transport_error(self, case: Case, exc: BaseException) -> None:
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

    def _inconclusive(
        self, case: Case, reason: InconclusiveReason, message: str, response: Response | None = None
    ) -> None:
        replay = None if response is None else self.judge.replay(response)
        self.recorder.inconclusive(case.operation.label, reason, message, replay)


def classify_response(status_code: int, headers: Mapping[str, str], body: bytes) -> InconclusiveReason | None:
    """The reason a response is inconclusive, or None when the checks should judge it."""
    if status_code == 429:
        return InconclusiveReason.RATE_LIMITED
    if _is_edge_page(headers, body):
        return InconclusiveReason.EDGE_ERROR
    return None


def classify_error(exc: BaseException) -> InconclusiveReason | None:
    """The reason a transport error is inconclusive, or None for errors that are bugs and must propagate."""
    if isinstance(exc, requests.Timeout | TimeoutError):
        return InconclusiveReason.TIMEOUT
    if isinstance(exc, requests.ConnectionError | ConnectionError | requests.exceptions.ChunkedEncodingError):
        return InconclusiveReason.CONNECTION_ERROR  # a body cut short (the connection dropped mid-answer) too
    return None


def _is_edge_page(headers: Mapping[str, str], body: bytes) -> bool:
    """A recognisable page from the CDN edge (Cloudflare's HTML `400 Bad Request`, reference §1) instead of the
    JSON API. HTML alone is not enough: every Customers path answers JSON from the origin, so an HTML answer
    without an edge marker is the origin drifting, and the checks judge it (its content type fails)."""
    lowered = {k.lower(): v.lower() for k, v in headers.items()}
    content_type = lowered.get("content-type", "")
    head = body[:2048].lstrip().lower()
    html = any(content_type.startswith(kind) for kind in _HTML_TYPES) or (
        not content_type and head.startswith((b"<!doctype html", b"<html"))
    )
    if not html:
        return False
    from_edge = any(name in lowered for name in _EDGE_HEADERS) or "cloudflare" in lowered.get("server", "")
    return from_edge or any(marker in head for marker in _EDGE_MARKERS)


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
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):  # it answered, and the body stopped short
        return f"the answer from {where or 'the target'} was cut short ({reason or 'the connection closed'})"
    kind = "timed out" if classify_error(exc) is InconclusiveReason.TIMEOUT else "cannot connect"
    detail = reason or type(exc).__name__
    return f"{kind} to {where} ({detail})" if where else f"{kind} ({detail})"


def _wrapped_reason(exc: BaseException) -> BaseException | None:
    """urllib3's MaxRetryError keeps its cause in `.reason`, and requests passes it as the first arg."""
    for candidate in (getattr(exc, "reason", None), *(exc.args[:1] if exc.args else ())):
        if isinstance(candidate, BaseException) and candidate is not exc:
            return candidate
    return None
