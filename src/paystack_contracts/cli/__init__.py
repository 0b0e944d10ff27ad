"""The `paystack-contracts` command: a thin edge over the library.

`main()` exits with `run(argv)`. Each subcommand lives in its own module here with two functions:
`configure(parser)` adds its arguments and `execute(args, out, err) -> int` does the work by calling library
code, printing to the streams it is given. Library errors (`ContractsError`) become one red line and exit 2.

Exit codes: 0 conforms, 1 findings/drift, 2 usage or config error, 3 inconclusive only.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from paystack_contracts import __version__
from paystack_contracts.credentials import Redactor
from paystack_contracts.errors import ContractsError
from paystack_contracts.outbound import Outbound
from paystack_contracts.project import current_project

__all__ = ["build_parser", "main", "run"]

# name -> (module under paystack_contracts.cli, one-line help). No module may be called `run`: importing
# `paystack_contracts.cli.run` would rebind the package attribute `run` and shadow the function below.
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("init", "set up your repository: a config file, a copy of the contract, an empty baseline, a CI workflow"),
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


EXIT_CODES = """\
exit codes (every command):
  0    conforms: nothing wrong was found in what was checked
  1    findings or drift (a failing check, a drifted verdict, a breaking change, an invalid document)
  2    usage or configuration error, a missing input, or nothing to check
  3    inconclusive only (run): nothing failed, but cases were rate limited, timed out or unreachable
  130  interrupted (Ctrl-C)"""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so `run()` decides the exit code and stream."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(f"{self.prog}: {message}")


class _ArgumentError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="paystack-contracts",
        description=__doc__.splitlines()[0] if __doc__ else None,
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-V", "--version", action="version", version=f"paystack-contracts {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(f"paystack_contracts.cli.{module_name}")
        command = sub.add_parser(
            name, help=help_text, description=help_text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        module.configure(command)
        codes = getattr(module, "EXIT_CODES", EXIT_CODES)  # a command's own table, else the common one
        command.epilog = f"{command.epilog}\n\n{codes}" if command.epilog else codes
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
        _prepare(args)
        return int(args._execute(args, out, err))
    except ContractsError as exc:
        err.write(f"error: {_OUT.line(str(exc))}\n")
        return 2
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130


_OUT = Outbound(Redactor.of(os.environ.get("PAYSTACK_SECRET_KEY"), os.environ.get("PAYSTACK_GLOBALSTACK_KEY")))
"""Error lines: key shapes and the environment's keys redacted, control characters stripped."""


def _prepare(args: argparse.Namespace) -> None:
    """Process-wide settings from the project: Hypothesis keeps its files (`.hypothesis/`) in our cache dir, not
    in the current directory; a baseline update never writes inside the installed package."""
    project = current_project()
    # The environment variable reaches the run's worker processes too; a Hypothesis already imported here has
    # read it already, so it also gets the public setter.
    storage = os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(project.cache_dir / "hypothesis"))
    if "hypothesis.configuration" in sys.modules:
        sys.modules["hypothesis.configuration"].set_hypothesis_home_dir(storage)
    if getattr(args, "update_baseline", False):  # refused before the run, not after it (the gate refuses too)
        project.writable(project.baseline_dir)


_PROCESS_THRESHOLDS = (50_000, 50, 100)
"""The collector's thresholds for the whole CLI process: a short-lived process frees its garbage by reference
counting; at the default thresholds its imports and commands collected hundreds of times."""


def main() -> None:
    gc.set_threshold(*_PROCESS_THRESHOLDS)
    if sys.argv[1:2] == ["run"]:
        # The process ends with the run, which holds the collector off while it works
        # (`run.generated.fewer_collections`): turned back on at the run's end, it collected everything the run
        # left in one go (0.15-0.4 s, measured) just before the reports and the exit. So it stays off. The other
        # commands keep it on; `mock` and `proxy` serve for as long as they are left running.
        gc.disable()
    code = run()
    gc.freeze()  # exiting, the collector would walk every object the run made (0.2-0.3 s, measured) to free nothing
    sys.exit(code)
