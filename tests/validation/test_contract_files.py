"""The drift policy and the discrepancy ledger are checked with their owners' loaders."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.validation.factories import Write

from paystack_contracts.discrepancies.ledger import LEDGER_KIND
from paystack_contracts.drift.fingerprints import Fingerprints, write_baseline
from paystack_contracts.drift.policy import POLICY_KIND
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


def test_a_written_baseline_validates_against_the_bundled_fingerprint_schema(tmp_path: Path) -> None:
    fingerprints = Fingerprints()
    fingerprints.record("GET /customer", 200, {"status": True, "data": [{"id": 1, "phone": None}, {"id": 2}]})
    [path] = write_baseline(tmp_path, fingerprints.values())
    result = check_document(path)
    assert (result.kind, result.findings) == ("response-fingerprint", ())


def test_a_damaged_baseline_file_is_reported(write: Write) -> None:
    data = {"kind": "response-fingerprint", "version": 1, "operation": "GET /customer", "status": 200,
            "fields": {"data": {"types": ["objekt"]}}}  # fmt: skip
    result = check_document(write("get-customer.200.json", data))
    assert [(f.rule, f.pointer) for f in result.findings] == [("data-format", "/fields/data/types/0")]
