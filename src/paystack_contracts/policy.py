"""The drift policy: what each class of change does to a build (fail | warn | ignore), and until when.

`contracts/drift-policy.yaml` maps change classes (see `diff.changes.CHANGE_CLASSES`) to an action, a reason
and an optional `expires` date. After its expiry date an exception that softened a class (ignore or warn) turns
back into a failure, so a temporary waiver cannot silently become permanent. A class the policy does not mention
fails when it is breaking and warns otherwise.

    kind: drift-policy
    rules:
      operation-id-changed:
        action: warn
        reason: HTTP clients are unaffected; generated SDKs rename a method
        expires: 2027-01-31
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paystack_contracts.diff.changes import CHANGE_CLASSES, is_breaking
from paystack_contracts.documents import load_document
from paystack_contracts.errors import ConfigError, DocumentError
from paystack_contracts.findings import Severity

__all__ = ["Action", "Decision", "Policy", "PolicyRule", "load_policy"]

POLICY_KIND = "drift-policy"


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
    return PolicyRule(action, reason.strip(), _expiry(name, kind, value.get("expires")))


def _expiry(name: str, kind: str, value: Any) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{name}: rule {kind!r} expires {value!r}; write a date as YYYY-MM-DD") from None
