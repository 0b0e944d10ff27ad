"""Ours vs `st run` (Schemathesis CLI, default settings) on the same contract and mock, in one run. Prints, asserts
nothing:

- alternating rounds (ours generating every case, ours replaying the corpus, then `st run`; `--pairs`, default
  5): cases/s and wall of each, min / median / max, and the median of the per-round ratios to `st run`. Ours is
  `paystack-contracts run` as a user types it (a fresh process: imports, validation, embedded mock, two
  workers): once with `--no-corpus` (a first run, or the first after the contract changed), once replaying the
  corpus (`run.corpus`; every later run with the same seed and contract), from a cache dir of the bench's own
  primed by one run first; `st run` tests the same contract against the same mock served over loopback (its
  defaults: example database, every phase, 100 fuzzing examples per operation);
- documented (operation, status) pairs covered by each (ours from its report, `st run`'s seen by the mock);
- five drift profiles: time from the run's start to its first finding (ours: in-process, a progress listener;
  `st run`: wall until it stops at its first failure, `--max-failures 1`, start-up included) and caught or not;
- with `--pytest`: the project's own tests serial and with `-n 2`, and the speed-up.

The load average is printed first: on a shared machine compare ratios measured in the same run, not absolutes.
Our package's bytecode is compiled first, as `pip install` does for both tools (a development checkout under
PYTHONDONTWRITEBYTECODE would otherwise recompile ~150 modules in every fresh process, ~0.2 s, measured).

    python bench/suite_bench.py [--pairs N] [--seed N] [--st-max-examples N] [--pytest]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

import paystack_contracts
from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.progress import NullProgress
from paystack_contracts.project import current_project
from paystack_contracts.run import SuiteOptions, run_suite
from paystack_contracts.run.session import EMBEDDED_CUSTOMERS, PAYSTACK_CONTRACT

PROFILES = ("status-as-string", "id-as-string", "risk-action-missing", "wrong-total", "accepts-invalid-email")
Pair = tuple[str, int]  # ("GET /customer", 200)


def documented() -> set[Pair]:
    spec = yaml.safe_load(current_project().contract(PAYSTACK_CONTRACT).read_text(encoding="utf-8"))
    return {
        (f"{method.upper()} {path}", int(code))
        for path, item in spec["paths"].items()
        for method, op in item.items()
        if isinstance(op, dict)
        for code in op.get("responses", {})
        if str(code).isdigit()
    }


def ours(seed: int, *, corpus: bool) -> tuple[int, float, set[Pair]]:
    """The default run as a user types it; cases and statuses from its JSON report. `corpus=False` generates every
    case (`--no-corpus`: a first run, or one after the contract changed); `corpus=True` replays the corpus an
    earlier run with the same seed kept (the bench's own cache dir, primed once)."""
    with tempfile.TemporaryDirectory() as reports:
        command = [sys.executable, "-m", "paystack_contracts", "run", "--no-progress", "--seed", str(seed)]
        command += [] if corpus else ["--no-corpus"]
        started = time.perf_counter()
        subprocess.run([*command, "--report-dir", reports], capture_output=True, timeout=900, check=False)
        wall = time.perf_counter() - started
        report = json.loads((Path(reports) / "report.json").read_text(encoding="utf-8"))
    seen = {(op["operation"], int(code)) for op in report["operations"] for code in op["status_codes"]}
    return report["counts"]["cases"], wall, seen


class Seen:
    """An ASGI wrapper that records (operation, status) of what the mock answered."""

    def __init__(self, app: Any) -> None:
        self.app, self.pairs = app, set[Pair]()
        spec = yaml.safe_load(current_project().contract(PAYSTACK_CONTRACT).read_text(encoding="utf-8"))
        self.routes = [
            (method.upper(), re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "/?$"), path)
            for path, item in spec["paths"].items()
            for method in item
        ]
        self.routes.sort(key=lambda route: "{" in route[2])  # literal paths win over templates

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        async def recording(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start" and scope["type"] == "http":
                label = next(
                    (f"{m} {p}" for m, rx, p in self.routes if m == scope["method"] and rx.match(scope["path"])), None
                )
                if label:
                    self.pairs.add((label, message["status"]))
            await send(message)

        await self.app(scope, receive, recording)


@contextmanager
def served(seed: int, drift: tuple[str, ...] = ()) -> Iterator[tuple[str, Seen]]:
    app = Seen(create_app(MockSettings(seed_customers=EMBEDDED_CUSTOMERS, random_seed=seed, drift=drift)))
    with serve_in_thread(app) as base_url:  # type: ignore[arg-type]
        yield base_url, app


def st_run(seed: int, base_url: str, max_examples: int | None, *extra: str) -> tuple[int, float, bool]:
    """`st run` as a user would type it: cases (from its JSON report), wall, and whether it failed anything."""
    with tempfile.TemporaryDirectory() as reports:
        command = [str(Path(sys.executable).with_name("st")), "run", str(current_project().contract(PAYSTACK_CONTRACT))]
        command += ["--url", base_url, "-H", f"Authorization: Bearer {DEFAULT_TEST_KEY}", "--seed", str(seed)]
        command += ["--report", "json", "--report-dir", reports, *extra]
        if max_examples is not None:
            command += ["--max-examples", str(max_examples)]
        started = time.perf_counter()
        env = {**os.environ, "NO_COLOR": "1"}
        code = subprocess.run(command, capture_output=True, timeout=900, check=False, cwd=reports, env=env).returncode
        wall = time.perf_counter() - started
        found = list(Path(reports).glob("*.json"))
        report = json.loads(found[0].read_text(encoding="utf-8")) if found else {}
    return _total_cases(report.get("test_cases")), wall, code == 1


def _total_cases(test_cases: object) -> int:
    if isinstance(test_cases, int):
        return test_cases
    if isinstance(test_cases, dict):
        return int(test_cases.get("total", sum(v for v in test_cases.values() if isinstance(v, int))))
    return 0


class FirstFinding(NullProgress):
    def __init__(self) -> None:
        self.started = time.perf_counter()
        self.first: float | None = None

    def case_finished(self, operation: str, status_code: int | None, *, failed: bool, inconclusive: bool) -> None:
        if failed and self.first is None:
            self.first = time.perf_counter() - self.started


def drift_profiles(seed: int, max_examples: int | None) -> None:
    print(
        "\ndrift profiles: time from the run's start to its first finding"
        " (ours in-process, replaying the corpus; st: wall to its first failure)"
    )
    for profile in PROFILES:
        listener = FirstFinding()
        result = run_suite(SuiteOptions(seed=seed, drift=(profile,), workers=2), listener)
        with served(seed, (profile,)) as (base_url, _):
            st_cases, st_wall, st_caught = st_run(seed, base_url, max_examples, "--max-failures", "1")
        caught = bool(result.failures or result.warnings)
        first = (
            f"{listener.first:.2f} s"
            if listener.first is not None
            else "none (warnings only)"
            if caught
            else "not caught"
        )
        print(
            f"  {profile:24} ours: first finding {first:>10}, {len(result.failures)} failures"
            f" | st run: {'caught' if st_caught else 'not caught'}, {st_wall:5.1f} s to stop ({st_cases} cases)"
        )


def summary(name: str, values: list[float], unit: str) -> str:
    return f"{name} {min(values):.1f} / {statistics.median(values):.1f} / {max(values):.1f} {unit}"


def pytest_speedup() -> None:
    def timed(*args: str) -> tuple[float, str]:
        """Wall time and pytest's own last line (a run that failed or stalled is not a speed figure)."""
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:randomly", "--durations=3", *args],
            capture_output=True,
            text=True,
            check=False,
        )
        lines = done.stdout.strip().splitlines()
        summary = lines[-1].strip("= ") if lines else f"exit {done.returncode}"
        slowest = next((lines[i + 1].split()[:3] for i, line in enumerate(lines[:-1]) if "slowest" in line), [])
        return time.perf_counter() - started, f"{summary}; slowest: {' '.join(slowest)}"

    (serial, said), (parallel, said_n2) = timed(), timed("-n", "2")
    print(f"\nproject tests: serial {serial:.1f} s, -n 2 {parallel:.1f} s -> {serial / parallel:.2f}x (target >= 1.6x)")
    print(f"  serial: {said}\n  -n 2:   {said_n2}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=20261122)
    parser.add_argument("--pairs", type=int, default=5)
    parser.add_argument("--st-max-examples", type=int, default=None, help="shorten st run (default: its own 100)")
    parser.add_argument("--pytest", action="store_true", help="also time the project's tests, serial vs -n 2")
    args = parser.parse_args()
    compileall.compile_dir(str(Path(paystack_contracts.__file__).parent), quiet=1)  # what an install does
    print(
        f"machine: {os.cpu_count()} cores, load average {' / '.join(f'{x:.2f}' for x in os.getloadavg())} (1/5/15 min)"
    )
    wanted = documented()
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="suite-bench-cache-")  # no developer's corpus counts
    primed = ours(args.seed, corpus=True)
    print(f"corpus primed by a first run (generating and keeping): {primed[0]} cases in {primed[1]:.1f} s")
    runs: dict[str, list[tuple[int, float]]] = {"generated": [], "replayed": [], "st": []}
    st_seen: set[Pair] = set()
    for pair in range(args.pairs):
        cases, wall, seen = ours(args.seed, corpus=False)
        runs["generated"].append((cases, wall))
        cases, wall, _ = ours(args.seed, corpus=True)
        runs["replayed"].append((cases, wall))
        with served(args.seed) as (base_url, app):
            runs["st"].append(st_run(args.seed, base_url, args.st_max_examples)[:2])
            st_seen = app.pairs
        print(
            f"round {pair + 1}: "
            + " | ".join(f"{name} {c} cases in {w:.1f} s = {c / w:.0f}/s" for name, [*_, (c, w)] in runs.items())
        )
    print(f"\nmin / median / max over {args.pairs} alternating rounds (ours generating, ours replaying, st run):")
    st_rates = [c / w for c, w in runs["st"]]
    print("  " + summary("st run cases/s", st_rates, "") + " | " + summary("wall", [w for _, w in runs["st"]], "s"))
    for name in ("generated", "replayed"):
        rates = [c / w for c, w in runs[name]]
        ratios = [ours_rate / st_rate for ours_rate, st_rate in zip(rates, st_rates, strict=True)]
        print(
            f"  ours, {name}: "
            + summary("cases/s", rates, "")
            + " | "
            + summary("wall", [w for _, w in runs[name]], "s")
            + f" | ratio to st run {summary('', ratios, 'x').strip()} (median: the figure to quote; target >= 3x)"
        )
    print(
        f"  documented (operation, status) pairs covered: ours {len(seen & wanted)} of {len(wanted)},"
        f" st run {len(st_seen & wanted)} of {len(wanted)}"
    )
    drift_profiles(args.seed, args.st_max_examples)
    if args.pytest:
        pytest_speedup()
    print(f"\nload average at the end: {' / '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
