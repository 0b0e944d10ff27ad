"""Hostile documents: wall time and peak memory of `validate` and `diff` on each one. Prints figures only.

    .venv/bin/python bench/hostile_bench.py [--timeout 30]

Each command runs in its own process (`python -m paystack_contracts ...`) under a small wrapper process, whose
RUSAGE_CHILDREN is then that command's own peak RSS. The goal (issue 11): every one ends in under 5 s and
under 300 MB, with a finding or a one-line error.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.documents import write_hostile


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()
    good = "contracts/paystack-customers.openapi.yaml"
    with tempfile.TemporaryDirectory() as tmp:
        hostile = write_hostile(Path(tmp))
        print(f"{'document':<22} {'command':<9} {'s':>6} {'MB':>7} {'exit':>4}  last line")
        for name, path in hostile.items():
            for command, tail in (("validate", [str(path)]), ("diff", [good, str(path)])):
                argv = [sys.executable, "-m", "paystack_contracts", command, *tail]
                seconds, mb, code, last = measure_isolated(argv, args.timeout)
                print(f"{name:<22} {command:<9} {seconds:6.2f} {mb:7.1f} {code!s:>4}  {last}")


def measure_isolated(argv: list[str], timeout: float) -> tuple[float, float, int | None, str]:
    """Run through a tiny wrapper process so RUSAGE_CHILDREN is this command's alone."""
    wrapper = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "p = subprocess.run(sys.argv[2:], capture_output=True, timeout=float(sys.argv[1]), stdin=subprocess.DEVNULL)\n"
        "lines = [l for l in (p.stdout + p.stderr).decode(errors='replace').splitlines() if l.strip()]\n"
        "mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(f'{time.perf_counter() - t}\\t{mb}\\t{p.returncode}\\t{(lines[-1] if lines else \"\")[:110]}')\n"
    )
    try:
        done = subprocess.run(
            [sys.executable, "-c", wrapper, str(timeout), *argv], capture_output=True, text=True, timeout=timeout + 10
        )
    except subprocess.TimeoutExpired:
        return timeout, 0.0, None, "TIMEOUT"
    if done.returncode != 0:
        return timeout, 0.0, None, "TIMEOUT" if "TimeoutExpired" in done.stderr else done.stderr.strip()[-110:]
    seconds, mb, code, last = done.stdout.rstrip("\n").split("\t", 3)
    return float(seconds), float(mb), int(code), last


if __name__ == "__main__":
    main()
