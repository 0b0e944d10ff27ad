"""The `paystack-contracts` command: a thin edge over the library.

`main()` exits with `run(argv)`. Each subcommand lives in its own module here with two functions:
`configure(parser)` adds its arguments and `execute(args, out, err) -> int` does the work by calling library
code, printing to the streams it is given. Library errors (`ContractsError`) become one red line and exit 2.

Exit codes: 0 conforms, 1 findings/drift, 2 usage or config error, 3 inconclusive only.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from collections.abc import Sequence
from typing import TextIO

from paystack_contracts import __version__
from paystack_contracts.credentials import redact
from paystack_contracts.errors import ContractsError

__all__ = ["build_parser", "main", "run"]

# name -> (module under paystack_contracts.cli, one-line help). No module may be called `run`: importing
# `paystack_contracts.cli.run` would rebind the package attribute `run` and shadow the function below.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "validate OpenAPI documents, JSON Schemas and their examples"),
    "run": ("suite", "run the conformance suite against the embedded mock or a target base URL"),
    "mock": ("mock", "serve the stateful local Paystack sandbox"),
    "discrepancies": (
        "discrepancies",
        "compute disagreements between the upstream sources; --check the ledger",
    ),
    "diff": ("diff", "classify changes between two OpenAPI documents as breaking or not"),
    "webhook": ("webhook", "send signed events to your handler, or listen for and verify events"),
    "proxy": ("proxy", "a loopback proxy that checks your own traffic against the contract"),
    "check-traffic": ("traffic", "check recorded traffic (HAR files, proxy recordings) against the contract"),
    "usage": ("usage", "write the usage profile (operations and fields used) of recorded traffic"),
}


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `run()` decides the exit code and stream."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(f"{self.prog}: {message}")


class _ArgumentError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="paystack-contracts", description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"paystack-contracts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"paystack_contracts.cli.{module_name}")
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.configure(command)
        command.set_defaults(_execute=module.execute)
    return parser


def run(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        with contextlib.redirect_stdout(out):  # argparse prints --help/--version to sys.stdout
            args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    except _ArgumentError as exc:
        err.write(f"error: {exc}\n")
        return 2
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    if getattr(args, "_execute", None) is None:
        build_parser().print_help(out)
        return 2
    try:
        return int(args._execute(args, out, err))
    except ContractsError as exc:
        err.write(f"error: {redact(str(exc))}\n")
        return 2
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130


def main() -> None:
    sys.exit(run())
