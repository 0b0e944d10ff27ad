"""Suite throughput against the mock, side by side with `st run` (Schemathesis CLI, default settings), in one run.

Prints figures, asserts nothing:
- cases/s of the default `paystack-contracts run` (embedded mock, in-process) and the same run over loopback HTTP;
- cases/s of `st run` on the same contract against the same mock served over loopback (default settings: its
  example database, every phase, 100 fuzzing examples per operation);
- the ratio, the default run's wall time (target < 60 s on 2 cores), and the live profile's request count and
  coverage against the mock with Paystack's test-mode rate limit switched on (target: every operation x every
  plannable documented status within 100 requests).

    python bench/suite_bench.py [--seed N] [--st-max-examples N]   # the latter shortens the CLI's run
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.project import current_project
from paystack_contracts.run import Profile, SuiteOptions, TargetSpec, run_suite
from paystack_contracts.run.session import PAYSTACK_CONTRACT


def ours(seed: int, base_url: str | None) -> tuple[int, float]:
    """The run `paystack-contracts run` does by default (its worker count: one per core, up to 2)."""
    target = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY if base_url else None)
    started = time.perf_counter()
    result = run_suite(SuiteOptions(target=target, seed=seed, workers=min(2, os.cpu_count() or 1)))
    return result.cases, time.perf_counter() - started


def schemathesis_cli(seed: int, base_url: str, max_examples: int | None) -> tuple[int, float]:
    """`st run` as a user would type it; cases counted from its JSON report."""
    with tempfile.TemporaryDirectory() as reports:
        command = [
            str(Path(sys.executable).with_name("st")),
            "run",
            str(current_project().contract(PAYSTACK_CONTRACT)),
            "--url",
            base_url,
            "-H",
            f"Authorization: Bearer {DEFAULT_TEST_KEY}",
            "--seed",
            str(seed),
            "--report",
            "json",
            "--report-dir",
            reports,
        ]
        if max_examples is not None:
            command += ["--max-examples", str(max_examples)]
        env = {**os.environ, "NO_COLOR": "1"}
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, text=True, timeout=900, check=False, cwd=reports, env=env)
        elapsed = time.perf_counter() - started
        report = json.loads(next(Path(reports).glob("*.json")).read_text(encoding="utf-8"))
    return _total_cases(report["test_cases"]), elapsed


def _total_cases(test_cases: object) -> int:
    if isinstance(test_cases, int):
        return test_cases
    if isinstance(test_cases, dict):
        return int(test_cases.get("total", sum(v for v in test_cases.values() if isinstance(v, int))))
    return 0


def live_profile(seed: int) -> tuple[int, list[str], float]:
    app = create_app(MockSettings(rate_limit=True, seed_customers=3, random_seed=seed))
    with serve_in_thread(app) as base_url:
        spec = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY)
        started = time.perf_counter()
        result = run_suite(SuiteOptions(target=spec, seed=seed, profile=Profile.LIVE))
        elapsed = time.perf_counter() - started
    gaps = [
        f"{label} {code}"
        for label, codes in result.extra["coverage"].items()
        for code, seen in codes.items()
        if not seen
    ]
    return result.requests_sent, gaps, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--st-max-examples", type=int, default=None, help="shorten st run (default: its own 100)")
    args = parser.parse_args()

    cases, seconds = ours(args.seed, None)
    rate = cases / seconds
    print(f"paystack-contracts run (embedded, in-process): {cases} cases in {seconds:.1f} s = {rate:.0f} cases/s")
    app = create_app(MockSettings(seed_customers=3, random_seed=args.seed))
    with serve_in_thread(app) as base_url:
        http_cases, http_seconds = ours(args.seed, base_url)
        print(
            f"paystack-contracts run (mock over loopback HTTP): {http_cases} cases in {http_seconds:.1f} s "
            f"= {http_cases / http_seconds:.0f} cases/s"
        )
        st_cases, st_seconds = schemathesis_cli(args.seed, base_url, args.st_max_examples)
    settings = "default settings" if args.st_max_examples is None else f"--max-examples {args.st_max_examples}"
    print(
        f"st run ({settings}, same contract, same mock over loopback): {st_cases} cases in {st_seconds:.1f} s "
        f"= {st_cases / st_seconds:.0f} cases/s"
    )
    print(
        f"ratio, ours (default, in-process) / st run: {(cases / seconds) / (st_cases / st_seconds):.1f}x "
        f"(target >= 3x); ours over HTTP / st run: {(http_cases / http_seconds) / (st_cases / st_seconds):.1f}x"
    )
    print(f"default run wall time: {seconds:.1f} s (target < 60 s)")
    requests, gaps, live_seconds = live_profile(args.seed)
    print(
        f"live profile against the rate-limited mock: {requests} requests in {live_seconds:.1f} s (target <= 100); "
        f"documented statuses not covered: {', '.join(gaps) or 'none'} (403 and 429 are not plannable)"
    )


if __name__ == "__main__":
    main()
