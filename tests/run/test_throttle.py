from __future__ import annotations

import pytest

from paystack_contracts.run.throttle import RateLimitGate, RequestBudget, retry_after_seconds


def test_a_budget_spends_up_to_its_limit() -> None:
    budget = RequestBudget(2)
    assert [budget.take(), budget.take(), budget.take()] == [True, True, False]
    assert budget.exhausted
    assert budget.used == 2


def test_no_limit_never_runs_out() -> None:
    budget = RequestBudget(None)
    assert all(budget.take() for _ in range(1000))
    assert not budget.exhausted


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"x-ratelimit-reset": "12"}, 12.0),
        ({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT", "X-RateLimit-Reset": "5"}, 5.0),
        ({}, None),
    ],
)
def test_the_wait_comes_from_retry_after_or_the_ratelimit_reset(headers, seconds) -> None:
    assert retry_after_seconds(headers) == seconds


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_gate_waits_out_a_429_then_opens() -> None:
    clock = FakeClock()
    gate = RateLimitGate(max_wait=30, clock=clock, sleep=clock.sleep)
    gate.observe(429, {"retry-after": "7"})
    assert gate.wait() is True
    assert sum(clock.slept) == 7.0
    assert gate.wait() is True
    assert sum(clock.slept) == 7.0


def test_the_gate_waits_when_the_window_is_spent_even_before_a_429() -> None:
    clock = FakeClock()
    gate = RateLimitGate(max_wait=30, clock=clock, sleep=clock.sleep)
    gate.observe(200, {"x-ratelimit-remaining": "0", "x-ratelimit-reset": "4"})
    assert gate.wait()
    assert sum(clock.slept) == 4.0


def test_a_wait_longer_than_max_wait_is_refused_without_sleeping() -> None:
    clock = FakeClock()
    gate = RateLimitGate(max_wait=5, clock=clock, sleep=clock.sleep)
    gate.observe(429, {"retry-after": "60"})
    assert gate.wait() is False
    assert clock.slept == []


def test_a_wait_is_told_as_a_countdown_with_the_header_that_set_it() -> None:
    clock = FakeClock()
    told: list[tuple[float, str]] = []
    gate = RateLimitGate(
        max_wait=60, clock=clock, sleep=clock.sleep, on_wait=lambda left, why: told.append((left, why))
    )
    gate.observe(429, {"x-ratelimit-reset": "3.5"})
    assert gate.wait()
    assert told == [
        (3.5, "x-ratelimit-reset"),
        (2.5, "x-ratelimit-reset"),
        (1.5, "x-ratelimit-reset"),
        (0.5, "x-ratelimit-reset"),
        (0.0, "x-ratelimit-reset"),
    ]
    assert clock.slept == [1.0, 1.0, 1.0, 0.5]


def test_a_429_without_a_retry_header_waits_one_second_and_says_so() -> None:
    clock = FakeClock()
    told: list[str] = []
    gate = RateLimitGate(clock=clock, sleep=clock.sleep, on_wait=lambda left, why: told.append(why))
    gate.observe(429, {})
    assert gate.wait()
    assert set(told) == {"no Retry-After: 1 s"}
    assert sum(clock.slept) == 1.0
