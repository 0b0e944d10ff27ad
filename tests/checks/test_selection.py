"""The checks that judge every response: Schemathesis's built-in ones we keep, and all of ours."""

from __future__ import annotations

from paystack_contracts.checks import ALL_CHECKS, selection
from paystack_contracts.checks.selection import BUILTIN_CHECKS, CHECKS


def names(checks) -> set[str]:
    return {check.__name__ for check in checks}


def test_a_run_uses_every_check_of_ours_and_the_kept_built_ins() -> None:
    assert names(CHECKS) == names(BUILTIN_CHECKS) | names(ALL_CHECKS)


def test_every_built_in_switched_on_is_explained_and_the_ones_switched_off_are_not_used() -> None:
    explained = selection.__doc__ or ""
    lines = explained.splitlines()
    on = {line.split()[2].rstrip(":") for line in lines if line.startswith("- ON ")}
    off_heads = [line.removeprefix("- OFF").split(":")[0] for line in lines if line.startswith("- OFF ")]
    off = {word for head in off_heads for word in head.replace("/", " ").split() if "_" in word}
    assert on == names(BUILTIN_CHECKS)
    assert off
    assert off.isdisjoint(names(CHECKS))
