"""`paystack-contracts init [DIR]`: set up a user repository (config, contract copy, empty baseline, CI workflow).

Exit 0 when written, 2 when a file exists (nothing is written without --force) or DIR is not a directory.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TextIO

from paystack_contracts import scaffold
from paystack_contracts.project import display_path, project_at

__all__ = ["configure", "execute"]

EXIT_CODES = """\
exit codes:
  0    the files were written
  2    a file exists (nothing was written; pass --force) or DIR is not a directory"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "directory", nargs="?", type=Path, default=Path("."), metavar="DIR", help="your repository (default: .)"
    )
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    written = scaffold.write(args.directory, scaffold.plan(), force=args.force)
    for path in written:
        out.write(f"wrote {display_path(path)}\n")
    out.write("the project now uses:\n")
    out.writelines(f"  {line}\n" for line in project_at(args.directory).describe())
    out.write(
        "next: paystack-contracts validate && paystack-contracts discrepancies --check && "
        "paystack-contracts run --update-baseline; commit the files\n"
    )
    return 0
