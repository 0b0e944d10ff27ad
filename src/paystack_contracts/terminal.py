"""Untrusted text made safe to print: a target's bodies must not drive the terminal or a Markdown viewer.

A response body can carry ANSI/OSC escape sequences (clear the screen, rewrite the title, hide text, forge a
hyperlink), a bare carriage return that overwrites a line already printed ("✓ passed"), or bidirectional
overrides that make text read differently than it is. `printable` removes all of them: escape sequences whole,
then C0 and C1 control characters, DEL and bidi controls. A tab becomes a space; a newline stays only when the
caller asks for lines (`lines=True`), and CRLF counts as a newline.
"""

from __future__ import annotations

import re

__all__ = ["printable"]

_ESCAPES = re.compile(
    r"\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC ... BEL/ST (title, hyperlink, clipboard)
    r"|\x1b[P^_X][^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, PM, APC, SOS strings
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"  # CSI (colours, cursor moves, erase)
    r"|\x1b[ -/]*[0-~]?"  # any other escape
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str, *, lines: bool = False) -> str:
    """`text` without escape sequences or control characters; newlines kept only if `lines`."""
    text = _ESCAPES.sub("", text).replace("\r\n", "\n").replace("\t", " ")
    text = _CONTROLS.sub("", text)
    return text if lines else text.replace("\n", " ")
