"""`paystack-contracts run` (placeholder until its issue lands: it says so and exits 2)."""

from __future__ import annotations

import argparse
from typing import TextIO


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs="*")


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    err.write("error: 'run' is not built yet\n")
    return 2
