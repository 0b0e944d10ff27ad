"""Spec-version drift: classify every change between two OpenAPI documents as breaking or not for a client.

    from paystack_contracts.diff import diff_files
    report = diff_files(Path("old.yaml"), Path("new.yaml"), policy=load_policy(Path("contracts/drift-policy.yaml")))
    report.findings       # one Finding per change, severity from the policy; exit 1 when any is an error

Both documents are read through `referencing` (`resolved.ResolvedDocument`); a `$ref` that does not resolve is a
change of its own (`unresolvable-ref-old` / `unresolvable-ref-new`), never a crash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from paystack_contracts.diff import rules as _rules  # noqa: F401  (registers the operation rules)
from paystack_contracts.diff.changes import CHANGE_CLASSES, Change
from paystack_contracts.diff.operations import diff_operations
from paystack_contracts.diff.webhooks import diff_webhooks
from paystack_contracts.drift.policy import Policy
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import Finding, pointer
from paystack_contracts.resolved import Node, ResolvedDocument

__all__ = ["CHANGE_CLASSES", "Change", "DiffReport", "diff_documents", "diff_files", "to_finding"]


@dataclass(frozen=True, slots=True)
class DiffReport:
    old: str
    new: str
    changes: tuple[Change, ...]
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        return any(f.severity.value == "error" for f in self.findings)


def diff_files(
    old: Path,
    new: Path,
    *,
    policy: Policy | None = None,
    today: dt.date | None = None,
    old_display: str | None = None,
    new_display: str | None = None,
) -> DiffReport:
    old_doc, new_doc = _load_openapi(old, old_display), _load_openapi(new, new_display)
    changes = tuple(diff_documents(old_doc, new_doc))
    policy = policy or Policy()
    return DiffReport(old_doc.display, new_doc.display, changes, tuple(to_finding(c, policy, today) for c in changes))


def _load_openapi(path: Path, display: str | None) -> ResolvedDocument:
    doc = ResolvedDocument.load(path, display)
    if not any(isinstance(doc.data.get(k), str) for k in ("openapi", "swagger")) or "paths" not in doc.data:
        raise DocumentError(doc.display, "is not an OpenAPI document (no `openapi` version and `paths`)")
    return doc


def diff_documents(old: ResolvedDocument, new: ResolvedDocument) -> list[Change]:
    changes = [*_servers(old, new), *diff_operations(old, new), *diff_webhooks(old, new)]
    changes += _unresolved(old, "unresolvable-ref-old") + _unresolved(new, "unresolvable-ref-new")
    return changes


def _servers(old: ResolvedDocument, new: ResolvedDocument) -> Iterator[Change]:
    before = _server_urls(old)
    after = _server_urls(new)
    for url, node in before.items():
        if after and url not in after:
            message = f"server {url} is gone (NEW serves {', '.join(after)})"
            where = next(iter(after.values()))
            yield Change(
                "server-changed",
                message,
                None,
                node.where(old.display),
                where.where(new.display),
                before=url,
                after=", ".join(after),
            )


def _server_urls(doc: ResolvedDocument) -> dict[str, Node]:
    servers = doc.root.child("servers")
    found: dict[str, Node] = {}
    for index, server in enumerate(servers.value if servers and isinstance(servers.value, list) else []):
        if isinstance(server, dict) and isinstance(server.get("url"), str):
            found[server["url"].rstrip("/")] = Node(server, pointer("servers", index))
    return found


def _unresolved(doc: ResolvedDocument, kind: str) -> list[Change]:
    doc.check_all_refs()
    side = "old" if kind.endswith("old") else "new"
    return [
        Change(
            kind,
            f"$ref {u.ref} does not resolve: {u.reason}",
            None,
            **{side: f"{doc.display}#{u.pointer}"},
            **{"before" if side == "old" else "after": u.ref},
        )
        for u in doc.unresolved
    ]


def to_finding(change: Change, policy: Policy, today: dt.date | None = None) -> Finding:
    decision = policy.decide(change.kind, today)
    located = change.new or change.old or ""
    file, _, ptr = located.partition("#")
    extra = [
        ("breaking", "yes" if change.breaking else "no"),
        ("policy", f"{decision.action.value}: {decision.reason}"),
    ]
    extra += [(side, loc) for side, loc in (("old", change.old), ("new", change.new)) if loc]
    return Finding(
        rule=change.kind,
        message=change.message,
        source="diff",
        severity=decision.severity,
        file=file or None,
        pointer=ptr if file else None,
        operation=change.operation,
        expected=change.before,
        actual=change.after,
        extra=tuple(extra),
    )
