"""Schema comparison: what a client could send (request, parameter) or receive (response) under OLD and NEW.

A schema is first flattened into a `SchemaView` (types, properties, required names, enum, items), folding
`allOf` (merge), `anyOf`/`oneOf` (union) and OpenAPI 3.0's `nullable`. Comparison is direction-aware: in a
request a narrowed enum breaks clients, in a response a widened enum does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from paystack_contracts.diff.changes import Change
from paystack_contracts.resolved import Node, ResolvedDocument

__all__ = ["SchemaPair", "SchemaView", "compare_schemas", "normalized_name", "schema_view"]

_MAX_DEPTH = 12
_RECEIVED = frozenset({"response", "webhook"})
"""Roles whose schema describes what a client receives (a webhook payload is read by the receiver)."""


@dataclass
class SchemaView:
    types: frozenset[str] = frozenset()  # empty: any type
    properties: dict[str, Node] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    enum: tuple[Any, ...] | None = None
    items: Node | None = None


def schema_view(doc: ResolvedDocument, node: Node | None, depth: int = 0) -> SchemaView:
    node = doc.deref(node)
    if node is None or not isinstance(node.value, dict) or depth > _MAX_DEPTH:
        return SchemaView()
    value = node.value
    view = SchemaView(types=_types(value), enum=_enum(value), items=node.child("items"))
    view.required = {name for name in _listed(value, "required") if isinstance(name, str)}
    own = _properties(doc, node)
    for index in range(len(_listed(value, "allOf"))):
        _merge_all(view, schema_view(doc, node.child("allOf", index), depth + 1))
    view.properties = {**view.properties, **own}  # a schema's own property narrows what its allOf base says
    for keyword in ("anyOf", "oneOf"):
        branches = [schema_view(doc, node.child(keyword, i), depth + 1) for i in range(len(_listed(value, keyword)))]
        if branches:
            _merge_any(view, branches)
    if not view.types and view.properties:
        view.types = frozenset({"object"})
    return view


def _listed(value: dict[str, Any], key: str) -> list[Any]:
    """`value[key]` when it is a list; a malformed document's other shapes count as absent."""
    found = value.get(key)
    return found if isinstance(found, list) else []


def _properties(doc: ResolvedDocument, node: Node) -> dict[str, Node]:
    """Property nodes where they are declared (a `$ref`'d property keeps its own location, not its target's)."""
    container = doc.get(node, "properties")
    if container is None or not isinstance(container.value, dict):
        return {}
    return {str(name): child for name in container.value if (child := container.child(name)) is not None}


def _types(value: dict[str, Any]) -> frozenset[str]:
    declared = value.get("type")
    written = [declared] if isinstance(declared, str) else declared if isinstance(declared, list) else []
    types = {t for t in written if isinstance(t, str)}
    if value.get("nullable") is True and types:
        types.add("null")
    return frozenset(types)


def _enum(value: dict[str, Any]) -> tuple[Any, ...] | None:
    if "const" in value:
        return (value["const"],)
    enum = value.get("enum")
    return tuple(enum) if isinstance(enum, list) else None


def _merge_all(view: SchemaView, part: SchemaView) -> None:
    if part.types:
        view.types = view.types & part.types if view.types else part.types
    view.properties = {**view.properties, **part.properties}
    view.required |= part.required
    view.enum = view.enum if view.enum is not None else part.enum
    view.items = view.items or part.items


def _merge_any(view: SchemaView, branches: list[SchemaView]) -> None:
    typed = [b.types for b in branches]
    if all(typed) and not view.types:
        view.types = frozenset().union(*typed)
    for branch in branches:
        view.properties = {**branch.properties, **view.properties}
        view.items = view.items or branch.items
    view.required |= set.intersection(*(b.required for b in branches))
    if view.enum is None and all(b.enum is not None for b in branches):
        view.enum = tuple(v for b in branches for v in b.enum or ())


