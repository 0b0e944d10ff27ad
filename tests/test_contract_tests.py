"""The shipped contract tests (paystack_contracts/contract_tests.py), collected as part of this project's
run: against the embedded mock by default, against `--base-url` when given."""

from __future__ import annotations

from paystack_contracts.contract_tests import (  # noqa: F401 - collected by pytest from here
    test_links_hold_under_the_state_machine,
    test_operation_conforms_to_the_contract,
    test_scenario_holds,
)
