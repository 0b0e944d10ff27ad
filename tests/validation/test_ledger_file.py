"""`paystack-contracts validate` knows the ledger's file kinds: the ledger, the drift policy, fingerprints, aliases."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from paystack_contracts.drift.policy import CHANGE_CLASSES
from paystack_contracts.validation import check_document

LEDGER = "contracts/discrepancies.yaml"


def rules_of(path: Path, root: Path) -> list[tuple[str, str | None]]:
    return [(f.rule, f.pointer) for f in check_document(path, root=root).findings]


@pytest.mark.parametrize(
    ("relative", "kind"),
    [(LEDGER, "discrepancy-ledger"), ("contracts/drift-policy.yaml", "drift-policy")],
)
def test_the_repository_files_are_checked_and_clean(repo_root, relative, kind) -> None:
    result = check_document(repo_root / relative, root=repo_root)
    assert result.kind == kind
    assert result.findings == ()


def test_the_alias_data_file_is_checked_and_clean(repo_root) -> None:
    aliases = repo_root / "src" / "paystack_contracts" / "discrepancies" / "aliases.yaml"
    result = check_document(aliases, root=repo_root)
    assert (result.kind, result.findings) == ("path-aliases", ())


def test_a_ledger_with_todo_entries_and_missing_files_is_reported(tree) -> None:
    path = tree / LEDGER
    text = path.read_text("utf-8").replace(
        "topic: 'Create customer success status: 201 vs 200'", "topic: TODO later", 1
    )
    path.write_text(text, "utf-8")
    (tree / "specs" / "paystack" / "sdk-python.yaml").unlink()
    found = rules_of(path, tree)
    assert sum(1 for rule, _ in found if rule == "ledger-entry") == 1  # the missing file is named once
    assert any(rule == "data-format" and pointer and pointer.endswith("/topic") for rule, pointer in found)


def test_a_ledger_the_loader_refuses_is_one_finding_naming_the_entry(tree) -> None:
    path = tree / LEDGER
    path.write_text(path.read_text("utf-8").replace("id: D005\n", "id: D004\n", 1), "utf-8")
    [finding] = check_document(path, root=tree).findings
    assert finding.rule == "discrepancy-ledger-invalid"
    assert "#/entries/4: duplicate id 'D004'" in finding.message


def test_a_policy_naming_an_unknown_change_class_is_reported(tmp_path) -> None:
    policy = tmp_path / "drift-policy.yaml"
    policy.write_text("kind: drift-policy\nrules:\n  path-removd: {action: ignore, reason: x}\n")
    [(rule, _)] = rules_of(policy, tmp_path)
    assert rule == "drift-policy-invalid"


def test_a_malformed_fingerprint_is_reported(tmp_path) -> None:
    bad = tmp_path / "post-customer.200.json"
    bad.write_text(
        json.dumps(
            {
                "kind": "response-fingerprint",
                "version": 1,
                "operation": "POST /customer",
                "status": 200,
                "fields": {"data.id": {"types": ["int"]}},
            }
        )
    )
    assert [rule for rule, _ in rules_of(bad, tmp_path)] == ["data-format"]


def test_the_policy_schema_lists_exactly_the_change_classes() -> None:
    text = resources.files("paystack_contracts.schemas").joinpath("drift-policy.schema.json").read_text("utf-8")
    names = json.loads(text)["properties"]["rules"]["propertyNames"]["enum"]
    assert names == sorted(CHANGE_CLASSES)
