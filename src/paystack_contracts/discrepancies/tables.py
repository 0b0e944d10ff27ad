"""Adapters for the table formats under specs/: `kind: docs-endpoint-table` and `kind: sdk-method-table`.

Both formats are described in specs/README.md. What a table does not state stays None in the model (the docs
table has no status-code column, so it takes part in no status comparison, except where its prose says
"Returns 202 Accepted"), so absence of information is never mistaken for a disagreement.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from paystack_contracts.discrepancies.model import Field, Operation, Source
from paystack_contracts.discrepancies.sources import adapter, iter_records, normalize_type
from paystack_contracts.findings import pointer

__all__: list[str] = []

_BODYLESS = frozenset({"GET", "DELETE", "HEAD", "OPTIONS"})
_PROSE_STATUS = re.compile(r"\bReturns (\d{3})\b")


def _field(record: dict[str, Any], location: str, where: str) -> Field:
    required = record.get("required")
    return Field(
        str(record.get("name")),
        location,
        normalize_type(record.get("type")),
        required if isinstance(required, bool) else None,
        None,
        where,
    )


@adapter("docs-endpoint-table")
def docs_endpoint_table(data: Any, display: str, api: str, path: Path) -> Source:
    source = Source(display, "docs-endpoint-table", api, expresses_enums=False)
    if isinstance(data.get("base_url"), str):
        source.base_url = (data["base_url"], "/base_url")
    for index, record in iter_records(data, "endpoints"):
        source.operations.append(_docs_operation(record, pointer("endpoints", index)))
    return source


def _docs_operation(record: dict[str, Any], at: str) -> Operation:
    method = str(record.get("method", "")).upper()
    op = Operation(method, str(record.get("path", "")), at)
    if isinstance(record.get("params"), list):
        fields = [_field(p, f"{at}/params/{i}", str(p.get("in", "body"))) for i, p in iter_records(record, "params")]
        query = {f.name: f for f in fields if f.where in ("query", "header")}
        body = {f.name: f for f in fields if f.where == "body"}
        op.params = query if method in _BODYLESS or query else None
        op.body = body if method not in _BODYLESS else None
    stated = _PROSE_STATUS.search(str(record.get("description") or ""))
    if stated:
        op.success = {stated.group(1): f"{at}/description"}
    return op


@adapter("sdk-method-table")
def sdk_method_table(data: Any, display: str, api: str, path: Path) -> Source:
    source = Source(display, "sdk-method-table", api, language_names=True, expresses_enums=False)
    if isinstance(data.get("base_url"), str):
        source.base_url = (data["base_url"], "/base_url")
    for index, record in iter_records(data, "methods"):
        source.operations.append(_sdk_operation(record, pointer("methods", index)))
    return source


def _sdk_operation(record: dict[str, Any], at: str) -> Operation:
    method, path = str(record.get("http_method", "")).upper(), str(record.get("path", ""))
    op = Operation(method, path, at, name=str(record.get("name")), name_location=f"{at}/name")
    in_path = set(re.findall(r"\{([^}/]+)\}", path))
    where = "query" if method in _BODYLESS else "body"
    fields = [_field(p, f"{at}/params/{i}", where) for i, p in iter_records(record, "params")]
    declared = {f.name: f for f in fields if f.name not in in_path}
    op.params, op.body = (declared, None) if method in _BODYLESS else ({}, declared)
    if isinstance(record.get("content_types"), list):
        op.media_types, op.media_location = tuple(map(str, record["content_types"])), f"{at}/content_types"
    statuses = [(str(s.get("code")), f"{at}/status_codes/{i}") for i, s in iter_records(record, "status_codes")]
    if statuses:
        op.success = {code: where for code, where in statuses if code.startswith("2")}
        op.errors = {code: where for code, where in statuses if not code.startswith("2")}
    return op
