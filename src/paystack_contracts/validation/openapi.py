"""OpenAPI documents: the spec validator for their version, every `$ref`, the contact email, every example.

openapi-spec-validator stops at the first unresolvable `$ref`; `refs.check_refs` reports all of them first and
the spec validator then runs on a copy where they are neutralised, so nothing else is hidden. Errors the spec
validator reports at or under a neutralised site are consequences of that `$ref` and are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from jsonschema import FormatChecker
from openapi_spec_validator import OpenAPIV30SpecValidator, OpenAPIV31SpecValidator, OpenAPIV32SpecValidator

from paystack_contracts.findings import Finding, Severity, pointer
from paystack_contracts.validation import examples
from paystack_contracts.validation._text import one_line, preview
from paystack_contracts.validation.kinds import Document, document_kind
from paystack_contracts.validation.refs import check_refs, neutralised, resolve_pointer

__all__ = ["check_openapi", "check_swagger"]

_SPEC_VALIDATORS: dict[str, Any] = {
    "3.0": OpenAPIV30SpecValidator,
    "3.1": OpenAPIV31SpecValidator,
    "3.2": OpenAPIV32SpecValidator,
}
_VERSION = re.compile(r"^(3\.[0-9]+)\.[0-9]+(-.+)?$")


def _minor(version: object) -> str | None:
    match = _VERSION.match(version) if isinstance(version, str) else None
    return match.group(1) if match and match.group(1) in _SPEC_VALIDATORS else None


@document_kind("openapi")
def check_openapi(document: Document) -> Iterator[Finding]:
    version = document.data.get("openapi")
    minor = _minor(version)
    if minor is None:
        yield _unsupported_version(document, version)
        return
    refs = check_refs(document.data, document.path, document.display)
    yield from refs.findings
    sound = neutralised(document.data, refs.broken)
    objects = _count_objects(document.data)
    if objects > MAX_SPEC_OBJECTS:
        spec_findings = [_too_large(document, objects)]
    else:
        spec_findings = list(_spec_validator_findings(document, sound, minor, refs.broken))
    yield from spec_findings
    if not any(f.pointer == "/info/contact/email" for f in spec_findings):
        yield from _contact_email(document)
    yield from examples.check_openapi_examples(document, sound, minor)


MAX_SPEC_OBJECTS = 20_000
"""Largest document (in JSON objects) given to openapi-spec-validator. It spends about 2 ms per object here (its
3.1 meta-schema check is pure-Python jsonschema): 20,000 objects is ~40 s, a 9.6 MB generated spec (180,000
objects) would be six minutes. Above the limit the structure check is skipped with a warning, not a hang."""


def _count_objects(data: Any) -> int:
    count, stack = 0, [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            count += 1
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return count


def _too_large(document: Document, objects: int) -> Finding:
    return Finding(
        rule="spec-too-large",
        severity=Severity.WARNING,
        file=document.display,
        pointer="",
        message=f"the OpenAPI structure check was skipped: {objects:,} objects, more than the "
        f"{MAX_SPEC_OBJECTS:,} it checks in bounded time ($refs and examples were still checked)",
        expected=f"at most {MAX_SPEC_OBJECTS:,} JSON objects, or split the document into files joined by $refs",
        actual=f"{objects:,} objects; to check it anyway, run openapi-spec-validator on it directly",
    )


@document_kind("swagger")
def check_swagger(document: Document) -> Iterator[Finding]:
    yield Finding(
        rule="openapi-unsupported",
        file=document.display,
        pointer="/swagger",
        message=f"Swagger {document.data.get('swagger')} is not supported; convert it to OpenAPI 3 first",
        expected="openapi: 3.0.x, 3.1.x or 3.2.x",
        actual=f"swagger: {preview(document.data.get('swagger'))}",
    )


def _unsupported_version(document: Document, version: object) -> Finding:
    return Finding(
        rule="openapi-unsupported",
        file=document.display,
        pointer="/openapi",
        message=f"unknown OpenAPI version {preview(version)}; expected 3.0.x, 3.1.x or 3.2.x",
        expected="3.0.x, 3.1.x or 3.2.x (a string)",
        actual=preview(version),
    )


def _spec_validator_findings(document: Document, sound: Any, minor: str, broken: frozenset[str]) -> Iterator[Finding]:
    validator = _SPEC_VALIDATORS[minor](sound, base_uri=document.base_uri)
    try:
        for error in validator.iter_errors():
            where = pointer(*getattr(error, "absolute_path", ()))
            if not any(where == site or where.startswith(site + "/") for site in broken):
                yield _spec_finding(document, where, error)
    except Exception as exc:  # the validator's own failures must not become tracebacks
        yield Finding(
            rule="validator-failed",
            file=document.display,
            pointer="",
            message=f"openapi-spec-validator gave up on this document ({type(exc).__name__}: {one_line(str(exc), 120)})"
            "; fix its other findings first",
        )


def _spec_finding(document: Document, where: str, error: Any) -> Finding:
    message = getattr(error, "message", None) or str(error)
    where = where or _operation_pointer(message)
    validator = getattr(error, "validator", None)
    constraint = None if validator is None or str(validator) == "<unset>" else str(validator)
    return Finding(
        rule="openapi-spec",
        file=document.display,
        pointer=where,
        message=one_line(message),
        expected=f"{constraint} constraint of the OpenAPI {document.data['openapi']} schema" if constraint else None,
        actual=_value_at(document.data, where) if where else None,
    )


# openapi-spec-validator's semantic errors carry no path; this one names the operation in its message.
_PATH_PARAMETER = re.compile(r"Path parameter '[^']*' for '(\w+)' operation in '([^']*)'")


def _operation_pointer(message: str) -> str:
    match = _PATH_PARAMETER.search(message)
    return pointer("paths", match.group(2), match.group(1)) if match else ""


def _value_at(data: Any, where: str) -> str | None:
    try:
        return preview(resolve_pointer(data, where))
    except Exception:  # the validator's path may not exist in the document (e.g. a missing required key)
        return None


def _contact_email(document: Document) -> Iterator[Finding]:
    """`info.contact.email` must be an email address (the metaschema says `format: email`; 3.1 does not assert it)."""
    contact = document.data.get("info", {}).get("contact") if isinstance(document.data.get("info"), dict) else None
    if not isinstance(contact, dict) or "email" not in contact:
        return
    email = contact["email"]
    if not isinstance(email, str) or not FormatChecker(["email"]).conforms(email, "email"):
        yield Finding(
            rule="openapi-spec",
            file=document.display,
            pointer="/info/contact/email",
            message=f"contact email {preview(email)} is not an email address",
            expected="an email address (format: email)",
            actual=preview(email),
        )
