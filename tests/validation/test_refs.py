"""Every `$ref` is resolved: dangling and cyclic ones are findings at their site; recursion is legal."""

from __future__ import annotations

from pathlib import Path

import pytest

from paystack_contracts.validation.refs import check_refs, iter_ref_sites, neutralised, resolve_pointer


def _problems(document: dict[str, object], tmp_path: Path) -> set[tuple[str, str | None]]:
    report = check_refs(document, tmp_path / "doc.yaml", "doc.yaml")
    return {(f.rule, f.pointer) for f in report.findings}


def test_every_dangling_ref_is_reported_not_just_the_first(tmp_path: Path) -> None:
    document = {"a": {"$ref": "#/nowhere"}, "b": [{"$ref": "#/also/nowhere"}], "c": {"$ref": "#/a"}}
    assert _problems(document, tmp_path) == {("ref-unresolved", "/a"), ("ref-unresolved", "/b/0")}


@pytest.mark.parametrize(
    ("ref", "why"),
    [
        ("#/paths/~1plan/get", "/paths has no '/plan'"),
        ("#/list/7", "/list is a list of 1 and has no item '7'"),
        ("#/list/x", "/list is a list of 1 and has no item 'x'"),
        ("#/text/deeper", "/text is a str, not an object or list"),
        ("#nowhere", "no $anchor 'nowhere'"),
        ("missing.yaml#/x", "no such file"),
    ],
)
def test_a_dangling_ref_says_which_segment_is_missing(tmp_path: Path, ref: str, why: str) -> None:
    document = {"paths": {}, "list": [1], "text": "t", "site": {"$ref": ref}}
    [finding] = check_refs(document, tmp_path / "doc.yaml", "doc.yaml").findings
    assert finding.pointer == "/site"
    assert finding.message == f"$ref '{ref}' does not resolve"
    assert finding.actual is not None
    assert why in finding.actual


def test_a_recursive_schema_is_legal(tmp_path: Path) -> None:
    node = {"type": "object", "properties": {"child": {"$ref": "#/defs/Node"}}}
    assert _problems({"defs": {"Node": node}}, tmp_path) == set()


def test_a_ref_into_a_cycle_is_reported_with_the_chain(tmp_path: Path) -> None:
    document = {"a": {"$ref": "#/b"}, "b": {"$ref": "#/a"}, "c": {"$ref": "#/a"}}
    report = check_refs(document, tmp_path / "doc.yaml", "doc.yaml")
    assert {f.pointer for f in report.findings} == {"/a", "/b", "/c"}
    assert {f.rule for f in report.findings} == {"ref-cycle"}
    assert next(f.actual for f in report.findings if f.pointer == "/c") == "#/c -> #/a -> #/b -> #/a"


def test_refs_into_sibling_files_resolve_and_dangle_there(tmp_path: Path) -> None:
    (tmp_path / "other.yaml").write_text("Thing: {type: string}\n", encoding="utf-8")
    document = {"ok": {"$ref": "other.yaml#/Thing"}, "bad": {"$ref": "other.yaml#/Nothing"}}
    assert _problems(document, tmp_path) == {("ref-unresolved", "/bad")}


def test_remote_refs_are_warned_about_not_fetched(tmp_path: Path) -> None:
    report = check_refs({"a": {"$ref": "https://example.com/s.json#/x"}}, tmp_path / "d.yaml", "d.yaml")
    assert [(f.rule, f.severity.value) for f in report.findings] == [("ref-remote", "warning")]
    assert report.broken == frozenset({"/a"})


def test_refs_inside_example_data_are_not_references(tmp_path: Path) -> None:
    document = {
        "example": {"$ref": "#/nowhere"},
        "schema": {"examples": [{"$ref": "#/nowhere"}]},
        "x-vendor": {"$ref": "#/nowhere"},
        "content": {"examples": {"one": {"value": {"$ref": "#/nowhere"}}}},
    }
    assert list(iter_ref_sites(document)) == []


def test_the_schema_keyword_of_a_document_is_not_mistaken_for_data(tmp_path: Path) -> None:
    document = {"properties": {"value": {"$ref": "#/nowhere"}}}
    assert _problems(document, tmp_path) == {("ref-unresolved", "/properties/value")}


def test_neutralised_replaces_only_the_broken_sites_in_a_copy() -> None:
    document = {"a": {"$ref": "#/x"}, "b": [{"$ref": "#/y"}, {"$ref": "#/a"}]}
    sound = neutralised(document, frozenset({"/a", "/b/0"}))
    assert sound == {"a": {}, "b": [{}, {"$ref": "#/a"}]}
    assert document["a"] == {"$ref": "#/x"}


@pytest.mark.parametrize(("pointer", "value"), [("", {"a/b": [0, {"~": 1}]}), ("/a~1b/1/~0", 1), ("/a~1b/0", 0)])
def test_resolve_pointer_follows_rfc_6901(pointer: str, value: object) -> None:
    assert resolve_pointer({"a/b": [0, {"~": 1}]}, pointer) == value


@pytest.mark.parametrize(("ref", "why"), [("#/list/²", "has no item '²'"), ("http://[oops/x", "not a valid URI")])
def test_odd_references_are_findings_not_crashes(tmp_path: Path, ref: str, why: str) -> None:
    [finding] = check_refs({"list": [1], "site": {"$ref": ref}}, tmp_path / "d.yaml", "d.yaml").findings
    assert finding.rule == "ref-unresolved"
    assert finding.actual is not None
    assert why in finding.actual


def test_refs_pull_in_a_bounded_number_of_files(tmp_path: Path) -> None:
    from paystack_contracts.documents import MAX_REF_FILES

    count = MAX_REF_FILES + 5
    for i in range(count):
        (tmp_path / f"f{i}.yaml").write_text("S: {type: string}\n", encoding="utf-8")
    document = {f"r{i}": {"$ref": f"f{i}.yaml#/S"} for i in range(count)}
    report = check_refs(document, tmp_path / "d.yaml", "d.yaml")
    assert {f.rule for f in report.findings} == {"ref-unresolved"}
    assert 1 <= len(report.findings) <= 5
    assert all("files are referenced" in (f.actual or "") for f in report.findings)
