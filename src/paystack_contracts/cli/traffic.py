"""`paystack-contracts check-traffic FILE…`: judge exchanges recorded elsewhere (HAR files from devtools,
mitmproxy or Playwright, and the proxy's own recording) with the suite's judge, and write the usual reports.

Exit 0 conforms, 1 findings, 2 usage error (an unreadable file), 3 nothing checked (no exchange matched the
contract: a gate that checked nothing never passes).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from paystack_contracts.credentials import redact
from paystack_contracts.drift.policy import Policy, load_policy
from paystack_contracts.drift.usage import USAGE_FILE, UsageProfile, load_usage
from paystack_contracts.errors import UsageError
from paystack_contracts.project import current_project
from paystack_contracts.reports import write_reports
from paystack_contracts.reports.summary import render_summary
from paystack_contracts.results import ExitCode, RunResult

__all__ = ["configure", "execute", "report", "scope_of", "usage_option"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE", help="HAR files or proxy recordings (.jsonl)")
    parser.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go (default: reports/)")
    usage_option(parser)


def usage_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--usage",
        type=Path,
        help=f"usage profile marking findings used/unused (default: contracts/{USAGE_FILE}, if any)",
    )


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from paystack_contracts.proxy import check_traffic, finished

    inspector = check_traffic(args.files)
    if inspector.skipped:
        out.write(f"skipped {inspector.skipped} exchange(s) to hosts other than the API (api.paystack.co, loopback)\n")
    return report(finished(inspector, *scope_of(args.usage)), args.report_dir, out, err)


def scope_of(path: Path | None) -> tuple[UsageProfile | None, Policy | None]:
    """The usage profile (`--usage`, else the project's, if any) and the project's drift policy."""
    project = current_project()
    usage = load_usage(path or project.contracts / USAGE_FILE)
    if path is not None and usage is None:
        raise UsageError(f"--usage {path}: no such file")
    return usage, load_policy(project.policy) if project.policy.is_file() else None


def report(result: RunResult, report_dir: Path, out: TextIO, err: TextIO) -> int:
    """Write the reports and the summary; the exit code (3 when no exchange reached the contract)."""
    written = write_reports(result, report_dir)
    for line in render_summary(result):
        out.write(redact(line) + "\n")
    out.write(f"reports: {', '.join(p.as_posix() for p in written)}\n")
    if not result.cases and result.exit_code() is ExitCode.CONFORMS:
        err.write("nothing checked: no exchange matched an operation of the contract\n")
        return int(ExitCode.INCONCLUSIVE)
    return int(result.exit_code())