def normalized_name(name: str) -> str:
    """`createdAt`, `created_at` and `CreatedAt` all become `created_at`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower().lstrip("_")


def _expand(types: frozenset[str]) -> frozenset[str]:
    return types | {"integer"} if "number" in types else types


@dataclass
class SchemaPair:
    """Context for comparing two schemas: documents, role (request | parameter | response | webhook), label."""

    old_doc: ResolvedDocument
    new_doc: ResolvedDocument
    role: str
    operation: str | None
    seen: set[tuple[str, str]] = field(default_factory=set)

    def change(self, suffix: str, message: str, old: Node | None, new: Node | None, **values: str) -> Change:
        return Change(
            kind=f"{self.role}-{suffix}",
            message=f"{self.operation}: {message}" if self.operation else message,
            operation=self.operation,
            old=old.where(self.old_doc.display) if old else None,
            new=new.where(self.new_doc.display) if new else None,
            **values,
        )


def compare_schemas(pair: SchemaPair, old: Node | None, new: Node | None, path: str = "") -> Iterator[Change]:
    """Changes between two schemas, located where each is declared (a `$ref`'d property at the property)."""
    declared_old, declared_new = old, new
    old, new = pair.old_doc.deref(old), pair.new_doc.deref(new)
    if old is None or new is None or path.count(".") > _MAX_DEPTH:
        return
    key = (old.pointer, new.pointer)
    if key in pair.seen:  # a recursive schema: this pair is already being compared further up
        return
    pair.seen.add(key)
    try:
        at_old, at_new = declared_old or old, declared_new or new
        before, after = schema_view(pair.old_doc, old), schema_view(pair.new_doc, new)
        yield from _compare_types(pair, before, after, at_old, at_new, path)
        yield from _compare_enums(pair, before, after, at_old, at_new, path)
        if pair.role != "parameter":
            yield from _compare_properties(pair, before, after, old, new, path)
        if before.items is not None and after.items is not None:
            yield from compare_schemas(pair, before.items, after.items, f"{path}[]")
    finally:
        pair.seen.discard(key)


def _label(path: str) -> str:
    return path or "the body"


def _compare_types(
    pair: SchemaPair, before: SchemaView, after: SchemaView, old: Node, new: Node, path: str
) -> Iterator[Change]:
    if not before.types or not after.types or before.types == after.types:
        return
    wider, narrower = (after.types, before.types) if pair.role not in _RECEIVED else (before.types, after.types)
    shown = {"before": "|".join(sorted(before.types)), "after": "|".join(sorted(after.types))}
    if narrower <= _expand(wider):
        suffix = "type-narrowed" if pair.role in _RECEIVED else "type-widened"
        yield pair.change(suffix, f"{_label(path)}: type {shown['before']} -> {shown['after']}", old, new, **shown)
    else:
        yield pair.change(
            "type-changed", f"{_label(path)}: type {shown['before']} -> {shown['after']}", old, new, **shown
        )


def _compare_enums(
    pair: SchemaPair, before: SchemaView, after: SchemaView, old: Node, new: Node, path: str
) -> Iterator[Change]:
    if before.enum == after.enum:
        return
    old_values = set(map(repr, before.enum)) if before.enum is not None else None
    new_values = set(map(repr, after.enum)) if after.enum is not None else None
    shown = {"before": _show_enum(before.enum), "after": _show_enum(after.enum)}
    lost = old_values is None or (new_values is not None and bool(old_values - new_values))
    gained = new_values is None or (old_values is not None and bool(new_values - old_values))
    message = f"{_label(path)}: enum {shown['before']} -> {shown['after']}"
    if pair.role in _RECEIVED and gained:
        yield pair.change("enum-widened", message, old, new, **shown)
    elif (pair.role in _RECEIVED and lost) or lost:
        yield pair.change("enum-narrowed", message, old, new, **shown)
    elif gained:
        yield pair.change("enum-widened", message, old, new, **shown)


def _show_enum(values: tuple[Any, ...] | None) -> str:
    return "any" if values is None else "[" + ", ".join(map(str, values)) + "]"


def _compare_properties(
    pair: SchemaPair, before: SchemaView, after: SchemaView, old: Node, new: Node, path: str
) -> Iterator[Change]:
    renamed = _renames(before, after) if pair.role in _RECEIVED else {}
    for name, child in before.properties.items():
        field_path = f"{path}.{name}" if path else name
        if name in after.properties:
            yield from _required_change(pair, name in before.required, name in after.required, field_path, old, new)
            yield from compare_schemas(pair, child, after.properties[name], field_path)
        elif name in renamed:
            target = after.properties[renamed[name]]
            message = f"{field_path} renamed to {renamed[name]}"
            yield pair.change("field-renamed", message, child, target, before=name, after=renamed[name])
        else:
            yield pair.change("field-removed", f"{field_path} removed", child, new, before=name)
    for name, child in after.properties.items():
        if name in before.properties or name in renamed.values():
            continue
        yield _added(pair, name in after.required, f"{path}.{name}" if path else name, old, child)


def _added(pair: SchemaPair, required: bool, path: str, old: Node, new: Node) -> Change:
    if pair.role in _RECEIVED:
        return pair.change("field-added", f"{path} added", old, new, after=path)
    suffix = "field-added-required" if required else "field-added-optional"
    return pair.change(suffix, f"{path} added" + (" (required)" if required else ""), old, new, after=path)


def _renames(before: SchemaView, after: SchemaView) -> dict[str, str]:
    gone = [n for n in before.properties if n not in after.properties]
    new_by_norm = {normalized_name(n): n for n in after.properties if n not in before.properties}
    return {n: new_by_norm[normalized_name(n)] for n in gone if normalized_name(n) in new_by_norm}


def _required_change(pair: SchemaPair, was: bool, now: bool, path: str, old: Node, new: Node) -> Iterator[Change]:
    if was == now:
        return
    suffix = "field-became-required" if now else "field-became-optional"
    yield pair.change(suffix, f"{path} {'is now required' if now else 'is no longer required'}", old, new)
