"""Record a neutral contracts/baseline/: the union of what faithful targets answer, in both run profiles.

    python -m tests.targets.record_baseline [--seed N]

Runs the suite (full, then live) against the independent look-alike (tests/targets/lookalike.py), the mock with its
defaults and the mock with every open-question setting flipped (bench/field_targets.py's combination), each over
loopback HTTP, and writes the union of their fingerprints: a field one faithful target has and another lacks is
optional, a type one answers and another does not is part of the union. Until the run pipeline passes the profile
to the fingerprint gate, this script collects each run's designed exchanges itself (it wraps
`fingerprints.check_run` while the runs go) and writes the files once at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.targets import lookalike

from paystack_contracts.drift import fingerprints
from paystack_contracts.drift.fingerprint_scope import Scope
from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.project import current_project
from paystack_contracts.results import Exchange
from paystack_contracts.run import Profile, SuiteOptions, TargetSpec, run_suite

Pairs = list[tuple[str, Exchange]]


@contextlib.contextmanager
def collecting(runs: list[Pairs]) -> Iterator[None]:
    original = fingerprints.check_run

    def spy(pairs: Any, baseline_dir: Path, *args: Any, **kwargs: Any) -> fingerprints.BaselineOutcome:
        runs.append(list(pairs))
        return fingerprints.BaselineOutcome()

    fingerprints.check_run = spy  # type: ignore[assignment]
    try:
        yield
    finally:
        fingerprints.check_run = original  # type: ignore[assignment]


def targets() -> Iterator[tuple[str, str, str]]:
    from bench.field_targets import all_flipped, mock, settings_for

    with lookalike.serve() as base_url:
        yield "look-alike", base_url, lookalike.LOOKALIKE_KEY
    for name, flip in (("mock", {}), ("mock, flipped", all_flipped())):
        with mock(settings_for(flip)) as base_url:
            yield name, base_url, DEFAULT_TEST_KEY


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    directory = current_project().contracts / "baseline"
    scope = Scope.from_contracts(sorted(directory.parent.glob("*.openapi.yaml")))
    union = fingerprints.Fingerprints()
    for name, base_url, key in targets():
        for profile in (Profile.FULL, Profile.LIVE):
            runs: list[Pairs] = []
            with collecting(runs):
                run_suite(SuiteOptions(TargetSpec(base_url=base_url, secret_key=key), profile, args.seed))
            for pairs in runs:
                for found in fingerprints.Fingerprints.from_exchanges(pairs, scope, profile.value).values():
                    union.setdefault(found.key, fingerprints.Fingerprint(*found.key)).absorb(found)
            print(f"{name} ({profile.value}): {sum(len(p) for p in runs)} designed exchanges")
    for old in directory.glob("*.json"):
        old.unlink()
    written = fingerprints.write_baseline(directory, union.values())
    print(f"wrote {len(written)} fingerprints to {directory}")
    shutil.rmtree(directory / "__pycache__", ignore_errors=True)


if __name__ == "__main__":
    main()
