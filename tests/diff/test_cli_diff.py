from __future__ import annotations

import io
import json
from pathlib import Path

import yaml

from paystack_contracts.cli import run


def write(path: Path, code: str, operation_id: str = "customer_create") -> Path:
    doc = {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/customer": {"post": {"operationId": operation_id, "responses": {code: {"description": "x"}}}}},
    }
    path.write_text(yaml.safe_dump(doc))
    return path


def diff(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(["diff", *argv], out, err), out.getvalue(), err.getvalue()


def test_a_breaking_change_exits_1_and_shows_both_locations(tmp_path) -> None:
    old, new = write(tmp_path / "old.yaml", "201"), write(tmp_path / "new.yaml", "200")
    code, out, _ = diff(str(old), str(new))
    assert code == 1
    assert "success-status-changed" in out
    assert "old.yaml#/paths/~1customer/post/responses/201" in out
    assert "new.yaml#/paths/~1customer/post/responses/200" in out


def test_the_policy_decides_the_exit_code(tmp_path) -> None:
    old, new = write(tmp_path / "old.yaml", "200", "customer_validatte"), write(tmp_path / "new.yaml", "200")
    strict = tmp_path / "strict.yaml"
    strict.write_text("kind: drift-policy\nrules:\n  operation-id-changed: {action: fail, reason: SDK users}\n")
    lenient = tmp_path / "lenient.yaml"
    lenient.write_text("kind: drift-policy\nrules:\n  operation-id-changed: {action: ignore, reason: typo fix}\n")
    assert diff(str(old), str(new), "--policy", str(strict))[0] == 1
    assert diff(str(old), str(new), "--policy", str(lenient))[0] == 0


def test_json_output_lists_every_change(tmp_path) -> None:
    old, new = write(tmp_path / "old.yaml", "201"), write(tmp_path / "new.yaml", "200")
    code, out, _ = diff(str(old), str(new), "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert data["failed"] is True
    assert [c["rule"] for c in data["changes"]] == ["success-status-changed"]


def test_a_missing_file_is_one_line_and_exit_2(tmp_path) -> None:
    code, _, err = diff(str(tmp_path / "nope.yaml"), str(write(tmp_path / "new.yaml", "200")))
    assert code == 2
    assert "nope.yaml: no such file" in err
    assert "Traceback" not in err


SEED = "specs/paystack/customers.openapi.yaml"
CONTRACT = "contracts/paystack-customers.openapi.yaml"


def test_seed_versus_contract_lists_the_status_changes_and_the_deactivate_move(repo_root, monkeypatch) -> None:
    monkeypatch.chdir(repo_root)
    code, out, _ = diff(SEED, CONTRACT, "--format", "json")
    changes = json.loads(out)["changes"]
    assert code == 1
    status = {c["operation"]: c for c in changes if c["rule"] == "success-status-changed"}
    assert set(status) == {
        "POST /customer",
        "POST /customer/set_risk_action",
        "POST /customer/deactivate_authorization",
        "POST /customer/{code}/identification",
    }
    create = status["POST /customer"]["extra"]
    assert create["old"] == f"{SEED}#/paths/~1customer/post/responses/201"
    assert create["new"] == f"{CONTRACT}#/paths/~1customer/post/responses/200"
    [moved] = [c for c in changes if c["rule"] == "operation-moved"]
    assert moved["extra"]["old"] == f"{SEED}#/paths/~1customer~1deactivate_authorization/post"
    assert moved["extra"]["new"] == f"{CONTRACT}#/paths/~1customer~1authorization~1deactivate/post"
    assert any(c["rule"] == "unresolvable-ref-old" for c in changes)


def test_seed_versus_contract_exit_code_follows_the_policy(repo_root, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(repo_root)
    changes = json.loads(diff(SEED, CONTRACT, "--format", "json")[1])["changes"]
    failing = sorted({c["rule"] for c in changes if c["extra"]["breaking"] == "yes"})
    waiver = tmp_path / "waiver.yaml"
    rules = "".join(f"  {rule}: {{action: warn, reason: accepted, expires: 2999-01-01}}\n" for rule in failing)
    waiver.write_text("kind: drift-policy\nrules:\n" + rules)
    assert diff(SEED, CONTRACT, "--policy", str(waiver))[0] == 0
    expired = tmp_path / "expired.yaml"
    expired.write_text(waiver.read_text().replace("2999-01-01", "2000-01-01"))
    assert diff(SEED, CONTRACT, "--policy", str(expired))[0] == 1


def test_sarif_output_carries_each_change(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "old.yaml", "201")
    write(tmp_path / "new.yaml", "200")
    code, out, _ = diff("old.yaml", "new.yaml", "--format", "sarif")
    [result] = json.loads(out)["runs"][0]["results"]
    assert code == 1
    assert result["ruleId"] == "success-status-changed"


def test_help_lists_every_change_class() -> None:
    from paystack_contracts.drift.policy import CHANGE_CLASSES

    code, out, _ = diff("--help")
    assert code == 0
    assert all(name in out for name in CHANGE_CLASSES)
