"""Load the contracts as Schemathesis schemas pointed at the target, with the generation settings of a run.

Built-in checks (a consumer's view of the API; each choice explained):
- ON  not_a_server_error: a 5xx is never part of the contract.
- ON  status_code_conformance: every status the API answers must be documented (undocumented = drift).
- ON  content_type_conformance: Paystack answers application/json (reference §1); anything else is drift.
- ON  response_schema_conformance: bodies match the documented schema for their status.
- ON  response_headers_conformance: documented response headers are present and well-typed.
- ON  missing_required_header: a request missing a required header must be refused.
- OFF negative_data_rejection: Paystack coerces and tolerates input the schema forbids (stringified metadata,
      extra fields), and the contract is deliberately tolerant where sources disagree; accepting such input is not
      a contract break for a consumer, and the check's false positives are tracked upstream (#2900, #3073, #4332).
- OFF positive_data_acceptance: the live API validates beyond what a schema can say (odd email domains are
      rejected, reference §2.1), so a schema-valid request may rightly get 400 (#2906, #3516 are open).
- OFF unsupported_method / allow_header_conformance: Paystack's router answers unknown methods with a JSON 4xx,
      not 405 + Allow; a consumer never relies on that. "Wrong method -> 4xx, never 5xx" is still enforced by
      not_a_server_error on the coverage phase's method probes and by the negative scenario.
- OFF ignored_auth: it re-sends every case without and with bad credentials (tripling requests against a rate
      limit); the negative scenario sends one no-auth and one bad-key request per operation instead.
- OFF object_level_authorization (needs a second account), max_response_time (latency is not the contract;
      timeouts are inconclusive), use_after_free (the API has no DELETE).
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    missing_required_header,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from paystack_contracts.checks import ALL_CHECKS
from paystack_contracts.errors import DocumentError
from paystack_contracts.project import current_project

__all__ = [
    "BUILTIN_CHECKS",
    "CHECKS",
    "GLOBALSTACK_CONTRACT",
    "PAYSTACK_CONTRACT",
    "Contracts",
    "contract_operation_ids",
    "load_contract",
]

PAYSTACK_CONTRACT = "paystack-customers.openapi.yaml"
GLOBALSTACK_CONTRACT = "globalstack-customers.openapi.yaml"
IN_PROCESS_ORIGIN = "http://testserver"

BUILTIN_CHECKS = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    missing_required_header,
)
CHECKS: tuple[Any, ...] = (*BUILTIN_CHECKS, *ALL_CHECKS)


@dataclass(frozen=True, slots=True)
class Contracts:
    paystack: Any  # schemathesis BaseSchema
    globalstack: Any | None

    def all(self) -> list[Any]:
        return [self.paystack] + ([self.globalstack] if self.globalstack is not None else [])


def load_contract(
    name: str,
    *,
    base_url: str,
    key: str,
    seed: int,
    max_examples: int,
    app: Any | None = None,
    operations: tuple[str, ...] = (),
) -> Any:
    """One contract as a configured Schemathesis schema (in-process when `app` is given)."""
    path = current_project().contract(name)
    if not path.is_file():
        raise DocumentError(_display(path), "contract not found (run from a clone, or reinstall the package)")
    schema: Any = schemathesis.openapi.from_dict(copy.deepcopy(_parsed(path)), config=schemathesis.Config(seed=seed))
    schema.location = path.absolute().as_uri()  # what from_path sets: relative $refs resolve against the file
    if app is not None:
        schema.app = app
    schema.config.update(base_url=base_url, headers={"Authorization": f"Bearer {key}"})
    schema.config.generation.update(
        max_examples=max_examples, database="none", with_security_parameters=False, no_shrink=True
    )
    if operations:
        schema = schema.include(operation_id=list(operations))
    return schema


@functools.cache
def _parsed(path: Path) -> dict[str, Any]:
    """The contract parsed once per process with Schemathesis's own YAML loader (parsing costs ~0.2 s a file)."""
    from schemathesis.core.deserialization import deserialize_yaml

    document: dict[str, Any] = deserialize_yaml(path.read_text(encoding="utf-8"))
    return document


def _display(path: Path) -> str:
    return path.as_posix()


def contract_operation_ids() -> list[str]:
    """Every operationId of both contracts, read from the files (cheap: no Schemathesis loading; the parse is the
    cached one `load_contract` uses)."""
    found = []
    for name in (PAYSTACK_CONTRACT, GLOBALSTACK_CONTRACT):
        path = current_project().contract(name)
        if not path.is_file():
            continue
        document = _parsed(path)
        for item in document.get("paths", {}).values():
            found += [op["operationId"] for op in item.values() if isinstance(op, dict) and "operationId" in op]
    return found
