"""The drift policy and the discrepancy ledger are checked with their owners' loaders."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.validation.factories import Write

from paystack_contracts.discrepancies.ledger import LEDGER_KIND
from paystack_contracts.policy import POLICY_KIND
from paystack_contracts.validation import check_document
from paystack_contracts.validation.contract_files import DISCREPANCY_LEDGER, DRIFT_POLICY

REPO = Path(__file__).resolve().parents[2]


def test_the_kind_names_are_the_owners() -> None:
    assert (DRIFT_POLICY, DISCREPANCY_LEDGER) == (POLICY_KIND, LEDGER_KIND)


@pytest.mark.parametrize(("name", "kind"), [("drift-policy.yaml", POLICY_KIND), ("discrepancies.yaml", LEDGER_KIND)])
def test_the_projects_files_are_valid(name: str, kind: str) -> None:
    result = check_document(REPO / "contracts" / name, root=REPO)
    assert (result.kind, result.findings) == (kind, ())


@pytest.mark.parametrize(("data", "rule", "words"), [
    ({"kind": POLICY_KIND, "rules": {"no-such-change": {"action": "warn", "reason": "r"}}},
     "drift-policy-invalid", "no-such-change"),
    ({"kind": POLICY_KIND, "rules": ["a"]}, "drift-policy-invalid", "must be a mapping"),
    ({"kind": LEDGER_KIND, "entries": {}}, "discrepancy-ledger-invalid", "must be a list"),
    ({"kind": LEDGER_KIND, "entries": [{"topic": "t"}]}, "discrepancy-ledger-invalid", "needs an `id`"),
])  # fmt: skip
def test_a_broken_file_is_one_finding(write: Write, data: dict, rule: str, words: str) -> None:
    result = check_document(write("f.yaml", data))
    assert [f.rule for f in result.findings] == [rule]
    assert words in result.findings[0].message
