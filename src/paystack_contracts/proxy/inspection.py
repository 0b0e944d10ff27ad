"""One observed exchange -> findings: the client's request against the contract (`request.py`), the response
with every check the suite has (`run.judge.Judge`, the same judge, not a copy), all recorded by the run's
`Recorder` into one `RunResult`.

A Schemathesis `Case` is built for the matched operation from what the client sent, and a Schemathesis `Response`
from what the upstream answered (with the observed request as its `PreparedRequest`), so the checks see exactly
the exchange that happened. A request that matches no operation of the contract is itself a finding.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime

import requests
from schemathesis import Response

from paystack_contracts import __version__
from paystack_contracts.checks.selection import CHECKS
from paystack_contracts.findings import Finding
from paystack_contracts.proxy.matching import Match, Matcher
from paystack_contracts.proxy.request import ParsedRequest, parse_request, request_findings
from paystack_contracts.proxy.traffic import Observed, bearer_token
from paystack_contracts.proxy.usage import UsageCollector
from paystack_contracts.results import InconclusiveReason, RunResult, Target
from paystack_contracts.run.judge import Judge, Scrubber
from paystack_contracts.run.recorder import Recorder
from paystack_contracts.seam import Case

__all__ = ["Inspected", "Inspector", "new_result"]


@dataclass(frozen=True, slots=True)
class Inspected:
    """What one exchange showed: the operation (None when it matched none) and its error findings."""

    operation: str | None
    findings: tuple[Finding, ...] = ()


def new_result(label: str) -> RunResult:
    return RunResult(
        target=Target(label),
        tool_version=__version__,
        started_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


@dataclass
class Inspector:
    """Judges exchanges into one result. Thread-safe: the proxy judges from several connections at once."""

    matcher: Matcher
    recorder: Recorder
    secrets: tuple[str, ...] = ()
    usage: UsageCollector = field(default_factory=UsageCollector)  # what the judged traffic used
    skipped: int = 0  # recorded exchanges to hosts that are not the API (never judged)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def for_target(cls, label: str, secrets: Sequence[str] = ()) -> Inspector:
        return cls(Matcher.load(), Recorder(new_result(label)), tuple(secrets))

    @property
    def result(self) -> RunResult:
        return self.recorder.result

    def inspect(self, observed: Observed) -> Inspected:
        """Judge one exchange. One whose judging raises (a bug, ours or a library's) is an inconclusive case,
        `not_judged`, naming the exception: an exchange nobody judged is never part of a "conforms"."""
        try:
            return self._inspect(observed)
        except Exception as exc:
            label = f"{observed.method} {observed.path}"
            message = f"could not judge this exchange ({type(exc).__name__}: {exc})"
            with self.lock:
                self.recorder.inconclusive(label, InconclusiveReason.NOT_JUDGED, message, None)
            return Inspected(None, ())

    def _inspect(self, observed: Observed) -> Inspected:
        scrub = self._scrubber(observed)
        match = self.matcher.match(observed.method, observed.path)
        if match is None:
            return self._unmatched(observed)
        parsed = parse_request(observed)
        judge = Judge(CHECKS, scrub)
        judged = judge.judge(_case(match, observed, parsed), _response(observed))
        clean = [_scrubbed(f, judge, judged.replay) for f in request_findings(match, observed, parsed)]
        with self.lock:
            self.recorder.record(judged, planned=True)
            for finding in clean:
                self.recorder.finding(finding, judged.exchange)
            self.usage.add(judged.operation, observed)
        errors = [f for f in (*clean, *judged.findings) if f.severity.value == "error"]
        return Inspected(judged.operation, tuple(errors))

    def refused(self, observed: Observed, reason: str) -> Inspected:
        """A request the proxy did not forward (a live key): a finding against the client."""
        label = f"{observed.method} {observed.path}"
        match = self.matcher.match(observed.method, observed.path)
        return self._client_fault(
            observed, "request.live-key", f"not forwarded: {reason}", match.label if match else label
        )

    def snapshot(self) -> RunResult:
        """A copy of the result so far, safe to render while traffic continues."""
        with self.lock:
            return copy.deepcopy(self.recorder.result)

    def _unmatched(self, observed: Observed) -> Inspected:
        label = f"{observed.method} {observed.path}"
        return self._client_fault(
            observed, "request.unknown-operation", f"{label} is not an operation of the contract", label
        )

    def _client_fault(self, observed: Observed, rule: str, message: str, operation: str) -> Inspected:
        judge = Judge((), self._scrubber(observed))
        response = _response(observed)
        finding = Finding(
            rule=rule,
            message=judge.scrub.text(f"client request: {message}") or "",
            source="proxy",
            operation=operation,
            expected="a method and path the contract declares" if rule.endswith("operation") else "a test key",
            actual=f"{observed.method} {observed.path}",
            replay=judge.replay(response),
            check="request_conformance",
            extra=(("fault", "client"),),
        )
        with self.lock:
            self.recorder.finding(finding, judge.scrub.exchange(response))
        return Inspected(None, (finding,))

    def _scrubber(self, observed: Observed) -> Scrubber:
        return Scrubber(tuple(dict.fromkeys((*self.secrets, *filter(None, [bearer_token(observed)])))))


def _case(match: Match, observed: Observed, parsed: ParsedRequest) -> Case:
    kwargs = {"body": parsed.body, "media_type": parsed.media_type} if parsed.media_type else {}
    return match.operation.Case(
        path_parameters=dict(match.path_parameters),
        query=dict(parsed.query),
        headers=dict(observed.request_headers),
        **kwargs,
    )


def _response(observed: Observed) -> Response:
    prepared = requests.Request(observed.method, observed.url).prepare()
    prepared.headers.clear()
    prepared.headers.update(dict(observed.request_headers))
    prepared.body = observed.request_body or None
    headers: dict[str, list[str]] = {}
    for name, value in observed.response_headers:
        headers.setdefault(name.lower(), []).append(value)
    return Response(observed.status_code, headers, observed.response_body, prepared, observed.elapsed_s, True)


def _scrubbed(finding: Finding, judge: Judge, replay: str) -> Finding:
    text = judge.scrub.text
    return replace(finding, message=text(finding.message) or "", actual=text(finding.actual), replay=replay)
