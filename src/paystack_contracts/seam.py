"""The Schemathesis seam: every Schemathesis type our code touches, named once, and the questions we ask of them.

Schemathesis 4 ships `py.typed`; typing the values where they enter our code lets mypy warn about an API change
on upgrade instead of letting `Any` carry it into the checks and the run. Checks and the run import these names
from here, never from Schemathesis's internals.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

import schemathesis
from schemathesis import APIOperation, BaseSchema, CheckContext, Response
from schemathesis.core.result import Ok

from paystack_contracts.errors import DocumentError

__all__ = [
    "Case",
    "CheckContext",
    "Operation",
    "Response",
    "Schema",
    "first_headers",
    "operation_id",
    "operations",
    "request_body",
    "request_headers",
]

Operation: TypeAlias = APIOperation[Any, Any, Any, Any]
Case: TypeAlias = schemathesis.Case[Operation]
Schema: TypeAlias = BaseSchema


def operations(schema: Schema) -> list[Operation]:
    """Every operation of a loaded schema. An operation Schemathesis cannot build is a tool error, not a finding:
    `validate` checks the contract before a run, so this only happens with a broken contract."""
    found = []
    for result in schema.get_all_operations():
        if not isinstance(result, Ok):
            raise DocumentError(str(schema.location or "contract"), f"an operation cannot be loaded: {result.err()}")
        found.append(result.ok())
    return found


def operation_id(operation: Operation) -> str:
    """The contract's operationId, or the label (`POST /customer`) when it has none."""
    found = operation.definition.raw.get("operationId")
    return found if isinstance(found, str) else operation.label


def first_headers(headers: Mapping[str, Any]) -> dict[str, str]:
    """Header values keyed in lower case, first value only (Schemathesis keeps lists; checks want one value)."""
    return {k.lower(): _text(v[0] if isinstance(v, list) and v else v) for k, v in dict(headers).items()}


def request_headers(response: Response) -> dict[str, str]:
    """The headers of the request a response answers, as text (requests allows bytes values)."""
    return {name: _text(value) for name, value in response.request.headers.items()}


def request_body(response: Response) -> bytes | str | None:
    """The body of the request a response answers (a prepared request's body is bytes, text or absent)."""
    body = response.request.body
    return body if isinstance(body, bytes | str) else None


def _text(value: Any) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)
