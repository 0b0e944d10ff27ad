"""Adapters for OpenAPI documents and JSON Schemas, read through `referencing` like the spec diff.

A response that is a dangling `$ref` keeps its status code (the code is stated even if its content is not) and
the reference is recorded as unresolved; a 404 whose `$ref` points at a `…/responses/401` is recorded as
misdirected.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from paystack_contracts.diff.operations import HTTP_METHODS
from paystack_contracts.diff.schemas import SchemaView, schema_view
from paystack_contracts.discrepancies.model import Field, Operation, Resource, Source
from paystack_contracts.discrepancies.sources import adapter, normalize_type
from paystack_contracts.resolved import Node, ResolvedDocument

__all__ = ["resource_view"]

_BODYLESS = frozenset({"GET", "DELETE", "HEAD", "OPTIONS"})


@adapter("openapi")
def openapi(data: Any, display: str, api: str, path: Path) -> Source:
    doc = ResolvedDocument(data, display, path.resolve().parent)
    source = Source(display, "openapi", api)
    servers = data.get("servers")
    if isinstance(servers, list) and servers and isinstance(servers[0], dict) and "url" in servers[0]:
        source.base_url = (str(servers[0]["url"]), "/servers/0/url")
    for template, path_node in doc.items(doc.root.child("paths")):
        for method, op_node in doc.items(path_node):
            if method in HTTP_METHODS and isinstance(op_node.value, dict):
                source.operations.append(_operation(doc, method.upper(), template, path_node, op_node))
    doc.check_all_refs()
    source.unresolved = [(u.pointer, u.ref) for u in doc.unresolved]
    return source


def _operation(doc: ResolvedDocument, method: str, template: str, path_node: Node, node: Node) -> Operation:
    op = Operation(method, template, node.pointer)
    if isinstance(node.value.get("operationId"), str):
        op.name, op.name_location = node.value["operationId"], f"{node.pointer}/operationId"
    op.params = _parameters(doc, path_node, node)
    _request_body(doc, node, op)
    _responses(doc, node, op)
    return op


def _field(doc: ResolvedDocument, name: str, schema: Node | None, location: str, required: bool, where: str) -> Field:
    view = schema_view(doc, schema)
    enum = tuple(map(str, view.enum)) if view.enum is not None else None
    return Field(name, location, normalize_type(sorted(view.types)) if view.types else None, required, enum, where)


def _parameters(doc: ResolvedDocument, path_node: Node, node: Node) -> dict[str, Field]:
    found: dict[str, Field] = {}
    for owner in (path_node, node):
        listed = owner.value.get("parameters") if isinstance(owner.value, dict) else None
        for index in range(len(listed) if isinstance(listed, list) else 0):
            param = doc.deref(owner.child("parameters", index))
            if param is None or not isinstance(param.value, dict) or param.value.get("in") == "path":
                continue
            name, where = str(param.value.get("name")), str(param.value.get("in"))
            required = param.value.get("required") is True
            found[name] = _field(doc, name, param.child("schema"), param.pointer, required, where)
    return found


def _json_media(content: Node | None) -> Node | None:
    if content is None or not isinstance(content.value, dict) or not content.value:
        return None
    names = list(content.value)
    chosen = next((m for m in names if m == "application/json" or str(m).endswith("+json")), names[0])
    return content.child(chosen)


def _object_fields(doc: ResolvedDocument, view: SchemaView, where: str, at: str | None = None) -> dict[str, Field]:
    """Fields of an object schema, located where each property is declared (or all at `at`, when given)."""
    fields = {}
    for name, child in view.properties.items():
        field = _field(doc, name, child, at or child.pointer, name in view.required, where)
        if child.file and at is None:
            field = replace(field, file=posixpath.normpath(posixpath.join(posixpath.dirname(doc.display), child.file)))
        fields[name] = field
    return fields


def _request_body(doc: ResolvedDocument, node: Node, op: Operation) -> None:
    if "requestBody" not in node.value:
        op.body = None if op.method in _BODYLESS else {}
        return
    body = doc.get(node, "requestBody")
    if body is None:
        return
    content = body.child("content")
    if content is not None and isinstance(content.value, dict):
        op.media_types, op.media_location = tuple(map(str, content.value)), content.pointer
    media = _json_media(content)
    schema = doc.deref(media.child("schema")) if media is not None else None
    op.body = _object_fields(doc, schema_view(doc, schema), "body") if schema is not None else None


def _responses(doc: ResolvedDocument, node: Node, op: Operation) -> None:
    responses = doc.get(node, "responses")
    if responses is None or not isinstance(responses.value, dict):
        return
    codes = {str(code): f"{responses.pointer}/{code}" for code in responses.value}
    op.success = {c: at for c, at in codes.items() if c.startswith("2")}
    op.errors = {c: at for c, at in codes.items() if not c.startswith("2")}
    for code, raw in responses.value.items():
        target = raw.get("$ref") if isinstance(raw, dict) and isinstance(raw.get("$ref"), str) else None
        pointed = re.search(r"/responses/([1-5][0-9Xx]{2}|default)$", target or "")
        if pointed and pointed.group(1) != str(code) and not str(code).startswith("2"):
            op.misdirected[str(code)] = str(target)
    if op.success:
        op.response_fields = _data_fields(doc, responses.child(next(iter(op.success))))


def _data_fields(doc: ResolvedDocument, declared: Node | None) -> dict[str, Field]:
    """The success response's `data` fields, located at the response (where this document declares them)."""
    response = doc.deref(declared)
    media = _json_media(response.child("content")) if response is not None else None
    envelope = schema_view(doc, media.child("schema")) if media is not None else SchemaView()
    data = envelope.properties.get("data")
    view = schema_view(doc, data)
    if view.items is not None and not view.properties:
        view = schema_view(doc, view.items)
    return _object_fields(doc, view, "field", at=declared.pointer if declared else None)


@adapter("json-schema")
def json_schema(data: Any, display: str, api: str, path: Path) -> Source:
    return Source(display, "json-schema", api, resources=[resource_view(data, display, path)])


def resource_view(data: Any, display: str, path: Path) -> Resource:
    doc = ResolvedDocument(data, display, path.resolve().parent)
    view = schema_view(doc, doc.root)
    title = str(data.get("title") or path.stem)
    return Resource(title, "", _object_fields(doc, view, "field"), frozenset(view.required))
