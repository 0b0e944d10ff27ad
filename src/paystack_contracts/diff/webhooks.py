"""The OpenAPI 3.1 `webhooks` section, compared for a *receiver*: what a handler written against OLD gets under NEW.

An event gone (`webhook-removed`) breaks a handler that waits for it; a new one does not. Payloads are compared
like responses (the receiver reads them): a field removed, renamed or retyped is breaking (`webhook-field-*`,
`webhook-type-*`, `webhook-enum-*`), a field added is not.
"""

from __future__ import annotations

from collections.abc import Iterator

from paystack_contracts.diff.changes import Change
from paystack_contracts.diff.schemas import SchemaPair, compare_schemas
from paystack_contracts.resolved import Node, ResolvedDocument

__all__ = ["diff_webhooks"]


def _events(doc: ResolvedDocument) -> dict[str, Node]:
    return dict(doc.items(doc.root.child("webhooks")))


def _payload(doc: ResolvedDocument, item: Node) -> Node | None:
    media = doc.get(item, "post", "requestBody", "content")
    chosen = media.child("application/json") if media is not None else None
    return chosen.child("schema") if chosen is not None else None


def diff_webhooks(old: ResolvedDocument, new: ResolvedDocument) -> Iterator[Change]:
    before, after = _events(old), _events(new)
    for name, item in before.items():
        label = f"webhook {name}"
        if name not in after:
            yield Change("webhook-removed", f"{label} removed", label, item.where(old.display), None, before=name)
            continue
        pair = SchemaPair(old, new, "webhook", label)
        yield from compare_schemas(pair, _payload(old, item), _payload(new, after[name]))
    for name, item in after.items():
        if name not in before:
            label = f"webhook {name}"
            yield Change("webhook-added", f"{label} added", label, None, item.where(new.display), after=name)
