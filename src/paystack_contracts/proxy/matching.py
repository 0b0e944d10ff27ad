"""Request -> contract operation: which operation of which contract an observed method + path is.

Schemathesis's own router (`find_operation_by_path`, werkzeug rules built from the contract) picks the operation,
so literal paths win over templates as the contract intends (`/customer/set_risk_action` before
`/customer/{email_or_code}`). The path parameters are then read off the matched template. GlobalStack lives under
`/v1` on our mock; a path there is matched against the GlobalStack contract.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote

from paystack_contracts.run.plan import DEFAULT_SEED, RunPlan, SuiteOptions
from paystack_contracts.run.session import GLOBALSTACK_CONTRACT, PAYSTACK_CONTRACT, Contracts, load_contract
from paystack_contracts.seam import Operation, Schema

__all__ = ["GLOBALSTACK_PREFIX", "Match", "Matcher"]

GLOBALSTACK_PREFIX = "/v1"
_PARAMETER = re.compile(r"\{([^{}/]+)\}")
_ROUTING = threading.Lock()
"""One lookup at a time: the first builds Schemathesis's router, whose werkzeug rules compile with `ast.parse`,
and on Python 3.11 two threads parsing at once can raise `SystemError: AST constructor recursion depth mismatch`
(CPython gh-106905; seen here when the proxy judged two exchanges at once). A lookup takes microseconds."""


@dataclass(frozen=True, slots=True)
class Match:
    operation: Operation
    path_parameters: dict[str, str]

    @property
    def label(self) -> str:
        return self.operation.label


@dataclass(frozen=True, slots=True)
class Matcher:
    contracts: Contracts

    @classmethod
    def load(cls) -> Matcher:
        """Both contracts of the current project (the base URL they carry is never used: requests are observed)."""
        plan = RunPlan.resolve(SuiteOptions(seed=DEFAULT_SEED))
        globalstack = load_contract(GLOBALSTACK_CONTRACT, plan.globalstack, plan) if plan.globalstack else None
        return cls(Contracts(load_contract(PAYSTACK_CONTRACT, plan.paystack, plan), globalstack))

    def match(self, method: str, path: str) -> Match | None:
        """The operation for `METHOD /path` (a trailing slash is the same path, as on Paystack), or None."""
        path = "/" + path.strip("/")
        schema: Schema | None = self.contracts.paystack
        if path == GLOBALSTACK_PREFIX or path.startswith(GLOBALSTACK_PREFIX + "/"):
            schema, path = self.contracts.globalstack, path[len(GLOBALSTACK_PREFIX) :] or "/"
        if schema is None:
            return None
        with _ROUTING:
            operation = schema.find_operation_by_path(method.upper(), path)  # type: ignore[attr-defined]
        if operation is None:
            return None
        found = _template(operation.path).fullmatch(path)
        parameters = {name: unquote(value) for name, value in found.groupdict().items()} if found else {}
        return Match(operation, parameters)


@cache
def _template(path: str) -> re.Pattern[str]:
    """`/customer/{code}/identification` -> a pattern capturing `code` (one path segment)."""
    parts = _PARAMETER.split(path)
    pattern = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts))
    return re.compile(pattern)
