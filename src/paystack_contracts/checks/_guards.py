"""When a check has something to say: the guards every registered check shares, as decorators.

A guarded check is skipped (passes) for operations outside our contracts, for probes sent with an undeclared
method (`not_a_server_error` alone judges those: "4xx, never 5xx"), and for responses its conditions exclude, in
the way Schemathesis's own `@skips_on_unexpected_http_status`-style guards work.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from paystack_contracts.seam import Case, CheckContext, Response, operation_id

__all__ = ["Check", "Condition", "applies_to", "classic", "for_operation", "globalstack", "guarded", "on_success"]

Check = Callable[[CheckContext, Response, Case], bool | None]
Condition = Callable[[Case, Response], bool]

_OUR_OPERATION_PREFIXES = ("customer_", "globalstack_")


def applies_to(case: Case) -> bool:
    """Our checks judge our contracts' declared operations only; other schemas in the process are left alone."""
    if str(case.method).upper() != str(case.operation.method).upper():
        return False  # a probe with an undeclared method
    return operation_id(case.operation).startswith(_OUR_OPERATION_PREFIXES)


def guarded(*conditions: Condition) -> Callable[[Check], Check]:
    """Run the check only on our operations and when every condition holds; otherwise it passes."""

    def decorate(check: Check) -> Check:
        @functools.wraps(check)
        def guarded_check(ctx: CheckContext, response: Response, case: Case) -> bool | None:
            if not applies_to(case) or not all(condition(case, response) for condition in conditions):
                return True
            return check(ctx, response, case)

        return guarded_check

    return decorate


def on_success(case: Case, response: Response) -> bool:
    return 200 <= response.status_code < 300


def classic(case: Case, response: Response) -> bool:
    """The classic API (`/customer…`), not GlobalStack."""
    return not operation_id(case.operation).startswith("globalstack_")


def globalstack(case: Case, response: Response) -> bool:
    return operation_id(case.operation).startswith("globalstack_")


def for_operation(wanted: str, status: int | None = None) -> Condition:
    """Only this operationId (and, given one, only this response status)."""

    def condition(case: Case, response: Response) -> bool:
        return operation_id(case.operation) == wanted and (status is None or response.status_code == status)

    return condition
