"""A violation is data; a check raises them together, as one Schemathesis failure naming the check."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from paystack_contracts.checks.violation import ContractViolation, Violation, raise_for

CASE = SimpleNamespace(operation=SimpleNamespace(label="GET /customer"))


def test_no_violation_raises_nothing() -> None:
    raise_for("paystack_envelope", CASE, [])  # type: ignore[arg-type]


def test_violations_are_raised_as_one_failure_that_keeps_them_as_data() -> None:
    found = [
        Violation("envelope.status", "$.status", "a boolean", '"true"'),
        Violation("envelope.message", "$.message", "a string", "null"),
    ]
    with pytest.raises(ContractViolation) as raised:
        raise_for("paystack_envelope", CASE, found)  # type: ignore[arg-type]
    failure = raised.value
    assert (failure.check, failure.violations) == ("paystack_envelope", tuple(found))
    assert failure.title == "paystack_envelope: envelope.status"
    assert str(found[0]) == 'envelope.status at $.status: expected a boolean, got "true"'
