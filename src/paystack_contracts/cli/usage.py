"""`paystack-contracts usage FILE…`: the consumer usage profile of recorded traffic (the proxy's recording or HAR
files): which operations, request fields and response fields it used, written to a file in your repository
(default `contracts/usage.yaml`, which the drift gates then read). Prune what your code never reads.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from paystack_contracts.drift.usage import USAGE_FILE, write_usage
from paystack_contracts.project import current_project, display_path
from paystack_contracts.results import ExitCode

__all__ = ["configure", "execute"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", type=Path, nargs="+", metavar="FILE", help="proxy recordings (.jsonl) or HAR files")
    parser.add_argument("--output", type=Path, help=f"where the profile goes (default: contracts/{USAGE_FILE})")


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from paystack_contracts.proxy import check_traffic

    inspector = check_traffic(args.files)
    profile = inspector.usage.profile(", ".join(p.as_posix() for p in args.files))
    if not profile.operations:
        err.write("no exchange matched an operation of the contract: no profile written\n")
        return int(ExitCode.INCONCLUSIVE)
    path = write_usage(args.output or current_project().contracts / USAGE_FILE, profile)
    for label, used in sorted(profile.operations.items()):
        out.write(
            f"{label}: {used.calls} call(s), {len(used.request_fields)} request field(s), "
            f"{len(used.response_fields)} response field(s)\n"
        )
    out.write(f"usage profile: {display_path(path)}\n")
    return 0
