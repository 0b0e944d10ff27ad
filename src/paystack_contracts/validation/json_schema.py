"""JSON Schema documents: checked against the metaschema of their declared draft, then `$ref`s and examples.

A schema without `$schema` (recognised by its `.schema.json` name) is read as draft 2020-12.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from jsonschema.validators import Draft202012Validator, validator_for
from referencing.jsonschema import specification_with

from paystack_contracts.findings import Finding, pointer
from paystack_contracts.validation import examples
from paystack_contracts.validation._text import one_line, preview
from paystack_contracts.validation.kinds import Document, document_kind
from paystack_contracts.validation.refs import check_refs, neutralised

__all__ = ["check_json_schema", "metaschema_findings"]


@document_kind("json-schema")
def check_json_schema(document: Document) -> Iterator[Finding]:
    dialect = document.data.get("$schema")
    known = isinstance(dialect, str) or dialect is None  # jsonschema's lookup needs a hashable URI string
    validator_cls: Any = validator_for(document.data, default=None) if known else None
    if validator_cls is None:
        if dialect is not None:
            yield _unknown_dialect(document, dialect)
        validator_cls = Draft202012Validator
    yield from metaschema_findings(document, validator_cls)
    refs = check_refs(document.data, document.path, document.display)
    yield from refs.findings
    sound = neutralised(document.data, refs.broken)
    meta_id = validator_cls.META_SCHEMA.get("$id") or validator_cls.META_SCHEMA.get("id")
    spec = specification_with(meta_id, default=specification_with(Draft202012Validator.META_SCHEMA["$id"]))
    yield from examples.check_schema_examples(document, sound, validator_cls, spec)


def metaschema_findings(document: Document, validator_cls: Any) -> Iterator[Finding]:
    """Every metaschema violation of `document` (not just the first, as `check_schema` would raise)."""
    meta = validator_cls(validator_cls.META_SCHEMA, format_checker=validator_cls.FORMAT_CHECKER)
    for error in meta.iter_errors(document.data):
        yield Finding(
            rule="json-schema-metaschema",
            file=document.display,
            pointer=pointer(*error.absolute_path),
            message=one_line(error.message),
            expected=f"{error.validator} constraint of the {_draft_name(validator_cls)} metaschema",
            actual=preview(error.instance),
        )


def _unknown_dialect(document: Document, dialect: object) -> Finding:
    return Finding(
        rule="json-schema-dialect",
        file=document.display,
        pointer="/$schema",
        message=f"unknown $schema {preview(dialect)}; checked as draft 2020-12",
        expected="a JSON Schema metaschema URI (draft-04, -06, -07, 2019-09 or 2020-12)",
        actual=preview(dialect),
    )


def _draft_name(validator_cls: Any) -> str:
    return str(validator_cls.__name__).removesuffix("Validator")
