"""`WebhookContract`: the events declared in the OpenAPI 3.1 `webhooks` section, their schemas and examples.

Read from the project's contract (contracts/paystack-customers.openapi.yaml) or any OpenAPI 3.1 file. Payloads are
validated with `OAS31Validator` against a `$ref` to the event's request-body schema, so `$ref`s into sibling files
(the Customer JSON Schema) resolve through `referencing` from disk, never the network.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit
from urllib.request import url2pathname

from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource
from referencing.jsonschema import DRAFT202012

from paystack_contracts.documents import load_document
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import pointer
from paystack_contracts.project import current_project

__all__ = ["CONTRACT_FILE", "PayloadError", "WebhookContract", "payload_validator", "project_contract"]

CONTRACT_FILE = "paystack-customers.openapi.yaml"


@dataclass(frozen=True, slots=True)
class PayloadError:
    """One way a payload breaks its event's schema: the JSON path of the value, what the schema wanted, the value."""

    location: str
    expected: str
    actual: str
    message: str


class WebhookContract:
    """The `webhooks` of one OpenAPI document."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.document: dict[str, Any] = load_document(path)
        hooks = self.document.get("webhooks")
        if not isinstance(hooks, dict) or not hooks:
            raise DocumentError(str(path), "declares no `webhooks`")
        self.events: tuple[str, ...] = tuple(name for name, item in hooks.items() if self._body(name) is not None)
        self._uri = path.resolve().as_uri()
        resource = DRAFT202012.create_resource(self.document)
        self._retrieved: dict[str, Resource[Any]] = {}
        retrieve = self._retrieve
        self._registry: Registry[Any] = Registry(retrieve=retrieve).with_resource(self._uri, resource)  # type: ignore[call-arg]

    def _retrieve(self, uri: str) -> Resource[Any]:
        """A sibling file, read once per contract: each validation starts from the same registry, which would
        otherwise read it again for every payload (116 reads for 33 webhooks of one run, measured)."""
        if uri not in self._retrieved:
            self._retrieved[uri] = _retrieve(uri)
        return self._retrieved[uri]

    def _body(self, event: str) -> dict[str, Any] | None:
        item = self.document.get("webhooks", {}).get(event)
        media = (((item or {}).get("post") or {}).get("requestBody") or {}).get("content", {})
        found = media.get("application/json") if isinstance(media, dict) else None
        return found if isinstance(found, dict) and "schema" in found else None

    def examples(self, event: str) -> dict[str, Any]:
        """The named example payloads of `event` (empty when it has none or is unknown)."""
        body = self._body(event) or {}
        named = body.get("examples") or {}
        return {name: ex["value"] for name, ex in named.items() if isinstance(ex, dict) and "value" in ex}

    def errors(self, event: str, payload: Any) -> list[PayloadError]:
        """Every schema violation of `payload` as the body of `event` (event must be declared)."""
        at = pointer("webhooks", event, "post", "requestBody", "content", "application/json", "schema")
        wrapper = {"$ref": f"{self._uri}#{quote(at, safe='/~')}"}
        validating = payload_validator()
        validator = validating(wrapper, registry=self._registry, format_checker=validating.FORMAT_CHECKER)
        return [_error(e) for e in _leaves(validator.iter_errors(payload))]


def payload_validator() -> Any:
    """`OAS31Validator`, imported on first use: with pydantic it costs 0.12-0.24 s to import (measured), which
    `validate` and a run that judges no webhook need not pay, and which a run pays while its workers play groups
    (`run.runner`), not at its end."""
    from openapi_schema_validator import OAS31Validator

    return OAS31Validator


def _leaves(errors: Iterator[ValidationError]) -> Iterator[ValidationError]:
    """The most specific errors: an `allOf`/`anyOf` failure is reported by the branch that failed."""
    for error in errors:
        if error.context and error.validator == "allOf":
            yield from _leaves(iter(error.context))
        else:
            yield error


def _error(error: ValidationError) -> PayloadError:
    path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = next((name for name in error.validator_value if name not in error.instance), "")
        return PayloadError(f"{path}.{missing}", "present (required)", "absent", error.message[:200])
    expected = f"{error.validator}: {error.validator_value!r}"[:120]
    return PayloadError(path, expected, repr(error.instance)[:120], error.message[:200])


def _retrieve(uri: str) -> Resource[Any]:
    """Sibling files named by relative `$ref`s; never the network."""
    parts = urlsplit(uri)
    if parts.scheme != "file":
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
    try:
        return DRAFT202012.create_resource(load_document(Path(url2pathname(parts.path)), require_mapping=False))
    except DocumentError as exc:
        raise NoSuchResource(ref=uri) from exc  # type: ignore[call-arg]


@cache
def _cached(path: Path) -> WebhookContract:
    return WebhookContract(path)


def project_contract(path: Path | None = None) -> WebhookContract:
    """The webhooks of `path`, default the project's Customers contract (read once per process)."""
    return _cached((path or current_project().contract(CONTRACT_FILE)).resolve())
