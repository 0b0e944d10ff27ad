"""Validation of specs/, contracts/ and users' documents: OpenAPI, JSON Schema, our data formats, examples.

Public API::

    validate_paths(paths=None) -> list[Finding]     # default: specs/ and contracts/ of the current project
    validate_document(path) -> list[Finding]
    check_paths(paths=None) -> list[DocumentResult] # per file: its kind and findings (the CLI's view)

Other gates add checks for their own file kinds with `@document_kind("name", paths=("contracts/x.yaml",))`.
"""

from __future__ import annotations

from paystack_contracts.validation import (  # noqa: F401  (importing registers the built-in document kinds)
    contract_files,
    json_schema,
    ledger_file,
    openapi,
)
from paystack_contracts.validation.kinds import Document, DocumentKind, classify, document_kind, registered_kinds
from paystack_contracts.validation.runner import (
    DocumentResult,
    check_document,
    check_paths,
    default_paths,
    validate_document,
    validate_paths,
)

__all__ = [
    "Document",
    "DocumentKind",
    "DocumentResult",
    "check_document",
    "check_paths",
    "classify",
    "contract_files",
    "default_paths",
    "document_kind",
    "json_schema",
    "openapi",
    "registered_kinds",
    "validate_document",
    "validate_paths",
]
