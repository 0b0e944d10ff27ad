"""Documents are classified by content, data formats by `kind`, and other gates can register their own kinds."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.validation.factories import Write

from paystack_contracts.findings import Finding
from paystack_contracts.validation import Document, check_paths, classify, document_kind, registered_kinds
from paystack_contracts.validation import kinds as kinds_module


@pytest.mark.parametrize(("name", "data", "kind"), [
    ("a.yaml", {"openapi": "3.1.0"}, "openapi"),
    ("a.yaml", {"swagger": "2.0"}, "swagger"),
    ("a.json", {"$schema": "x"}, "json-schema"),
    ("a.schema.json", {"type": "object"}, "json-schema"),
    ("a.yaml", {"kind": "docs-endpoint-table"}, "docs-endpoint-table"),
    ("a.yaml", {"kind": "sdk-method-table"}, "sdk-method-table"),
    ("a.yaml", {"kind": "../../etc/passwd"}, None),
    ("a.yaml", {"kind": "unheard-of"}, None),
    ("a.yaml", {"entries": []}, None),
])  # fmt: skip
def test_documents_are_classified_by_content(name: str, data: dict, kind: str | None) -> None:
    assert classify(Document(Path(name), name, data)) == kind


@pytest.fixture
def isolated_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kinds_module, "_KINDS", dict(registered_kinds()))


@pytest.mark.usefixtures("isolated_registry")
def test_another_gate_can_register_a_check_claimed_by_path(write: Write, tmp_path: Path) -> None:
    @document_kind("ledger", paths=("*/ledger.yaml",))
    def check_ledger(document: Document) -> Iterator[Finding]:
        if not document.data.get("entries"):
            yield Finding(rule="ledger-empty", file=document.display, pointer="/entries", message="no entries")

    write("ledger.yaml", {"entries": []})
    [result] = check_paths([tmp_path / "ledger.yaml"])
    assert (result.kind, [f.rule for f in result.findings]) == ("ledger", ["ledger-empty"])


@pytest.mark.usefixtures("isolated_registry")
def test_a_check_that_crashes_becomes_a_finding(write: Write, tmp_path: Path) -> None:
    @document_kind("fragile")
    def check_fragile(document: Document) -> Iterator[Finding]:
        raise KeyError("boom")
        yield  # pragma: no cover

    write("f.yaml", {"kind": "fragile"})
    [result] = check_paths([tmp_path / "f.yaml"])
    assert [f.rule for f in result.findings] == ["validator-failed"]
    assert "KeyError" in result.findings[0].message


def test_a_data_file_that_breaks_its_format_is_reported(write: Write) -> None:
    path = write("docs.yaml", {"kind": "docs-endpoint-table", "source": {}, "base_url": 5, "endpoints": []})
    [result] = check_paths([path])
    assert {(f.rule, f.pointer) for f in result.findings} == {
        ("data-format", "/source"),
        ("data-format", "/base_url"),
        ("data-format", "/endpoints"),
    }
