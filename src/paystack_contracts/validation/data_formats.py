"""Our own data files (`kind: docs-endpoint-table`, `kind: sdk-method-table`, ...): checked against the JSON
Schema the package ships for their kind (`paystack_contracts/schemas/<kind>.schema.json`).

Any kind with a bundled schema and no check of its own is validated this way, so a helper that adds a file
format only has to add its schema.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from jsonschema.validators import Draft202012Validator

from paystack_contracts.findings import Finding, pointer
from paystack_contracts.validation._text import one_line, preview
from paystack_contracts.validation.kinds import Document, bundled_format_schema

__all__ = ["check_data_format"]


def check_data_format(document: Document, kind: str) -> Iterator[Finding]:
    text = bundled_format_schema(kind)
    if text is None:
        return
    schema = json.loads(text)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for error in validator.iter_errors(document.data):
        yield Finding(
            rule="data-format",
            file=document.display,
            pointer=pointer(*error.absolute_path),
            message=f"not a valid {kind} file: {one_line(error.message, 160)}",
            expected=f"{error.validator} constraint of schemas/{kind}.schema.json",
            actual=preview(error.instance),
        )
