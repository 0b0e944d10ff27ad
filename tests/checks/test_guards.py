"""Guards: a registered check judges our operations only, and only the responses its conditions admit."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from paystack_contracts.checks._guards import applies_to, classic, for_operation, globalstack, guarded, on_success


def case(operation_id: str, method: str = "GET", sent: str | None = None) -> SimpleNamespace:
    operation = SimpleNamespace(definition=SimpleNamespace(raw={"operationId": operation_id}), method=method, label="x")
    return SimpleNamespace(operation=operation, method=sent or method)


def response(status: int) -> SimpleNamespace:
    return SimpleNamespace(status_code=status)


@pytest.mark.parametrize(
    ("operation_id", "sent", "applies"),
    [
        ("customer_list", "GET", True),
        ("globalstack_createCustomer", "GET", True),
        ("pet_list", "GET", False),
        ("customer_list", "DELETE", False),  # a probe with an undeclared method
    ],
)
def test_checks_apply_to_our_declared_operations_only(operation_id: str, sent: str, applies: bool) -> None:
    assert applies_to(case(operation_id, sent=sent)) is applies  # type: ignore[arg-type]


def test_a_guarded_check_passes_without_running_when_a_condition_fails() -> None:
    calls: list[int] = []

    @guarded(on_success, classic)
    def check(ctx, response, case):  # type: ignore[no-untyped-def]
        calls.append(response.status_code)

    assert check(None, response(404), case("customer_list")) is True  # type: ignore[arg-type]
    assert check(None, response(200), case("globalstack_createCustomer")) is True  # type: ignore[arg-type]
    assert check(None, response(200), case("customer_list")) is None  # type: ignore[arg-type]
    assert calls == [200]
    assert check.__name__ == "check"


@pytest.mark.parametrize(
    ("condition", "operation_id", "status", "holds"),
    [
        (for_operation("customer_list", status=200), "customer_list", 200, True),
        (for_operation("customer_list", status=200), "customer_list", 400, False),
        (for_operation("customer_list"), "customer_fetch", 200, False),
        (globalstack, "globalstack_createCustomer", 201, True),
        (classic, "globalstack_createCustomer", 201, False),
    ],
)
def test_conditions_read_the_operation_and_the_status(condition, operation_id, status, holds) -> None:
    assert condition(case(operation_id), response(status)) is holds
