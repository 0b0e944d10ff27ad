"""The per-operation comparisons: identity, security, parameters, request body, responses.

Each function takes an `OperationPair` and yields `Change`s; `@operation_rule` registers it with the walker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from paystack_contracts.diff.changes import Change
from paystack_contracts.diff.operations import OperationPair, declared, operation_rule
from paystack_contracts.diff.schemas import compare_schemas
from paystack_contracts.resolved import Node, ResolvedDocument

__all__: list[str] = []


@operation_rule
def operation_id(pair: OperationPair) -> Iterator[Change]:
    before, after = declared(pair.old, "operationId"), declared(pair.new, "operationId")
    if before and after and before != after:
        old, new = pair.old.child("operationId"), pair.new.child("operationId")
        yield pair.change(
            "operation-id-changed", f"operationId {before} -> {after}", old, new, before=before, after=after
        )


@operation_rule
def deprecation(pair: OperationPair) -> Iterator[Change]:
    if declared(pair.new, "deprecated") is True and declared(pair.old, "deprecated") is not True:
        yield pair.change("operation-deprecated", "now deprecated", pair.old, pair.new.child("deprecated"))


def _security(doc: ResolvedDocument, op: Node) -> tuple[Node | None, set[frozenset[str]]]:
    node = op.child("security") if "security" in op.value else doc.root.child("security")
    requirements = node.value if node is not None and isinstance(node.value, list) else []
    return node, {frozenset(r) for r in requirements if isinstance(r, dict)}


@operation_rule
def security(pair: OperationPair) -> Iterator[Change]:
    old_node, before = _security(pair.old_doc, pair.old)
    new_node, after = _security(pair.new_doc, pair.new)
    if before != after:
        shown = {"before": _show_security(before), "after": _show_security(after)}
        message = f"security {shown['before']} -> {shown['after']}"
        yield pair.change("security-changed", message, old_node or pair.old, new_node or pair.new, **shown)


def _show_security(requirements: set[frozenset[str]]) -> str:
    return " or ".join(sorted("+".join(sorted(r)) or "none" for r in requirements)) or "none"


def _parameters(doc: ResolvedDocument, path_item: Node, op: Node, path: str) -> dict[tuple[str, str], Node]:
    found: dict[tuple[str, str], Node] = {}
    positions = re.findall(r"\{([^}/]*)\}", path)
    for owner in (path_item, op):
        listed = owner.value.get("parameters") if isinstance(owner.value, dict) else None
        for index in range(len(listed) if isinstance(listed, list) else 0):
            param = doc.deref(owner.child("parameters", index))
            if param is None or not isinstance(param.value, dict):
                continue
            name, where = str(param.value.get("name")), str(param.value.get("in"))
            key = (where, str(positions.index(name))) if where == "path" and name in positions else (where, name)
            found[key] = param
    return found


@operation_rule
def parameters(pair: OperationPair) -> Iterator[Change]:
    before = _parameters(pair.old_doc, pair.old_path, pair.old, pair.old_template)
    after = _parameters(pair.new_doc, pair.new_path, pair.new, pair.new_template)
    for key, param in after.items():
        if key not in before and key[0] != "path":
            required = declared(param, "required") is True
            kind = "parameter-added-required" if required else "parameter-added-optional"
            yield pair.change(kind, f"{key[0]} parameter {key[1]} added", pair.old, param, after=key[1])
    for key, param in before.items():
        if key in after:
            yield from _compare_parameter(pair, key, param, after[key])
        elif key[0] != "path":
            moved = [k for k in after if k[1] == key[1]]
            kind = "parameter-location-changed" if moved else "parameter-removed"
            target = after[moved[0]] if moved else pair.new
            message = f"{key[0]} parameter {key[1]} " + (f"moved to {moved[0][0]}" if moved else "removed")
            yield pair.change(kind, message, param, target, before=key[0], after=moved[0][0] if moved else "")


def _compare_parameter(pair: OperationPair, key: tuple[str, str], old: Node, new: Node) -> Iterator[Change]:
    was, now = declared(old, "required") is True, declared(new, "required") is True
    if was != now:
        kind = "parameter-became-required" if now else "parameter-became-optional"
        yield pair.change(
            kind, f"{key[0]} parameter {key[1]} {'became required' if now else 'became optional'}", old, new
        )
    label = declared(new, "name") or key[1]
    yield from compare_schemas(pair.schemas("parameter"), old.child("schema"), new.child("schema"), f"{key[0]} {label}")


def _media(doc: ResolvedDocument, owner: Node | None) -> dict[str, Node]:
    return dict(doc.items(owner.child("content"))) if owner is not None else {}


def _json_media(media: dict[str, Any]) -> str | None:
    return next((m for m in media if m == "application/json" or str(m).endswith("+json")), next(iter(media), None))


@operation_rule
def request_body(pair: OperationPair) -> Iterator[Change]:
    old_body = pair.old_doc.get(pair.old, "requestBody")
    new_body = pair.new_doc.get(pair.new, "requestBody")
    if (
        new_body is not None
        and declared(new_body, "required") is True
        and (old_body is None or declared(old_body, "required") is not True)
    ):
        yield pair.change(
            "request-body-became-required", "request body is now required", old_body or pair.old, new_body
        )
    before, after = _media(pair.old_doc, old_body), _media(pair.new_doc, new_body)
    yield from _media_changes(pair, "request", before, after, old_body, new_body)
    common = {m: before[m] for m in before if m in after}
    chosen = _json_media(common)
    if chosen is not None:
        yield from compare_schemas(
            pair.schemas("request"), before[chosen].child("schema"), after[chosen].child("schema")
        )


def _media_changes(
    pair: OperationPair, role: str, before: dict[str, Node], after: dict[str, Node], old: Node | None, new: Node | None
) -> Iterator[Change]:
    if not before or not after:
        return
    for media, node in before.items():
        if media not in after:
            yield pair.change(
                f"{role}-content-type-removed", f"{role} media type {media} removed", node, new, before=media
            )
    for media, node in after.items():
        if media not in before:
            yield pair.change(f"{role}-content-type-added", f"{role} media type {media} added", old, node, after=media)


def _responses(doc: ResolvedDocument, op: Node) -> dict[str, Node]:
    node = doc.get(op, "responses")
    if node is None or not isinstance(node.value, dict):
        return {}
    return {str(code): child for code in node.value if (child := node.child(code)) is not None}


def _success(code: str) -> bool:
    return code.startswith("2")


@operation_rule
def responses(pair: OperationPair) -> Iterator[Change]:
    before, after = _responses(pair.old_doc, pair.old), _responses(pair.new_doc, pair.new)
    gone_ok = [c for c in before if _success(c) and c not in after]
    new_ok = [c for c in after if _success(c) and c not in before]
    for index, code in enumerate(gone_ok):
        if index < len(new_ok):
            replacement = new_ok[index]
            message = f"success status {code} -> {replacement}"
            yield pair.change(
                "success-status-changed", message, before[code], after[replacement], before=code, after=replacement
            )
            yield from _compare_response(pair, before[code], after[replacement])
        else:
            yield pair.change(
                "success-status-removed", f"success status {code} removed", before[code], pair.new, before=code
            )
    for code in new_ok[len(gone_ok) :]:
        yield pair.change("success-status-added", f"success status {code} added", pair.old, after[code], after=code)
    for code in before:
        if code in after:
            yield from _compare_response(pair, before[code], after[code])
        elif not _success(code):
            yield pair.change("response-status-removed", f"status {code} removed", before[code], pair.new, before=code)
    for code in after:
        if code not in before and not _success(code):
            yield pair.change("response-status-added", f"status {code} added", pair.old, after[code], after=code)


def _compare_response(pair: OperationPair, old: Node, new: Node) -> Iterator[Change]:
    old_resolved, new_resolved = pair.old_doc.deref(old), pair.new_doc.deref(new)
    if old_resolved is None or new_resolved is None:
        return  # an unresolvable side is reported once as unresolvable-ref-*
    before, after = _media(pair.old_doc, old_resolved), _media(pair.new_doc, new_resolved)
    yield from _media_changes(pair, "response", before, after, old_resolved, new_resolved)
    chosen = _json_media({m: before[m] for m in before if m in after})
    if chosen is not None:
        yield from compare_schemas(
            pair.schemas("response"), before[chosen].child("schema"), after[chosen].child("schema")
        )
