"""The drift policy: what each class of change does to a build (fail | warn | ignore), and until when.

`contracts/drift-policy.yaml` maps change classes (`CHANGE_CLASSES` below; each says whether it breaks a
client written against the OLD document) to an action, a reason and an optional `expires` date. After its
expiry date an exception that softened a class (ignore or warn) turns back into a failure, so a temporary
waiver cannot silently become permanent. A class the policy does not mention fails when it is breaking and
warns otherwise.

    kind: drift-policy
    rules:
      operation-id-changed:
        action: warn
        reason: HTTP clients are unaffected; generated SDKs rename a method
        expires: 2027-01-31
      response-field-removed:
        action: fail
        scope: used     # fail only in what our usage profile uses; warn elsewhere (drift/usage.py)
        reason: our code reads these fields
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paystack_contracts.documents import load_document
from paystack_contracts.errors import ConfigError, DocumentError
from paystack_contracts.findings import Severity

__all__ = ["CHANGE_CLASSES", "Action", "ChangeClass", "Decision", "Policy", "PolicyRule", "is_breaking", "load_policy"]

POLICY_KIND = "drift-policy"
SCOPES = ("all", "used")


@dataclass(frozen=True, slots=True)
class ChangeClass:
    name: str
    breaking: bool
    summary: str


def _catalogue(*rows: tuple[str, bool, str]) -> dict[str, ChangeClass]:
    return {name: ChangeClass(name, breaking, summary) for name, breaking, summary in rows}


CHANGE_CLASSES: dict[str, ChangeClass] = _catalogue(
    ("server-changed", True, "a base URL of OLD is gone from NEW"),
    ("security-changed", True, "the security requirements of an operation changed"),
    ("path-removed", True, "a path of OLD is gone"),
    ("path-added", False, "a new path"),
    ("path-parameter-renamed", False, "a path template parameter was renamed (same URL shape)"),
    ("operation-removed", True, "an operation of OLD is gone"),
    ("operation-added", False, "a new operation"),
    ("operation-moved", False, "an operation id now lives at another method/path"),
    ("operation-id-changed", True, "operationId renamed: generated SDK methods change name"),
    ("operation-deprecated", False, "an operation became deprecated"),
    ("parameter-added-required", True, "a new required parameter"),
    ("parameter-added-optional", False, "a new optional parameter"),
    ("parameter-removed", False, "a parameter is gone (servers usually ignore it)"),
    ("parameter-became-required", True, "an optional parameter became required"),
    ("parameter-became-optional", False, "a required parameter became optional"),
    ("parameter-location-changed", True, "a parameter moved (query/header/path/cookie)"),
    ("parameter-type-changed", True, "a parameter no longer accepts a type it accepted"),
    ("parameter-type-widened", False, "a parameter accepts more types"),
    ("parameter-enum-narrowed", True, "a parameter no longer accepts a value it accepted"),
    ("parameter-enum-widened", False, "a parameter accepts more values"),
    ("request-body-became-required", True, "the request body became required"),
    ("request-content-type-removed", True, "a request media type is no longer accepted"),
    ("request-content-type-added", False, "a new request media type"),
    ("request-field-added-required", True, "a new required request field"),
    ("request-field-added-optional", False, "a new optional request field"),
    ("request-field-removed", False, "a request field is gone"),
    ("request-field-became-required", True, "an optional request field became required"),
    ("request-field-became-optional", False, "a required request field became optional"),
    ("request-type-changed", True, "a request field no longer accepts a type it accepted"),
    ("request-type-widened", False, "a request field accepts more types"),
    ("request-enum-narrowed", True, "a request field no longer accepts a value it accepted"),
    ("request-enum-widened", False, "a request field accepts more values"),
    ("success-status-changed", True, "the success status code changed (e.g. 201 -> 200)"),
    ("success-status-removed", True, "a success status code is gone"),
    ("success-status-added", False, "an additional success status code"),
    ("response-status-removed", False, "an error status code is no longer declared"),
    ("response-status-added", False, "a new error status code is declared"),
    ("response-content-type-removed", True, "a response media type is gone"),
    ("response-content-type-added", False, "a new response media type"),
    ("response-field-removed", True, "a response field is gone"),
    ("response-field-renamed", True, "a response field changed its spelling (createdAt -> created_at)"),
    ("response-field-added", False, "a new response field"),
    ("response-field-became-optional", True, "a response field is no longer guaranteed"),
    ("response-field-became-required", False, "a response field is now guaranteed"),
    ("response-type-changed", True, "a response field can now have a type clients did not expect"),
    ("response-type-narrowed", False, "a response field has fewer possible types"),
    ("response-enum-widened", True, "a response field can now have a value clients did not expect"),
    ("response-enum-narrowed", False, "a response field has fewer possible values"),
    ("webhook-removed", True, "an event of OLD's webhooks is gone: a handler waiting for it never hears"),
    ("webhook-added", False, "a new webhook event"),
    ("webhook-field-removed", True, "a webhook payload field is gone"),
    ("webhook-field-renamed", True, "a webhook payload field changed its spelling"),
    ("webhook-field-added", False, "a new webhook payload field"),
    ("webhook-field-became-optional", True, "a webhook payload field is no longer guaranteed"),
    ("webhook-field-became-required", False, "a webhook payload field is now guaranteed"),
    ("webhook-type-changed", True, "a webhook payload field can now have a type handlers did not expect"),
    ("webhook-type-narrowed", False, "a webhook payload field has fewer possible types"),
    ("webhook-enum-widened", True, "a webhook payload field can now have a value handlers did not expect"),
    ("webhook-enum-narrowed", False, "a webhook payload field has fewer possible values"),
    ("unresolvable-ref-new", True, "NEW has a $ref that does not resolve"),
    ("unresolvable-ref-old", False, "OLD has a $ref that does not resolve (that part could not be compared)"),
    ("response-new-status", False, "fingerprints: a status code never seen in the baseline"),
)


def is_breaking(kind: str) -> bool:
    found = CHANGE_CLASSES.get(kind)
    return found is not None and found.breaking


class Action(enum.StrEnum):
    FAIL = "fail"
    WARN = "warn"
    IGNORE = "ignore"

    @property
    def severity(self) -> Severity:
        return {Action.FAIL: Severity.ERROR, Action.WARN: Severity.WARNING, Action.IGNORE: Severity.NOTE}[self]


@dataclass(frozen=True, slots=True)
class PolicyRule:
    action: Action
    reason: str
    expires: dt.date | None = None
    scope: str = "all"  # all | used: only findings in what the consumer uses (drift.usage.scoped)


@dataclass(frozen=True, slots=True)
class Decision:
    """What the policy decided for one change class, and why (shown next to each finding)."""

    kind: str
    action: Action
    reason: str

    @property
    def severity(self) -> Severity:
        return self.action.severity


@dataclass(frozen=True, slots=True)
class Policy:
    rules: Mapping[str, PolicyRule] = field(default_factory=dict)
    source: str = "built-in defaults"

    def decide(self, kind: str, today: dt.date | None = None) -> Decision:
        rule = self.rules.get(kind)
        if rule is None:
            action = Action.FAIL if is_breaking(kind) else Action.WARN
            return Decision(kind, action, f"{'breaking' if is_breaking(kind) else 'non-breaking'} by default")
        today = today or dt.date.today()
        if rule.expires is not None and today > rule.expires and rule.action is not Action.FAIL:
            reason = f"the {rule.action.value} exception expired on {rule.expires.isoformat()} ({rule.reason})"
            return Decision(kind, Action.FAIL, reason)
        return Decision(kind, rule.action, rule.reason)


def load_policy(path: Path | None, *, display: str | None = None) -> Policy:
    """Read a policy file; None gives the built-in defaults. Unknown classes or actions are `ConfigError`s."""
    if path is None:
        return Policy()
    name = display or path.as_posix()
    try:
        data = load_document(path, display=name)
    except DocumentError as exc:
        raise ConfigError(f"drift policy {exc}") from exc
    if data.get("kind") != POLICY_KIND:
        raise ConfigError(f"{name}: expected `kind: {POLICY_KIND}`, found {data.get('kind')!r}")
    rules = data.get("rules") or {}
    if not isinstance(rules, dict):
        raise ConfigError(f"{name}: `rules` must be a mapping of change class -> {{action, reason, expires}}")
    return Policy({str(k): _rule(name, str(k), v) for k, v in rules.items()}, name)


def _rule(name: str, kind: str, value: Any) -> PolicyRule:
    if kind not in CHANGE_CLASSES:
        known = ", ".join(sorted(CHANGE_CLASSES))
        raise ConfigError(f"{name}: unknown change class {kind!r} (known: {known})")
    if not isinstance(value, dict):
        raise ConfigError(f"{name}: rule {kind!r} must be a mapping with action and reason")
    try:
        action = Action(str(value.get("action")))
    except ValueError:
        raise ConfigError(
            f"{name}: rule {kind!r} has action {value.get('action')!r}; use fail, warn or ignore"
        ) from None
    reason = value.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"{name}: rule {kind!r} needs a reason")
    scope = str(value.get("scope", "all"))
    if scope not in SCOPES:
        raise ConfigError(f"{name}: rule {kind!r} has scope {scope!r}; use all or used")
    return PolicyRule(action, reason.strip(), _expiry(name, kind, value.get("expires")), scope)


def _expiry(name: str, kind: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{name}: rule {kind!r} expires {value!r}; write a date as YYYY-MM-DD") from None
