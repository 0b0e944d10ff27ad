"""A consumer usage profile: which operations, request fields and response fields one integration uses, and the
policy's `scope: used` that focuses the drift gates on them.

    kind: usage-profile
    version: 1
    operations:
      POST /customer:
        calls: 3
        request_fields: [email, first_name, metadata]
        response_fields: [data.customer_code, data.id, message, status]

Fields are written as fingerprint paths (`data[].id`: array items under `name[]`), whatever finding they are
compared with: a response JSON path (`$.data[0].id`), a fingerprint path, or a schema pointer of a spec diff.
`paystack-contracts usage` writes the profile from recorded traffic (every field the consumer sent and received);
prune the response fields your code never reads, and drift there stops failing the build.

A finding is *used* when its operation is used and, if it names a field, that field, a field under it or one
above it is in the profile. `scoped` marks every finding `usage: used|unused`; a finding of a policy class with
`scope: used` that is unused is downgraded from a failure to a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from paystack_contracts.documents import load_document
from paystack_contracts.drift.policy import Policy
from paystack_contracts.errors import ConfigError, DocumentError
from paystack_contracts.findings import Finding, Severity, unescape_pointer_token
from paystack_contracts.results import RunResult

__all__ = [
    "USAGE_KIND",
    "OperationUsage",
    "UsageProfile",
    "field_path",
    "load_usage",
    "schema_field_path",
    "scope_result",
    "scoped",
    "write_usage",
]

USAGE_KIND = "usage-profile"
USAGE_FILE = "usage.yaml"
"""Where the profile lives in the project's contracts directory; the run's gates and `diff` read it from there."""
_INDEX = re.compile(r"\[(?:\d+|\*)\]")


@dataclass(frozen=True, slots=True)
class OperationUsage:
    calls: int = 0
    request_fields: frozenset[str] = frozenset()
    response_fields: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class UsageProfile:
    operations: Mapping[str, OperationUsage] = field(default_factory=dict)
    source: str = "usage profile"

    def uses(self, operation: str | None, location: str | None = None, *, request: bool = False) -> bool:
        """Whether the consumer uses `operation` and, when a location is given, the field there."""
        used = self.operations.get(operation or "")
        if used is None:
            return False
        path = field_path(location)
        if not path:
            return True
        fields = used.request_fields if request else used.response_fields
        return any(_related(path, known) for known in fields)

    def to_dict(self) -> dict[str, Any]:
        operations = {
            label: {
                "calls": usage.calls,
                "request_fields": sorted(usage.request_fields),
                "response_fields": sorted(usage.response_fields),
            }
            for label, usage in sorted(self.operations.items())
        }
        return {"kind": USAGE_KIND, "version": 1, "operations": operations}


def field_path(location: str | None) -> str:
    """`$.data[0].id` / `$.data[*].id` / `data[].id` -> `data[].id`; `$` or None -> `` (the whole body)."""
    if not location:
        return ""
    path = _INDEX.sub("[]", location.strip())
    return path[2:] if path.startswith("$.") else ("" if path == "$" else path.lstrip("$"))


def schema_field_path(pointer: str) -> tuple[str, bool] | None:
    """The field a schema pointer of a spec diff names, and whether it is a request field; None when it names no
    field. `/paths/~1customer/get/responses/200/content/application~1json/schema/properties/data/properties/id`
    -> (`data.id`, False)."""
    tokens = [unescape_pointer_token(t) for t in pointer.split("/")[1:]]
    if "schema" not in tokens:
        return None
    request = "requestBody" in tokens
    rest = tokens[len(tokens) - tokens[::-1].index("schema") :]
    parts: list[str] = []
    for previous, token in zip(["schema", *rest], rest, strict=False):
        if previous == "properties":
            parts.append(("." if parts else "") + token)
        elif token == "items":
            parts.append("[]")
    return "".join(parts), request


def _related(path: str, known: str) -> bool:
    """Same field, or one is inside the other (`data` holds `data.id`; `data.metadata.x` is in `data.metadata`)."""
    if path == known:
        return True
    return known.startswith((path + ".", path + "[")) or path.startswith((known + ".", known + "["))


def scoped(
    findings: Iterable[Finding], usage: UsageProfile | None, policy: Policy, today: dt.date | None = None
) -> list[Finding]:
    """Every finding marked used/unused; unused failures of `scope: used` classes become warnings."""
    if usage is None:
        return list(findings)
    return [_scoped(f, usage, policy, today or dt.date.today()) for f in findings]


def _scoped(finding: Finding, usage: UsageProfile, policy: Policy, today: dt.date) -> Finding:
    location, request = finding.location, finding.source == "proxy"
    old_side = dict(finding.extra).get("old", "").partition("#")[2]  # a removed field is named in OLD
    if finding.source == "diff" and (old_side or finding.pointer):
        named = schema_field_path(old_side or finding.pointer or "")
        location, request = named if named else (None, False)
    used = usage.uses(finding.operation, location, request=request)
    extra = (*finding.extra, ("usage", "used" if used else "unused"))
    rule = policy.rules.get(finding.rule)
    if used or rule is None or rule.scope != "used" or finding.severity is not Severity.ERROR:
        return replace(finding, extra=extra)
    decision = f"warn: outside what this consumer uses ({usage.source}); scope: used"
    facts = tuple((k, decision if k == "policy" else v) for k, v in extra)
    facts = facts if any(k == "policy" for k, _ in extra) else (*facts, ("policy", decision))
    return replace(finding, severity=Severity.WARNING, extra=facts)


def scope_result(result: RunResult, usage: UsageProfile | None, policy: Policy, today: dt.date | None = None) -> None:
    """`scoped` over a run's findings and warnings, each filed again by its (possibly lowered) severity."""
    if usage is None:
        return
    every = scoped([*result.findings, *result.warnings], usage, policy, today)
    failing = {id(f) for f in result.findings}
    marked = list(zip([*result.findings, *result.warnings], every, strict=True))
    result.findings = [new for old, new in marked if id(old) in failing and new.severity is Severity.ERROR]
    result.warnings = [new for old, new in marked if id(old) not in failing or new.severity is not Severity.ERROR]


def load_usage(path: Path | None) -> UsageProfile | None:
    """The profile at `path`; None when no path is given or the file does not exist."""
    if path is None or not path.is_file():
        return None
    try:
        data = load_document(path)
    except DocumentError as exc:
        raise ConfigError(f"usage profile {exc}") from exc
    if data.get("kind") != USAGE_KIND or not isinstance(data.get("operations"), dict):
        raise ConfigError(f"{path.as_posix()}: expected `kind: {USAGE_KIND}` with an `operations` mapping")
    try:
        operations = {str(label): _operation(value) for label, value in data["operations"].items()}
    except (TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path.as_posix()}: not a usage profile ({exc})") from None
    return UsageProfile(operations, path.as_posix())


def _operation(value: Any) -> OperationUsage:
    value = value or {}
    return OperationUsage(
        int(value.get("calls", 0)),
        frozenset(map(str, value.get("request_fields") or ())),
        frozenset(map(str, value.get("response_fields") or ())),
    )


def write_usage(path: Path, usage: UsageProfile) -> Path:
    header = "# Written by `paystack-contracts usage`: prune the fields your code never reads.\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(header + yaml.safe_dump(usage.to_dict(), sort_keys=False), encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
    return path
