"""`paystack-contracts validate`: output formats, exit codes, default paths, no tracebacks."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from paystack_contracts.cli import run
from paystack_contracts.documents import iter_document_paths

REPO = Path(__file__).resolve().parents[2]
SEED = "specs/paystack/customers.openapi.yaml"
CLEAN = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\n"


def _validate(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["validate", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setenv("PAYSTACK_CONTRACTS_ROOT", str(REPO))


@pytest.mark.usefixtures("in_repo")
def test_the_seed_spec_lists_every_dangling_ref_and_the_contact_email() -> None:
    code, out, err = _validate(SEED)
    assert code == 1
    assert err == ""
    assert (
        f"{SEED}#/paths/~1customer/post/responses/201: $ref '#/paths/~1plan/get/responses/200' does not resolve" in out
    )
    assert out.count("does not resolve") == 17
    assert f"{SEED}#/info/contact/email:" in out
    assert out.splitlines()[-1] == "19 findings (19 errors) in 1 checked of 1 document"
    assert "\x1b[" not in out


@pytest.mark.usefixtures("in_repo")
def test_json_output_is_a_list_of_findings_with_counts() -> None:
    code, out, _ = _validate("--format", "json", SEED, "specs/paystack/customer.schema.json")
    report = json.loads(out)
    assert code == 1
    assert report["counts"]["findings"] == len(report["findings"]) == 19
    assert report["counts"]["by_rule"] == {"openapi-spec": 2, "ref-unresolved": 17}
    assert report["documents"] == [
        {"file": SEED, "kind": "openapi", "findings": 19},
        {"file": "specs/paystack/customer.schema.json", "kind": "json-schema", "findings": 0},
    ]
    first = report["findings"][0]
    assert {"rule", "message", "file", "pointer", "severity", "source"} <= set(first)
    assert first["source"] == "validate"


@pytest.mark.usefixtures("in_repo")
def test_sarif_output_has_one_result_per_finding_with_its_location() -> None:
    code, out, _ = _validate("--format", "sarif", SEED)
    [sarif_run] = json.loads(out)["runs"]
    assert code == 1
    assert len(sarif_run["results"]) == 19
    assert {r["ruleId"] for r in sarif_run["results"]} == {"ref-unresolved", "openapi-spec"}
    uri = sarif_run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == SEED


def test_a_clean_document_exits_0(tmp_path: Path) -> None:
    (tmp_path / "ok.yaml").write_text(CLEAN, "utf-8")
    code, out, _ = _validate(str(tmp_path))
    assert code == 0
    assert out.splitlines()[-1] == "0 findings in 1 checked of 1 document"


def test_a_remote_ref_is_a_warning_that_says_how_to_check_it_offline(tmp_path: Path) -> None:
    (tmp_path / "s.schema.json").write_text('{"properties": {"a": {"$ref": "https://example.com/a.json"}}}', "utf-8")
    code, out, _ = _validate(str(tmp_path))
    assert code == 1
    assert "warning ref-remote" in out
    assert "to check it offline" in _validate(str(tmp_path), "--format", "json")[1]
    assert "0 findings" not in out


def test_a_missing_path_is_a_usage_error_like_in_every_command(tmp_path: Path) -> None:
    (tmp_path / "clean.yaml").write_text(CLEAN, "utf-8")
    code, out, err = _validate(str(tmp_path / "clean.yaml"), str(tmp_path / "nope.yaml"))
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path / 'nope.yaml'}: no such file or directory\n"


def test_files_of_unknown_kind_are_listed_as_not_checked(tmp_path: Path) -> None:
    (tmp_path / "policy.yaml").write_text("rules: []\n", "utf-8")
    (tmp_path / "clean.yaml").write_text(CLEAN, "utf-8")
    code, out, _ = _validate(str(tmp_path))
    assert code == 0
    assert "not checked (no check for their kind): " in out


@pytest.mark.parametrize(
    ("files", "reason"),
    [
        ({}, "no .yaml/.yml/.json file"),
        ({"notes.txt": "hello"}, "no .yaml/.yml/.json file"),
        ({"policy.yaml": "rules: []\n"}, "1 document, none of a kind validate knows"),
    ],
)
def test_a_directory_with_nothing_to_check_is_a_usage_error_not_a_pass(
    tmp_path: Path, files: dict[str, str], reason: str
) -> None:
    for name, text in files.items():
        (tmp_path / name).write_text(text, "utf-8")
    code, out, err = _validate(str(tmp_path))
    assert (code, out) == (2, "")
    assert err == f"error: nothing to validate in {tmp_path.as_posix()}: {reason}\n"


@pytest.mark.parametrize(
    ("document", "summary"),
    [
        ("openapi: 9.9.9\n", "1 finding (1 error) in 1 checked of 1 document"),
        ("[]", "1 finding (1 error) in 0 checked of 1 document"),
    ],
)
def test_the_summary_counts_in_singular_and_plural(tmp_path: Path, document: str, summary: str) -> None:
    (tmp_path / "a.yaml").write_text(document, "utf-8")
    assert _validate(str(tmp_path / "a.yaml"))[1].splitlines()[-1] == summary


@pytest.mark.parametrize("argv", [["--format", "xml"], ["--frobnicate"]])
def test_usage_errors_exit_2(argv: list[str]) -> None:
    code, out, err = _validate(*argv)
    assert code == 2
    assert err.startswith("error: ")
    assert out == ""


def test_without_paths_it_validates_the_projects_specs_and_contracts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "contracts").mkdir()
    (tmp_path / "specs" / "a.yaml").write_text("openapi: 9.9.9\n", "utf-8")
    (tmp_path / "contracts" / "b.json").write_text("[]", "utf-8")
    monkeypatch.setenv("PAYSTACK_CONTRACTS_ROOT", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    code, out, _ = _validate()
    assert code == 1
    assert "specs/a.yaml#/openapi: unknown OpenAPI version" in out
    assert "contracts/b.json: top level is a list" in out


def test_without_paths_or_project_directories_it_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAYSTACK_CONTRACTS_ROOT", str(tmp_path))
    code, _, err = _validate()
    assert code == 2
    assert "nothing to validate" in err


def test_a_real_process_prints_no_traceback_on_junk(tmp_path: Path) -> None:
    (tmp_path / "junk.yaml").write_bytes(b"\x00\xff" * 100)
    cycle = "components: {schemas: {A: {$ref: '#/components/schemas/A'}}}\n"
    (tmp_path / "cycle.yaml").write_text(
        f"openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\npaths: {{}}\n{cycle}", "utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "paystack_contracts", "validate", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stdout + done.stderr
    assert "ref-cycle" in done.stdout
    assert "binary" in done.stdout


_CONTRACTS = sorted(iter_document_paths(REPO / "contracts")) if (REPO / "contracts").is_dir() else []


@pytest.mark.skipif(not _CONTRACTS, reason="contracts/ has no documents yet")
@pytest.mark.usefixtures("in_repo")
def test_the_contracts_validate_clean() -> None:
    code, out, _ = _validate("contracts/")
    assert code == 0
    assert [line for line in out.splitlines() if line.startswith(("error", "warning"))] == []
