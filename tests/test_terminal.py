from __future__ import annotations

import pytest

from paystack_contracts.terminal import printable


@pytest.mark.parametrize(
    ("hostile", "shown"),
    [
        ("\x1b[2J\x1b[31mred\x1b[0m", "red"),
        ("\x1b]0;pwned title\x07body", "body"),
        ("\x1b]8;;https://evil.example.invalid\x1b\\click\x1b]8;;\x1b\\", "click"),
        ("FAILED\r\u2713 passed", "FAILED\u2713 passed"),
        ("a\x00b\x08c\x7fd\x9b1me\x85f", "abcdef"),
        ("tab\there", "tab here"),
        ("admin\u202e\u2066txt.exe", "admintxt.exe"),
        ("\x1bP+q\x1b\\after", "after"),
        ("\x1b", ""),
    ],
)
def test_escape_sequences_and_control_characters_are_removed(hostile: str, shown: str) -> None:
    assert printable(hostile) == shown


def test_newlines_stay_only_when_the_caller_wants_lines() -> None:
    assert printable("one\r\ntwo\nthree") == "one two three"
    assert printable("one\r\ntwo\nthree", lines=True) == "one\ntwo\nthree"


def test_ordinary_text_is_unchanged() -> None:
    text = "POST /customer: expected 200, got 400 — «email» is required ✓ naïve 日本"
    assert printable(text) == text
