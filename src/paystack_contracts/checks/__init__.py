"""Our Schemathesis checks, registered with `@schemathesis.check` when this package is imported.

Each module holds plain functions over a decoded response (`*_violations(...) -> list[Violation]`, unit-tested on
fabricated responses) and one thin registered check, guarded by `_guards.guarded`, that adapts a Schemathesis
`Response` and raises a `ContractViolation` naming the rule, the JSON path, the expected and the actual value.
"""

from __future__ import annotations

from paystack_contracts.checks import envelope, globalstack, identifiers, ordering, pagination, resource
from paystack_contracts.checks._guards import Check
from paystack_contracts.checks.violation import ContractViolation, Violation

__all__ = ["ALL_CHECKS", "ContractViolation", "Violation"]

ALL_CHECKS: tuple[Check, ...] = (
    envelope.paystack_envelope,
    resource.paystack_resource,
    pagination.paystack_pagination,
    ordering.paystack_list_order,
    identifiers.paystack_identifiers,
    globalstack.globalstack_envelope,
)
