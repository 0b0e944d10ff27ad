"""Walk two OpenAPI documents operation by operation and yield every `Change` between them.

Paths are matched on their shape (`/customer/{code}` and `/customer/{email_or_code}` are the same path with a
renamed parameter). Each aspect of an operation is a plain function registered with `@operation_rule`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from paystack_contracts.diff.changes import Change
from paystack_contracts.diff.schemas import SchemaPair
from paystack_contracts.resolved import Node, ResolvedDocument

__all__ = ["HTTP_METHODS", "OperationPair", "diff_operations", "operation_rule", "path_shape"]

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def path_shape(path: str) -> str:
    """`/customer/{code}` and `/customer/:email_or_code` both become `/customer/{}`."""
    return re.sub(r"\{[^}/]*\}|(?<=/):[A-Za-z_][A-Za-z0-9_]*", "{}", path.rstrip("/") or "/")


@dataclass
class OperationPair:
    old_doc: ResolvedDocument
    new_doc: ResolvedDocument
    label: str
    old: Node
    new: Node
    old_path: Node
    new_path: Node
    old_template: str = ""
    new_template: str = ""

    def at(self, old: Node | None, new: Node | None) -> dict[str, str | None]:
        return {
            "old": old.where(self.old_doc.display) if old else None,
            "new": new.where(self.new_doc.display) if new else None,
        }

    def change(self, kind: str, message: str, old: Node | None, new: Node | None, **values: str) -> Change:
        return Change(kind, f"{self.label}: {message}", self.label, **self.at(old, new), **values)

    def schemas(self, role: str) -> SchemaPair:
        return SchemaPair(self.old_doc, self.new_doc, role, self.label)


OperationRule = Callable[[OperationPair], Iterator[Change]]
_RULES: list[OperationRule] = []


def operation_rule(rule: OperationRule) -> OperationRule:
    _RULES.append(rule)
    return rule


def diff_operations(old: ResolvedDocument, new: ResolvedDocument) -> Iterator[Change]:
    old_paths, new_paths = _paths(old), _paths(new)
    for shape, (path, node) in old_paths.items():
        if shape not in new_paths:
            yield Change("path-removed", f"path {path} removed", None, node.where(old.display), None, before=path)
    for shape, (path, node) in new_paths.items():
        if shape not in old_paths:
            yield Change("path-added", f"path {path} added", None, None, node.where(new.display), after=path)
            continue
        old_path, old_node = old_paths[shape]
        if old_path != path:
            message = f"path {old_path} is now written {path}"
            where = {"old": old_node.where(old.display), "new": node.where(new.display)}
            yield Change("path-parameter-renamed", message, None, **where, before=old_path, after=path)
        yield from _diff_path_item(old, new, old_path, old_node, path, node)
    yield from _moved_operations(old, new)


def _paths(doc: ResolvedDocument) -> dict[str, tuple[str, Node]]:
    return {path_shape(path): (path, node) for path, node in doc.items(doc.root.child("paths"))}


def _operations(doc: ResolvedDocument, path_node: Node) -> dict[str, Node]:
    return {m: node for m, node in doc.items(path_node) if m in HTTP_METHODS and isinstance(node.value, dict)}


def _diff_path_item(
    old: ResolvedDocument, new: ResolvedDocument, old_path: str, old_node: Node, path: str, new_node: Node
) -> Iterator[Change]:
    old_ops, new_ops = _operations(old, old_node), _operations(new, new_node)
    for method in HTTP_METHODS:
        label = f"{method.upper()} {path}"
        if method in old_ops and method not in new_ops:
            where = old_ops[method].where(old.display)
            yield Change("operation-removed", f"{label} removed", label, where, new_node.where(new.display))
        elif method in new_ops and method not in old_ops:
            where = new_ops[method].where(new.display)
            yield Change("operation-added", f"{label} added", label, old_node.where(old.display), where)
        elif method in old_ops:
            pair = OperationPair(old, new, label, old_ops[method], new_ops[method], old_node, new_node, old_path, path)
            for rule in _RULES:
                yield from rule(pair)


def _operation_ids(doc: ResolvedDocument) -> dict[str, tuple[str, Node]]:
    found: dict[str, tuple[str, Node]] = {}
    for path, path_node in doc.items(doc.root.child("paths")):
        for method, op in _operations(doc, path_node).items():
            if isinstance(op.value.get("operationId"), str):
                found.setdefault(op.value["operationId"], (f"{method.upper()} {path}", op))
    return found


def _moved_operations(old: ResolvedDocument, new: ResolvedDocument) -> Iterator[Change]:
    new_ids = _operation_ids(new)
    for op_id, (old_label, old_op) in _operation_ids(old).items():
        if op_id not in new_ids:
            continue
        new_label, new_op = new_ids[op_id]
        old_method, old_path = old_label.split(" ", 1)
        new_method, new_path = new_label.split(" ", 1)
        if (old_method, path_shape(old_path)) != (new_method, path_shape(new_path)):
            where = {"old": old_op.where(old.display), "new": new_op.where(new.display)}
            message = f"{op_id} moved from {old_label} to {new_label}"
            yield Change("operation-moved", message, new_label, **where, before=old_label, after=new_label)


def declared(node: Node, key: str) -> Any:
    return node.value.get(key) if isinstance(node.value, dict) else None
