"""Judging one response: the run's checks -> `Finding`s (check, JSON path, expected, actual, replay line), the
redacted `Exchange`, and the notes that never fail a run.

What Schemathesis raises (a `FailureGroup` of `Failure`s) is read back structurally: our `ContractViolation`
carries its violations as data; built-in failures keep their JSON path and schema keyword in attributes. Text that
leaves here has passed through the `Scrubber` (keys redacted, PII masked with `--mask-pii`).

Replay lines are curl, with the key replaced by `$PAYSTACK_SECRET_KEY`; for the embedded mock (in-process, at
`http://testserver`, which no curl can reach) they name `paystack-contracts mock` on its default port instead
(`EMBEDDED_REPLAY_ORIGIN`; the summary says how to start it). Schemathesis's `Case.as_curl_command`
filters credentials to `[Filtered]`, which leaves a line that cannot run; this one runs as pasted, with the user's
own key.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from schemathesis.core.failures import Failure, FailureGroup

from paystack_contracts.checks import resource
from paystack_contracts.checks._body import MAX_DEPTH, NOT_JSON, decoded_body, nested_too_deeply, short
from paystack_contracts.checks._guards import Check
from paystack_contracts.checks.contract_view import customer_shape
from paystack_contracts.checks.violation import ContractViolation
from paystack_contracts.credentials import Redactor
from paystack_contracts.findings import Finding, Severity, escape_pointer_token
from paystack_contracts.privacy import mask_text
from paystack_contracts.project import current_project, display_path
from paystack_contracts.results import Exchange
from paystack_contracts.run.transport import too_deep
from paystack_contracts.seam import Case, Response, first_headers, request_body, request_headers

__all__ = ["EMBEDDED_REPLAY_ORIGIN", "Judge", "Judged", "Scrubber", "check_name", "contract_pointer"]

_KEY_VARIABLE = "$PAYSTACK_SECRET_KEY"
EMBEDDED_REPLAY_ORIGIN = "http://127.0.0.1:4010"
"""Where `paystack-contracts mock` listens by default: the embedded mock's replay lines point there."""
_SKIPPED_HEADERS = frozenset(
    {"user-agent", "accept-encoding", "connection", "content-length", "host", "accept", "x-schemathesis-testcaseid"}
)
STORED_BODY_LIMIT = 64 * 1024
"""Bytes of a body an exchange keeps: the checks read the whole body, reports need only enough to show it."""
_UPSTREAM = "the upstream customer schema (specs/paystack/customer.schema.json) disagrees: "


@dataclass(frozen=True, slots=True)
class Scrubber:
    """What stored and printed text passes through: the run's secrets redacted, PII masked when asked."""

    secrets: tuple[str, ...] = ()
    mask_pii: bool = False
    _redactor: Redactor = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_redactor", Redactor.of(*self.secrets))  # built once, not once per text

    def text(self, raw: bytes | str | None) -> str | None:
        if raw is None or raw in (b"", ""):
            return None
        decoded = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
        decoded = self._redactor.redact(decoded)
        return mask_text(decoded) if self.mask_pii else decoded

    def body(self, raw: bytes | str | None) -> str | None:
        """A body as stored in an exchange: scrubbed, and cut at `STORED_BODY_LIMIT` with a marker saying so."""
        if raw is not None and len(raw) > STORED_BODY_LIMIT:
            cut = raw[:STORED_BODY_LIMIT]
            cut_text = cut.decode("utf-8", "replace") if isinstance(cut, bytes) else cut
            return (self.text(cut_text) or "") + f"… [truncated: {len(raw)} bytes in all]"
        return self.text(raw)

    def headers(self, headers: Mapping[str, str]) -> dict[str, str]:
        return self._redactor.redact_mapping(dict(headers))

    def curl(self, method: str, url: str, headers: Mapping[str, str], body: bytes | str | None) -> str:
        """`curl -X POST 'https://…' -H "Authorization: Bearer $PAYSTACK_SECRET_KEY" -d '{…}'`, secrets redacted."""
        redact = self._redactor.redact
        parts = ["curl", "-X", method.upper(), shlex.quote(redact(url))]
        for name, value in headers.items():
            lowered = name.lower()
            if lowered in _SKIPPED_HEADERS:
                continue
            if lowered == "authorization":
                scheme = value.split(" ", 1)[0] if " " in value else "Bearer"
                parts += ["-H", f'"Authorization: {scheme} {_KEY_VARIABLE}"']
                continue
            parts += ["-H", shlex.quote(f"{name}: {redact(value)}")]
        if body:
            text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
            parts += ["-d", shlex.quote(redact(text))]
        return " ".join(parts)

    def exchange(self, response: Response, kept_body: str | None = None) -> Exchange:
        """The exchange as stored; `kept_body` stands in for a response body that is not kept (never scrubbed)."""
        request = response.request
        return Exchange(
            method=(request.method or "GET").upper(),
            url=self.text(request.url) or "",
            request_headers=self.headers(request_headers(response)),
            request_body=self.body(request_body(response)),
            status_code=response.status_code,
            response_headers=self.headers(first_headers(response.headers)),
            response_body=self.body(response.content) if kept_body is None else kept_body,
            elapsed_ms=response.elapsed * 1000,
        )


