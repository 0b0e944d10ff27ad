from __future__ import annotations

import io
import subprocess
import sys

import pytest

from paystack_contracts.cli import COMMANDS, run


def test_help_lists_every_command() -> None:
    out = io.StringIO()
    assert run(["--help"], out, io.StringIO()) == 0
    for name in COMMANDS:
        assert name in out.getvalue()


def test_an_unknown_command_is_a_usage_error_not_a_traceback() -> None:
    err = io.StringIO()
    assert run(["frobnicate"], io.StringIO(), err) == 2
    assert "invalid choice" in err.getvalue()
    assert "Traceback" not in err.getvalue()


def test_no_command_prints_help_and_exits_2() -> None:
    out = io.StringIO()
    assert run([], out, io.StringIO()) == 2
    assert "usage:" in out.getvalue()


def test_python_dash_m_runs_the_same_cli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "paystack_contracts", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout.startswith("paystack-contracts ")


def test_run_stays_callable_after_every_subcommand_module_is_imported() -> None:
    import paystack_contracts.cli as cli

    for _ in range(2):
        assert run(["--version"], io.StringIO(), io.StringIO()) == 0
    assert callable(cli.run)
    assert not any(module == "run" for module, _ in COMMANDS.values())


_COLLECTOR_AT_EXIT = """
import atexit, gc, sys
atexit.register(lambda: print("collector on:", gc.isenabled()))
sys.argv = ["paystack-contracts", *sys.argv[1:]]
from paystack_contracts.cli import main
main()
"""


@pytest.mark.parametrize(
    ("argv", "on"), [(["run", "--list-operations"], False), (["mock", "--help"], True), (["validate", "--help"], True)]
)
def test_a_run_keeps_the_collector_off_until_the_process_ends_and_other_commands_keep_it_on(argv, on) -> None:
    ran = subprocess.run(
        [sys.executable, "-c", _COLLECTOR_AT_EXIT, *argv], capture_output=True, text=True, timeout=120, check=False
    )
    assert ran.stdout.strip().splitlines()[-1] == f"collector on: {on}"
