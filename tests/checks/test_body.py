"""What checks read off a response: the decoded body (shared by every check of a response), paths, short values."""

from __future__ import annotations

import pytest

from paystack_contracts.checks._body import NOT_JSON, decoded_body, json_path, short


@pytest.mark.parametrize(
    ("content", "decoded"),
    [
        (b"", None),
        (b'{"status": true}', {"status": True}),
        (b"[1, 2]", [1, 2]),
        (b"<html>", NOT_JSON),
        (b"{", NOT_JSON),
    ],
)
def test_a_body_decodes_to_json_none_or_not_json(content: bytes, decoded: object) -> None:
    assert decoded_body(content) == decoded if decoded is not NOT_JSON else decoded_body(content) is NOT_JSON


def test_every_check_of_one_response_shares_one_decoded_body() -> None:
    content = b'{"status": true, "data": {"id": 1}}'
    assert decoded_body(content) is decoded_body(bytes(content))


@pytest.mark.parametrize(
    ("tokens", "path"), [((), "$"), (("data", 0, "id"), "$.data[0].id"), (("meta", "perPage"), "$.meta.perPage")]
)
def test_json_paths_are_built_from_keys_and_indexes(tokens: tuple[str | int, ...], path: str) -> None:
    assert json_path(*tokens) == path


def test_short_values_are_json_and_cut_with_an_ellipsis() -> None:
    assert short({"a": 1}) == '{"a": 1}'
    assert short("x" * 200).endswith("…")
    assert len(short("x" * 200)) == 80
    assert short(NOT_JSON) == "a non-JSON body"
