"""What checks read off a response: the decoded body (shared by every check of a response), paths, short values."""

from __future__ import annotations

import pytest

from paystack_contracts.checks._body import NOT_JSON, decoded_body, json_path, nested_too_deeply, short


@pytest.mark.parametrize(
    ("content", "decoded"),
    [
        (b"", None),
        (b'{"status": true}', {"status": True}),
        (b"[1, 2]", [1, 2]),
        (b'{"amount": NaN}', NOT_JSON),  # Python's decoder takes it; JSON has no NaN
        (b'{"amount": -Infinity}', NOT_JSON),
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


@pytest.mark.parametrize(
    ("content", "too_deep"),
    [
        (b'{"data": {"a": [1, 2, {"b": null}]}}', False),
        (b"[" * 128 + b"]" * 128, False),  # exactly the limit
        (b"[" * 129 + b"]" * 129, True),
        (b'{"a":' * 100_000 + b"1" + b"}" * 100_000, True),  # past what Python's decoder can follow
        (b"[" + b",".join([b'{"id": 1}'] * 500) + b"]", False),  # many brackets, shallow
        (b'{"s": "' + b"[" * 500 + b'"}', False),  # brackets inside a string
        (b"[" * 500, False),  # not JSON at all: the envelope check says so
    ],
    ids=["a customer", "at the limit", "past the limit", "past the decoder", "a wide page", "in a string", "broken"],
)
def test_a_body_nested_past_the_limit_is_recognised(content: bytes, too_deep: bool) -> None:
    assert nested_too_deeply(content) is too_deep


def test_a_body_too_deep_to_decode_reads_as_not_json_instead_of_raising() -> None:
    assert decoded_body(b'{"a":' * 100_000 + b"1" + b"}" * 100_000) is NOT_JSON
