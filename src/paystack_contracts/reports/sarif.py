"""findings.sarif: SARIF 2.1.0 for findings that point at a place in a file (specs/, contracts/ or a user's
document), so code-scanning UIs annotate the right line. Used by `run` and by validate/discrepancies/diff.

Lines come from the document itself: the file is composed to YAML nodes (JSON is YAML, so one path serves both)
and the JSON pointer is walked through the node tree; a key's line is where the annotation lands. A pointer that
stops early (a *missing* property) lands on the deepest node that exists.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

import yaml

from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding, Severity, pointer, unescape_pointer_token

__all__ = ["CONTRACT_FILES", "SARIF_SCHEMA_URI", "line_of_pointer", "pin_to_contract", "render_sarif"]

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
_SOURCE_HELP = {
    "validate": "The document is not valid OpenAPI 3.x or JSON Schema, or one of its examples does not match "
    "the schema beside it. Fix the document at the annotated line.",
    "discrepancies": "Two upstream sources (docs, OpenAPI description, SDK docs, JSON Schema) or a source and "
    "the contract disagree, and the ledger (contracts/discrepancies.yaml) does not record it as it is now. "
    "Record the discrepancy or update the entry.",
    "diff": "A change between two OpenAPI documents that breaks clients (removed operation, new required input, "
    "narrowed type, removed response field), classified by contracts/drift-policy.yaml.",
    "fingerprint": "The shape of a live response changed against the recorded baseline (contracts/baseline/).",
    "suite": "A response broke the contract during the conformance run.",
    "verdict": "The target followed a different source than the discrepancy ledger records.",
}
CONTRACT_FILES = ("contracts/paystack-customers.openapi.yaml", "contracts/globalstack-customers.openapi.yaml")
_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.NOTE: "note"}


def render_sarif(findings: Iterable[Finding], *, root: Path | None = None, tool_version: str = "") -> str:
    """A SARIF 2.1.0 log of the findings that name a file; others are left to the other reports."""
    base = (root or _default_root()).resolve()
    located = [f for f in findings if f.file is not None]
    rules = sorted({f.rule: f for f in located}.values(), key=lambda f: f.rule)
    index = {f.rule: i for i, f in enumerate(rules)}
    log = {
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": _driver(rules, tool_version)},
                "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The repository root."}}},
                "results": [_result(f, index[f.rule], base) for f in located],
            }
        ],
    }
    return redact(json.dumps(log, indent=2, ensure_ascii=False)) + "\n"


def pin_to_contract(findings: Iterable[Finding], *, root: Path | None = None) -> list[Finding]:
    """Findings about an operation ("POST /customer") but no file, pinned to that operation in the contract, so
    a run's failures annotate the operation they broke. Findings that already name a file are kept as they are."""
    index = _operation_index((root or _default_root()).resolve())
    return [
        replace(f, file=index[f.operation][0], pointer=index[f.operation][1])
        if f.file is None and f.operation in index
        else f
        for f in findings
    ]


def _operation_index(root: Path) -> dict[str | None, tuple[str, str]]:
    index: dict[str | None, tuple[str, str]] = {}
    for name in CONTRACT_FILES:
        for label, where in _operations_in(root / name):
            index.setdefault(label, (name, where))
    return index


def _operations_in(path: Path) -> Iterator[tuple[str, str]]:
    """("POST /customer", "/paths/~1customer/post") for every operation of an OpenAPI document."""
    node = _compose_file(path)
    found = _child(node, "paths") if node is not None else None
    if found is None or not isinstance(found[1], yaml.MappingNode):
        return
    for key, item in found[1].value:
        methods = [k.value for k, _ in item.value] if isinstance(item, yaml.MappingNode) else []
        for method in (m for m in methods if m in _METHODS):
            yield f"{method.upper()} {key.value}", pointer("paths", key.value, method)


def _default_root() -> Path:
    from paystack_contracts.project import current_project

    return current_project().root


def _driver(rules: Sequence[Finding], version: str) -> dict[str, Any]:
    driver: dict[str, Any] = {"name": "paystack-contracts", "rules": []}
    if version:
        driver["semanticVersion"] = version
    for sample in rules:
        help_text = _SOURCE_HELP.get(sample.source, "Reported by paystack-contracts.")
        driver["rules"].append(
            {
                "id": sample.rule,
                "name": "".join(part.capitalize() for part in sample.rule.replace("-", "_").split("_")),
                "shortDescription": {"text": f"{sample.source}: {sample.rule.replace('_', ' ').replace('-', ' ')}"},
                "fullDescription": {"text": help_text},
                "help": {"text": f"{help_text} Rule: {sample.rule}."},
                "defaultConfiguration": {"level": _LEVELS[sample.severity]},
                "properties": {"tags": ["contract", sample.source]},
            }
        )
    return driver


def _result(finding: Finding, rule_index: int, root: Path) -> dict[str, Any]:
    assert finding.file is not None
    physical: dict[str, Any] = {"artifactLocation": {"uri": quote(finding.file), "uriBaseId": "%SRCROOT%"}}
    path = root / finding.file
    line = line_of_pointer(path if path.is_file() else Path(finding.file), finding.pointer or "")
    if line is not None:
        physical["region"] = {"startLine": line}
    location: dict[str, Any] = {"physicalLocation": physical}
    if finding.pointer:
        location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer, "kind": "member"}]
    result: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [location],
    }
    return result


def _message(finding: Finding) -> str:
    facts = [("expected", finding.expected), ("actual", finding.actual), *finding.extra]
    tail = "".join(f" {label}: {value}." for label, value in facts if value is not None)
    where = f" ({finding.pointer})" if finding.pointer else ""
    return f"{finding.message.rstrip('.')}{where}.{tail}"


def line_of_pointer(path: Path, pointer: str) -> int | None:
    """1-based line of the node `pointer` names in a YAML/JSON file; the deepest existing ancestor when the
    pointer runs past the document; None when the file cannot be read or composed."""
    node = _compose_file(path)
    if node is None:
        return None
    line = node.start_mark.line
    for token in _tokens(pointer):
        found = _child(node, token)
        if found is None:
            break
        line, node = found
    return line + 1


def _tokens(pointer: str) -> list[str]:
    if not pointer:
        return []
    return [unescape_pointer_token(t) for t in pointer.lstrip("/").split("/")]


def _child(node: yaml.Node, token: str) -> tuple[int, yaml.Node] | None:
    """The line where `token` sits under `node` (the key's line for mappings) and the child node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == token:
                return key.start_mark.line, value
    if isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
        item = node.value[int(token)]
        return item.start_mark.line, item
    return None


def _compose_file(path: Path) -> yaml.Node | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _compose(str(path), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=32)
def _compose(path: str, mtime_ns: int, size: int) -> yaml.Node | None:
    """Cached per file version: validate/discrepancies annotate many pointers in the same few documents."""
    try:
        with open(path, encoding="utf-8-sig") as stream:
            return yaml.compose(stream, Loader=_LOADER)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
