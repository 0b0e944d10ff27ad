"""Exit codes agree across commands and every --help says what they mean; `-V` names the version."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from paystack_contracts import __version__
from paystack_contracts.cli import COMMANDS, run


def cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(list(argv), out, err), out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["validate", "{tmp}/missing.yaml"], "{tmp}/missing.yaml: no such file or directory"),
        (["validate", "{tmp}"], "nothing to validate in {tmp}: no .yaml/.yml/.json file"),
        (["diff", "{tmp}/missing.yaml", "{tmp}/missing.yaml"], "{tmp}/missing.yaml: no such file"),
        (["discrepancies", "--root", "{tmp}/missing"], "--root {tmp}/missing: no such directory"),
        (["discrepancies", "--check", "--ledger", "{tmp}/missing.yaml"], "ledger {tmp}/missing.yaml: no such file"),
    ],
)
def test_a_missing_input_or_nothing_to_check_is_exit_2_in_every_command(
    tmp_path: Path, argv: list[str], message: str
) -> None:
    code, _, err = cli(*(a.format(tmp=tmp_path) for a in argv))
    assert code == 2
    assert err == f"error: {message.format(tmp=tmp_path)}\n"


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_the_version_flag_names_the_tool_and_its_version(flag: str) -> None:
    assert cli(flag) == (0, f"paystack-contracts {__version__}\n", "")


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_every_help_lists_the_exit_codes(command: list[str]) -> None:
    code, out, _ = cli(*command, "--help")
    assert code == 0
    assert "exit codes" in out
    assert all(f"\n  {number}    " in out for number in ("0", "2"))
