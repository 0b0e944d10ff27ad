"""Request conformance: what the client sent, against the operation's parameters, request body and media types.

The validators are Schemathesis's own (each parameter and each request body media type carries a jsonschema_rs
validator built from the contract, `$ref`s resolved), so this module only decides what to validate and turns the
errors into findings. Every finding here says the client is at fault: `source="proxy"`, rule `request.*`.

Query and path values arrive as text; a parameter whose schema says integer, number or boolean is read as one
before validation (`?perPage=10` is an integer on the wire as Paystack reads it). Form bodies are read with the
standard library and validated as the flat fields they are (`account[number]=…` stays one key).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from paystack_contracts.checks._body import short
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.proxy.matching import Match
from paystack_contracts.proxy.traffic import Observed

__all__ = ["ParsedRequest", "parse_request", "request_findings"]

_JSON = ("application/json", "+json")
_FORM = "application/x-www-form-urlencoded"


@dataclass(frozen=True, slots=True)
class ParsedRequest:
    """The request as the contract sees it: query values, the body decoded for its media type."""

    query: dict[str, Any]
    media_type: str | None  # None: no body
    body: Any  # decoded JSON / form fields; the raw bytes when not decodable
    decoded: bool


def parse_request(observed: Observed) -> ParsedRequest:
    query = dict(parse_qsl(urlsplit(observed.url).query, keep_blank_values=True))
    if not observed.request_body:
        return ParsedRequest(query, None, None, decoded=True)
    media_type = (observed.header("content-type") or "application/octet-stream").split(";")[0].strip().lower()
    try:
        if media_type.endswith(_JSON):
            return ParsedRequest(query, media_type, json.loads(observed.request_body), decoded=True)
        if media_type == _FORM:
            return ParsedRequest(query, media_type, dict(parse_qsl(observed.request_body.decode())), decoded=True)
    except (ValueError, UnicodeDecodeError, RecursionError):
        pass
    return ParsedRequest(query, media_type, observed.request_body, decoded=False)


def request_findings(match: Match, observed: Observed, parsed: ParsedRequest) -> list[Finding]:
    """Everything wrong with the client's request for the matched operation."""
    found = [*_parameters(match, observed, parsed), *_body(match, parsed), *_auth(match, observed)]
    return [problem.finding(match.label) for problem in found]


@dataclass(frozen=True, slots=True)
class Problem:
    rule: str
    location: str
    message: str
    expected: str | None
    actual: str | None
    severity: Severity = Severity.ERROR

    def finding(self, operation: str) -> Finding:
        return Finding(
            rule=self.rule,
            message=f"client request: {self.message}",
            source="proxy",
            severity=self.severity,
            operation=operation,
            location=self.location,
            expected=self.expected,
            actual=self.actual,
            check="request_conformance",
            extra=(("fault", "client"),),
        )


def _parameters(match: Match, observed: Observed, parsed: ParsedRequest) -> Iterator[Problem]:
    operation = match.operation
    sources = {"query": parsed.query, "path": match.path_parameters, "header": _lower(observed.request_headers)}
    declared: set[str] = set()
    for parameters in (operation.query, operation.path_parameters, operation.headers):
        for parameter in parameters:
            place = parameter.location.value
            values = sources.get(place, {})
            name = parameter.name.lower() if place == "header" else parameter.name
            declared.add(f"{place}:{name}")
            where = f"{place}.{parameter.name}"
            if name not in values:
                if parameter.is_required:
                    yield Problem("request.parameter-missing", where, f"required {where} not sent", "present", None)
                continue
            value = _typed(values[name], parameter.definition.get("schema") or {})
            for error in parameter.get_validator().iter_errors(value):
                yield Problem("request.parameter", where, f"{where}: {error.message}", _keyword(error), short(value))
    for name in parsed.query:
        if f"query:{name}" not in declared:
            message = f"query.{name} is not a parameter of {match.label} (Paystack ignores it)"
            yield Problem(
                "request.parameter-unknown", f"query.{name}", message, "a declared parameter", name, Severity.WARNING
            )


def _body(match: Match, parsed: ParsedRequest) -> Iterator[Problem]:
    bodies = {body.media_type.lower(): body for body in match.operation.body}
    definition = match.operation.definition.raw.get("requestBody") or {}
    if parsed.media_type is None:
        if bodies and definition.get("required"):
            yield Problem("request.body-missing", "body", "the request body is required", "a body", None)
        return
    body = bodies.get(parsed.media_type)
    if body is None:
        expected = ", ".join(bodies) or "no body"
        message = f"Content-Type {parsed.media_type} is not accepted (accepted: {expected})"
        yield Problem("request.content-type", "headers.content-type", message, expected, parsed.media_type)
        return
    if not parsed.decoded:
        message = f"the body is not valid {parsed.media_type}"
        yield Problem("request.body-unreadable", "body", message, parsed.media_type, short(parsed.body))
        return
    for error in body.get_validator().iter_errors(parsed.body):
        location = _json_path(error.instance_path)
        message = f"request body {location}: {error.message}"
        yield Problem("request.body", location, message, _keyword(error), short(error.instance))


def _auth(match: Match, observed: Observed) -> Iterator[Problem]:
    security = match.operation.definition.raw.get("security", match.operation.schema.raw_schema.get("security"))
    if security and not observed.header("authorization"):
        yield Problem(
            "request.auth-missing", "headers.authorization", "no Authorization header", "Bearer sk_test_…", None
        )


def _typed(value: Any, schema: dict[str, Any]) -> Any:
    """A text value read as its schema's scalar type, when it reads as one (else unchanged, so it fails)."""
    kind = schema.get("type")
    if not isinstance(value, str):
        return value
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
    except ValueError:
        return value
    if kind == "boolean" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    return value


def _lower(headers: Iterable[tuple[str, str]]) -> dict[str, str]:
    return {name.lower(): value for name, value in headers}


def _json_path(tokens: Iterable[str | int]) -> str:
    return "$" + "".join(f"[{t}]" if isinstance(t, int) else f".{t}" for t in tokens)


def _keyword(error: Any) -> str:
    path = list(error.schema_path)
    return str(path[-1]) if path else "schema"
