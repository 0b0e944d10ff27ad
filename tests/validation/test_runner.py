"""Bad input of every kind becomes one clear finding, never an exception; directories are walked."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.validation.factories import Write, openapi

from paystack_contracts.validation import check_paths, validate_document, validate_paths

FIFTY_MB = 50 * 1024 * 1024

# name, file name, content, rule of the single expected finding, words its message must contain
BAD_INPUTS = [
    ("empty file", "empty.yaml", "", "unreadable", "empty"),
    ("whitespace only", "blank.json", "  \n\n", "unreadable", "empty"),
    ("invalid YAML", "bad.yaml", "openapi: [3.1\n  info: {", "unreadable", "invalid YAML"),
    ("invalid JSON", "bad.json", '{"openapi": "3.1.0",}', "unreadable", "invalid JSON"),
    ("YAML list", "list.yaml", "- a\n- b\n", "unreadable", "a list"),
    ("YAML scalar", "scalar.yaml", "just a string\n", "unreadable", "scalar"),
    ("binary junk", "junk.yaml", bytes(range(256)) * 8, "unreadable", "binary"),
    ("not UTF-8", "latin1.yaml", "name: caf\xe9\n".encode("latin-1"), "unreadable", "UTF-8"),
    ("Swagger 2.0", "swagger.yaml", {"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}},
     "openapi-unsupported", "Swagger 2.0"),
    ("unknown openapi version", "future.yaml", openapi("4.0.0"), "openapi-unsupported", "4.0.0"),
    ("openapi version as a number", "number.yaml", "openapi: 3.1\ninfo: {title: t, version: '1'}\npaths: {}\n",
     "openapi-unsupported", "3.1"),
    ("self-referencing $ref", "self.yaml",
     openapi(components={"schemas": {"A": {"$ref": "#/components/schemas/A"}}}), "ref-cycle", "cycle"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "rule", "words"),
    [pytest.param(n, c, r, w, id=label) for label, n, c, r, w in BAD_INPUTS],
)
def test_bad_input_is_one_clear_finding(write: Write, name: str, content: object, rule: str, words: str) -> None:
    findings = validate_document(write(name, content))
    assert [f.rule for f in findings] == [rule]
    assert words in findings[0].message
    assert "\n" not in str(findings[0])
    assert findings[0].file is not None
    assert findings[0].file.endswith(name)


def test_a_missing_file_is_a_finding_not_an_error(tmp_path: Path) -> None:
    findings = validate_paths([tmp_path / "nope.yaml"])
    assert [(f.rule, f.message) for f in findings] == [("unreadable", "no such file")]


def test_a_fifty_megabyte_file_is_refused_without_being_parsed(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.write(b"openapi: 3.1.0\npaths:\n")
        handle.write(b"  x: 1\n" * (FIFTY_MB // 7))
    findings = validate_document(huge)
    assert [f.rule for f in findings] == ["unreadable"]
    assert "larger than" in findings[0].message


def test_a_cycle_of_two_refs_is_reported_at_both_sites(write: Write) -> None:
    schemas = {"A": {"$ref": "#/components/schemas/B"}, "B": {"$ref": "#/components/schemas/A"}}
    findings = validate_document(write("cycle.yaml", openapi(components={"schemas": schemas})))
    assert {(f.rule, f.pointer) for f in findings} == {
        ("ref-cycle", "/components/schemas/A"),
        ("ref-cycle", "/components/schemas/B"),
    }


def test_a_directory_of_mixed_files_checks_each_document_and_ignores_the_rest(write: Write, tmp_path: Path) -> None:
    write("good.yaml", openapi())
    write("empty.json", "")
    write("notes.md", "# not a document\n")
    write("picture.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    write("nested/swagger.yml", {"swagger": "2.0"})
    write(".hidden/bad.yaml", "- ignored\n")
    results = check_paths([tmp_path])
    outcome = {Path(r.file).name: (r.kind, [f.rule for f in r.findings]) for r in results}
    assert outcome == {
        "empty.json": (None, ["unreadable"]),
        "good.yaml": ("openapi", []),
        "swagger.yml": ("swagger", ["openapi-unsupported"]),
    }


def test_a_yaml_file_of_unknown_kind_is_skipped_not_failed(write: Write) -> None:
    path = write("ledger.yaml", {"kind": "something-new", "entries": []})
    [result] = check_paths([path])
    assert (result.kind, result.findings, result.checked) == (None, (), False)


def test_a_file_named_twice_is_checked_once(write: Write, tmp_path: Path) -> None:
    path = write("a.yaml", openapi())
    assert len(check_paths([path, tmp_path, path])) == 1
