"""Turn what Schemathesis raised for one response into `Finding`s: the check, the JSON path of the offending
value, what was expected and what was seen, and a replay line. Text passes through `credentials.redact`.
"""

from __future__ import annotations

from typing import Any

from schemathesis.core.failures import Failure

from paystack_contracts.checks.violation import ContractViolation, short
from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding

__all__ = ["check_name", "findings_from_failure"]


def check_name(failure: Failure) -> str:
    if isinstance(failure, ContractViolation):
        return failure.check
    return failure.checks[0] if failure.checks else type(failure).__name__


def findings_from_failure(
    failure: Failure, operation: str, status_code: int, replay: str, secrets: tuple[str, ...]
) -> list[Finding]:
    """Findings for one failure on a response with `status_code` (named in the message: "HTTP 401: ...")."""
    check = check_name(failure)
    if isinstance(failure, ContractViolation):
        return [
            _finding(
                check, v.rule, f"HTTP {status_code}: {v}", operation, v.location, v.expected, v.actual, replay, secrets
            )
            for v in failure.violations
        ]
    location, expected, actual = _details(failure)
    detail = failure.message.strip().splitlines()[0] if failure.message.strip() else ""
    message = f"HTTP {status_code}: {failure.title}" + (f": {detail}" if detail else "")
    return [_finding(check, f"{check}/{failure.code}", message, operation, location, expected, actual, replay, secrets)]


def _details(failure: Failure) -> tuple[str | None, str | None, str | None]:
    """JSON path, expected, actual for the built-in failure kinds we can read structurally."""
    attrs: dict[str, Any] = {name: getattr(failure, name, None) for name in _KNOWN_ATTRIBUTES}
    if attrs["instance_path"] is not None:
        path = "$" + "".join(f"[{t}]" if isinstance(t, int) else f".{t}" for t in attrs["instance_path"])
        keyword = attrs["schema_path"][-1] if attrs["schema_path"] else "schema"
        return path, f"{keyword} (schema at {'/'.join(map(str, attrs['schema_path']))})", short(attrs["instance"])
    if attrs["defined_status_codes"] is not None:
        return "status", f"one of {', '.join(attrs['defined_status_codes'])}", str(attrs["status_code"])
    if attrs["status_code"] is not None:
        return "status", "a non-5xx status", str(attrs["status_code"])
    if attrs["missing_headers"] is not None:
        return "headers", f"headers {', '.join(attrs['missing_headers'])}", "absent"
    return None, None, None


_KNOWN_ATTRIBUTES = (
    "instance_path",
    "schema_path",
    "instance",
    "defined_status_codes",
    "status_code",
    "missing_headers",
)


def _finding(
    check: str,
    rule: str,
    message: str,
    operation: str,
    location: str | None,
    expected: str | None,
    actual: str | None,
    replay: str,
    secrets: tuple[str, ...],
) -> Finding:
    def clean(text: str | None) -> str | None:
        return None if text is None else redact(text, *secrets)

    return Finding(
        rule=rule,
        message=redact(message, *secrets),
        source="suite",
        operation=operation,
        location=location,
        expected=clean(expected),
        actual=clean(actual),
        replay=replay,
        extra=(("check", check),),
    )
