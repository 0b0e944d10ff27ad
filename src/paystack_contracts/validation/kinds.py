"""Document kinds: how a parsed file is recognised, and the registry of checks per kind.

A check is a plain function from a `Document` to findings, registered with `@document_kind("name")`. Other gates
register the files they own (the discrepancy ledger, the drift policy, baselines) the same way, optionally
claiming them by project-relative path pattern; a kind nobody registered is skipped, never failed.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from paystack_contracts.documents import resolved
from paystack_contracts.findings import Finding

__all__ = [
    "Check",
    "Document",
    "DocumentKind",
    "bundled_format_schema",
    "classify",
    "document_kind",
    "registered_kinds",
]


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed YAML/JSON mapping and where it came from."""

    path: Path
    display: str  # project-relative posix path, as findings name it
    data: dict[str, Any]

    @property
    def base_uri(self) -> str:
        """The URI relative `$ref`s resolve against."""
        return resolved(self.path).as_uri()


Check = Callable[[Document], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class DocumentKind:
    name: str
    check: Check
    paths: tuple[str, ...] = ()  # fnmatch patterns on the project-relative posix path that claim a file


_KINDS: dict[str, DocumentKind] = {}


def document_kind(name: str, *, paths: Iterable[str] = ()) -> Callable[[Check], Check]:
    """Register `check` for documents of kind `name` (recognised by content, or by one of the `paths` patterns)."""

    def register(check: Check) -> Check:
        _KINDS[name] = DocumentKind(name, check, tuple(paths))
        return check

    return register


def registered_kinds() -> dict[str, DocumentKind]:
    return dict(_KINDS)


def classify(document: Document) -> str | None:
    """The kind of `document`, or None when nothing here knows how to check it."""
    for kind in _KINDS.values():
        if any(fnmatch.fnmatchcase(document.display, pattern) for pattern in kind.paths):
            return kind.name
    data = document.data
    if "openapi" in data:
        return "openapi"
    if "swagger" in data:
        return "swagger"
    if "$schema" in data or document.path.name.endswith(".schema.json"):
        return "json-schema"
    declared = data.get("kind")
    if isinstance(declared, str) and (declared in _KINDS or bundled_format_schema(declared) is not None):
        return declared
    return None


def bundled_format_schema(kind: str) -> str | None:
    """The text of `paystack_contracts/schemas/<kind>.schema.json`, if the package ships one."""
    if not kind or not all(c.isalnum() or c in "-_" for c in kind):
        return None
    resource = resources.files("paystack_contracts.schemas").joinpath(f"{kind}.schema.json")
    return resource.read_text("utf-8") if resource.is_file() else None