@dataclass(frozen=True, slots=True)
class Judged:
    """A response that reached the checks, and everything judging it produced."""

    operation: str
    response: Response  # the Schemathesis response (the state machine follows links from it)
    body: Any  # decoded JSON, None for empty, NOT_JSON otherwise
    exchange: Exchange
    judge: Judge  # writes the replay line when one is asked for
    findings: tuple[Finding, ...] = ()
    notes: tuple[Finding, ...] = ()  # warnings and notes: never fail a run
    checks_run: tuple[str, ...] = ()
    readable: bool = True  # False: the body nests too deeply to read; one finding says so, no check ran

    @property
    def status_code(self) -> int:
        return self.response.status_code

    @property
    def headers(self) -> dict[str, str]:
        return first_headers(self.response.headers)

    @property
    def failed(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def replay(self) -> str:
        """The curl line that repeats the request (written when asked: most responses never need one)."""
        return self.judge.replay(self.response)


@dataclass(frozen=True, slots=True)
class Judge:
    checks: Sequence[Check]
    scrub: Scrubber
    replay_origin: tuple[str, str] | None = None  # (origin sent to, origin a replay line names) for the embedded mock

    def judge(self, case: Case, response: Response, checks: Sequence[Check] | None = None) -> Judged:
        """Run `checks` (default: the run's) on one response. `()` records the response without judging it."""
        checks = self.checks if checks is None else checks
        if nested_too_deeply(response.content):
            return self._unreadable(case, response)
        findings: list[Finding] = []
        try:
            if checks:
                case.validate_response(response, checks=list(checks))
        except FailureGroup as group:
            for failure in group.exceptions:
                findings += self._findings(failure, case.operation.label, response.status_code)
        body = decoded_body(response.content)
        notes = _notes(case, response.status_code, body)
        replay = self.replay(response) if findings or notes else ""  # a curl line per response cost ~5% of a send
        return Judged(
            operation=case.operation.label,
            response=response,
            body=body,
            exchange=self.scrub.exchange(response),
            judge=self,
            findings=tuple(self._clean(f, replay) for f in findings),
            notes=tuple(self._clean(f, replay) for f in notes),
            checks_run=tuple(c.__name__ for c in checks),
        )

    def _unreadable(self, case: Case, response: Response) -> Judged:
        """A body no check can read: one finding, and an exchange without the body (no reader downstream tries)."""
        exchange = self.scrub.exchange(response, kept_body=f"<not kept: nested past {MAX_DEPTH} levels>")
        finding = self._clean(too_deep(case.operation.label, response.status_code), self.replay(response))
        return Judged(case.operation.label, response, NOT_JSON, exchange, self, (finding,), readable=False)

    def replay(self, response: Response) -> str:
        request = response.request
        body = self.scrub.text(request_body(response))
        url = self.scrub.text(request.url) or ""
        if self.replay_origin is not None and url.startswith(self.replay_origin[0]):
            url = self.replay_origin[1] + url[len(self.replay_origin[0]) :]
        return self.scrub.curl(request.method or "GET", url, request_headers(response), body)

    def _clean(self, finding: Finding, replay: str) -> Finding:
        """The finding as it may be stored and shown: its texts scrubbed, its replay line attached."""
        clean = self.scrub.text
        return replace(
            finding,
            message=clean(finding.message) or "",
            expected=clean(finding.expected),
            actual=clean(finding.actual),
            replay=replay,
        )

    @staticmethod
    def _findings(failure: Failure, operation: str, status_code: int) -> list[Finding]:
        """Findings for one failure on a response with `status_code` (named in the message: "HTTP 401: ...")."""
        check = check_name(failure)
        if isinstance(failure, ContractViolation):
            return [
                Finding(
                    rule=v.rule,
                    message=f"HTTP {status_code}: {v}",
                    source="suite",
                    operation=operation,
                    location=v.location,
                    expected=v.expected,
                    actual=v.actual,
                    check=check,
                )
                for v in failure.violations
            ]
        location, expected, actual = _details(failure)
        pointer = expected.split(" at ", 1)[1] if expected and " at " in expected else None
        detail = failure.message.strip().splitlines()[0] if failure.message.strip() else ""
        message = f"HTTP {status_code}: {failure.title}" + (f": {detail}" if detail else "")
        rule = f"{check}/{failure.code}"
        return [
            Finding(
                rule=rule,
                message=message,
                source="suite",
                operation=operation,
                location=location,
                expected=expected,
                actual=actual,
                check=check,
                extra=(("contract", pointer),) if pointer else (),
            )
        ]


def check_name(failure: Failure) -> str:
    if isinstance(failure, ContractViolation):
        return failure.check
    return failure.checks[0] if failure.checks else type(failure).__name__


_KNOWN_ATTRIBUTES = (
    "instance_path",
    "schema_path",
    "instance",
    "defined_status_codes",
    "status_code",
    "missing_headers",
)


def _details(failure: Failure) -> tuple[str | None, str | None, str | None]:
    """JSON path, expected, actual for the built-in failure kinds we can read structurally."""
    attrs: dict[str, Any] = {name: getattr(failure, name, None) for name in _KNOWN_ATTRIBUTES}
    if attrs["instance_path"] is not None:
        path = "$" + "".join(f"[{t}]" if isinstance(t, int) else f".{t}" for t in attrs["instance_path"])
        keyword = attrs["schema_path"][-1] if attrs["schema_path"] else "schema"
        where = contract_pointer(list(attrs["schema_path"] or []), getattr(failure, "_name_to_uri", None) or {})
        return path, f"{keyword} at {where}", short(attrs["instance"])
    if attrs["defined_status_codes"] is not None:
        return "status", f"one of {', '.join(attrs['defined_status_codes'])}", str(attrs["status_code"])
    if attrs["status_code"] is not None:
        return "status", "a non-5xx status", str(attrs["status_code"])
    if attrs["missing_headers"] is not None:
        return "headers", f"headers {', '.join(attrs['missing_headers'])}", "absent"
    return None, None, None


def contract_pointer(schema_path: list[Any], name_to_uri: Mapping[str, str]) -> str:
    """`contracts/paystack-customer.schema.json#/$defs/CustomerId/type` for Schemathesis's bundled schema path
    `x-bundled/schema000012/type`: the contract's own file and JSON pointer, which a reader can open."""
    tokens = [str(t) for t in schema_path]
    if "x-bundled" not in tokens:
        return "the response schema#/" + "/".join(escape_pointer_token(t) for t in tokens)
    at = len(tokens) - 1 - tokens[::-1].index("x-bundled")
    uri = name_to_uri.get(tokens[at + 1], "") if at + 1 < len(tokens) else ""
    if not uri:
        return "/".join(tokens)
    file, _, fragment = uri.partition("#")
    shown = display_path(Path(unquote(urlsplit(file).path)), current_project().root)
    return shown + "#" + fragment + "".join("/" + escape_pointer_token(t) for t in tokens[at + 2 :])


def _notes(case: Case, status_code: int, body: Any) -> list[Finding]:
    """What never fails a run: fields the contract does not declare (a warning: additive drift) and where the
    upstream seed schema disagrees with the data (a note: a discrepancy between sources)."""
    shape = customer_shape(case, status_code) if 200 <= status_code < 300 else None
    if shape is None or body is NOT_JSON or not isinstance(body, dict) or "data" not in body:
        return []
    data = body["data"]
    views = [(v, Severity.WARNING, "") for v in resource.undocumented_fields(shape, data)]
    views += [(v, Severity.NOTE, _UPSTREAM) for v in resource.upstream_notes(shape, data)]
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
        )
        for v, severity, prefix in views
    ]
