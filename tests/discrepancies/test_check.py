"""`discrepancies --check` on the repository, and on edited copies of its source files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.discrepancies.conftest import discrepancies

from paystack_contracts.discrepancies.ledger import load_ledger

SDK = "specs/paystack/sdk-python.yaml"
DOCS = "specs/paystack/docs-endpoints.yaml"
UPSTREAM = "specs/paystack/customers.openapi.yaml"


def test_the_repository_ledger_records_exactly_what_is_computed(repo_root) -> None:
    code, out, err = discrepancies("--root", str(repo_root), "--check")
    assert (code, err) == (0, ""), out
    assert "is up to date" in out


def test_the_project_root_can_come_from_the_environment(tree, monkeypatch) -> None:
    monkeypatch.setenv("PAYSTACK_CONTRACTS_ROOT", str(tree))
    assert discrepancies("--check")[0] == 0


def add_docs_endpoint(data: dict[str, Any]) -> None:
    data["endpoints"].append(
        {"method": "DELETE", "path": "/customer/:code", "summary": "Delete a customer", "params": None}
    )


def sdk_fetch_status_203(data: dict[str, Any]) -> None:
    fetch = next(m for m in data["methods"] if m["name"] == "fetch")
    fetch["status_codes"][0]["code"] = 203


def docs_rename_per_page(data: dict[str, Any]) -> None:
    listing = next(e for e in data["endpoints"] if e["method"] == "GET" and e["path"] == "/customer")
    listing["params"][0]["name"] = "per_page"


def upstream_operation_id_typo(data: dict[str, Any]) -> None:
    data["paths"]["/customer"]["get"]["operationId"] = "customer_lsit"


def upstream_risk_action_required(data: dict[str, Any]) -> None:
    data["components"]["schemas"]["Customer"]["allOf"][3]["required"].append("risk_action")


def docs_phone_integer(data: dict[str, Any]) -> None:
    data["endpoints"][0]["params"][3]["type"] = "integer"


def docs_email_optional(data: dict[str, Any]) -> None:
    data["endpoints"][0]["params"][0]["required"] = False


@pytest.mark.parametrize(
    ("file", "change", "key"),
    [
        pytest.param(DOCS, add_docs_endpoint, "endpoint-missing:DELETE /customer/{}", id="endpoint added to docs"),
        pytest.param(SDK, sdk_fetch_status_203, "success-status:GET /customer/{}", id="status code changed"),
        pytest.param(DOCS, docs_rename_per_page, "query-param-spelling:GET /customer:per_page", id="param renamed"),
        pytest.param(UPSTREAM, upstream_operation_id_typo, "operation-name:GET /customer", id="operation id typo"),
        pytest.param(
            UPSTREAM,
            upstream_risk_action_required,
            "request-field-required:POST /customer/set_risk_action:risk_action",
            id="field became required",
        ),
        pytest.param(DOCS, docs_phone_integer, "request-field-type:POST /customer:phone", id="field type changed"),
        pytest.param(DOCS, docs_email_optional, "request-field-required:POST /customer:email", id="required-ness"),
    ],
)
def test_a_new_disagreement_in_a_copied_source_fails_the_check(tree, edit, file, change, key) -> None:
    edit(tree / file, change)
    code, out, _ = discrepancies("--root", str(tree), "--check")
    assert code == 1
    assert f"UNRECORDED {key}" in out
    assert file in out  # the claims name the file and pointer
    snippet = out.split("add to the ledger:\n", 1)[1]
    entry = yaml.safe_load("\n".join(line[6:] for line in snippet.splitlines() if line.startswith("      ")))
    assert entry[0]["detector"]["key"] == key


def test_a_new_spec_version_dropped_into_specs_is_compared_without_code_changes(tree, edit) -> None:
    newer = tree / "specs" / "paystack" / "customers-2023.openapi.yaml"
    shutil.copy(tree / UPSTREAM, newer)
    edit(newer, lambda d: d["paths"]["/customer/set_risk_action"]["post"].update(operationId="customer_setRisk"))
    code, out, _ = discrepancies("--root", str(tree), "--check")
    assert code == 1
    assert "UNRECORDED operation-name:POST /customer/set_risk_action" in out
    assert "customers-2023.openapi.yaml" in out


def test_a_recorded_discrepancy_that_no_longer_occurs_is_named_by_id(tree, edit) -> None:
    ledger = load_ledger(tree / "contracts" / "discrepancies.yaml")
    entry = ledger.by_key()["success-status:POST /customer"]
    edit(
        tree / UPSTREAM,
        lambda d: d["paths"]["/customer"]["post"]["responses"].update(
            {"200": d["paths"]["/customer"]["post"]["responses"].pop("201")}
        ),
    )
    code, out, _ = discrepancies("--root", str(tree), "--check")
    assert code == 1
    assert f"NO LONGER OCCURS {entry.id}" in out


def test_a_recorded_discrepancy_whose_claims_changed_shows_both_sides(tree, edit) -> None:
    ledger = load_ledger(tree / "contracts" / "discrepancies.yaml")
    entry = ledger.by_key()["request-field-type:POST /customer:metadata"]
    edit(tree / SDK, lambda d: d["methods"][0]["params"][4].update(type="dict"))
    code, out, _ = discrepancies("--root", str(tree), "--check")
    assert code == 1
    assert f"CHANGED {entry.id}" in out
    assert "- recorded specs/paystack/sdk-python.yaml#/methods/0/params/4: string" in out
    assert "+ computed specs/paystack/sdk-python.yaml#/methods/0/params/4: object" in out


def test_update_records_new_discrepancies_as_todo_entries_then_the_check_passes(tree, edit) -> None:
    edit(tree / DOCS, add_docs_endpoint)
    code, out, _ = discrepancies("--root", str(tree), "--update")
    assert code == 0
    assert "1 TODO entries added" in out
    assert discrepancies("--root", str(tree), "--check")[0] == 0
    added = load_ledger(tree / "contracts" / "discrepancies.yaml").by_key()["endpoint-missing:DELETE /customer/{}"]
    assert added.topic.startswith("TODO")


def test_json_check_output_carries_findings_with_file_and_pointer(tree, edit) -> None:
    edit(tree / DOCS, add_docs_endpoint)
    code, out, _ = discrepancies("--root", str(tree), "--check", "--format", "json")
    data = yaml.safe_load(out)
    assert code == 1
    finding = data["findings"][0]
    assert finding["source"] == "discrepancies"
    assert finding["file"]
    assert "pointer" in finding


@pytest.mark.parametrize(
    ("ledger_text", "message"),
    [
        pytest.param("kind: other\nentries: []\n", "expected `kind: discrepancy-ledger`", id="kind"),
        pytest.param(
            "kind: discrepancy-ledger\nentries:\n- {id: D1, severity: huge, computed: false}\n",
            "severity 'huge'",
            id="sev",
        ),
        pytest.param(
            "kind: discrepancy-ledger\nentries:\n- {id: D1, severity: cosmetic, computed: false}\n"
            "- {id: D1, severity: cosmetic, computed: false}\n",
            "duplicate id 'D1'",
            id="dup",
        ),
        pytest.param(
            "kind: discrepancy-ledger\nentries:\n- {id: D1, severity: cosmetic}\n", "need `detector", id="key"
        ),
    ],
)
def test_a_broken_ledger_is_one_line_and_exit_2(tree, ledger_text, message) -> None:
    (tree / "contracts" / "discrepancies.yaml").write_text(ledger_text)
    code, _, err = discrepancies("--root", str(tree), "--check")
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_listing_marks_each_discrepancy_with_its_ledger_id(repo_root) -> None:
    code, out, _ = discrepancies("--root", str(repo_root))
    assert code == 0
    assert "(unrecorded)" not in out
    assert "computed discrepancies" in out


def test_the_listing_as_json_has_keys_claims_and_ids(repo_root) -> None:
    code, out, _ = discrepancies("--root", str(repo_root), "--format", "json")
    found = yaml.safe_load(out)
    assert code == 0
    assert all(d["claims"] and d["ledger_id"].startswith("D") for d in found)


def test_unreadable_sources_are_skipped_not_fatal(tree) -> None:
    (tree / "specs" / "broken.yaml").write_text("a: [unclosed\n")
    assert discrepancies("--root", str(tree), "--check")[0] == 0


def test_repo_root_has_a_ledger(repo_root: Path) -> None:
    assert (repo_root / "contracts" / "discrepancies.yaml").is_file()


def test_sarif_output_annotates_the_files(tree, edit) -> None:
    edit(tree / DOCS, add_docs_endpoint)
    code, out, _ = discrepancies("--root", str(tree), "--check", "--format", "sarif")
    [run] = json.loads(out)["runs"]
    assert code == 1
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert location.startswith(("specs/", "contracts/"))
