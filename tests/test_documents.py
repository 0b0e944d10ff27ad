from __future__ import annotations

from pathlib import Path

import pytest

from paystack_contracts.documents import MAX_DOCUMENT_BYTES, load_document
from paystack_contracts.errors import DocumentError


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.yaml", b"", "is empty"),
        ("blank.yaml", b"   \n\n", "is empty"),
        ("list.yaml", b"- a\n- b\n", "top level is a list"),
        ("scalar.yaml", b"just words\n", "top level is a str scalar"),
        ("number.json", b"42", "top level is a int scalar"),
        ("bad.yaml", b"openapi: [3.1\n", "invalid YAML at line"),
        ("bad.json", b'{"openapi": ', "invalid JSON at line 1"),
        ("junk.yaml", b"\x89PNG\r\n\x1a\n\x00\x00", "is binary"),
        ("latin1.yaml", b"title: caf\xe9\n", "is not UTF-8"),
    ],
)
def test_unreadable_documents_are_one_line_errors(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        load_document(path, display=name)
    assert str(info.value).startswith(f"{name}: ")
    assert reason in str(info.value)
    assert "\n" not in str(info.value)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match=r"nope\.yaml: no such file"):
        load_document(tmp_path / "nope.yaml", display="nope.yaml")


def test_a_directory_is_not_a_document(tmp_path: Path) -> None:
    with pytest.raises(DocumentError, match="is a directory"):
        load_document(tmp_path)


def test_an_oversized_file_is_refused_without_being_parsed(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(MAX_DOCUMENT_BYTES + 1)
    with pytest.raises(DocumentError, match="larger than the"):
        load_document(path)


def test_yaml_dates_stay_strings_as_in_json(tmp_path: Path) -> None:
    path = tmp_path / "dates.yaml"
    path.write_text("from: 2016-09-21\nat: 2016-09-24T00:00:05.000Z\n")
    assert load_document(path) == {"from": "2016-09-21", "at": "2016-09-24T00:00:05.000Z"}


@pytest.mark.parametrize("suffix", [".json", ".yaml"])
def test_nesting_past_the_depth_limit_is_one_line(tmp_path: Path, suffix: str) -> None:
    from paystack_contracts.documents import MAX_DEPTH

    path = tmp_path / f"deep{suffix}"
    path.write_text('{"a": ' * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1))
    with pytest.raises(DocumentError, match=f"nested more than {MAX_DEPTH} levels deep"):
        load_document(path)


def test_a_device_is_refused_before_a_byte_is_read() -> None:
    with pytest.raises(DocumentError, match="is a device"):
        load_document("/dev/zero")
