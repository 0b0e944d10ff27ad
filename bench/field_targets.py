"""False failures against targets we did not build as our default mock: a diagnostic, not a test (yet).

Every target here is faithful to the evidence (reference paystack-behaviour.md), so every error a run reports
against it is a false failure. Targets:
- the independent look-alike (tests/targets/lookalike.py), over loopback HTTP;
- the mock over HTTP with each setting that encodes a reference §5 question flipped, one at a time, and all at once;
- one persistent mock (SQLite in a temp dir) run several times in a row, full then live profile, so records left by
  earlier runs (and by fuzzing) are in every later run's lists.

`--globalstack-base-url` stays unset: the suite assumes a loopback target also serves GlobalStack at <base>/v1
(issue 10, the lead's fix); findings on GlobalStack operations are printed apart, as "lead: GlobalStack".

    python bench/field_targets.py [--only NAME] [--max-examples N] [--repeat N] [--seed N]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.targets, when run as a script

from tests.targets.lookalike import LOOKALIKE_KEY
from tests.targets.lookalike import serve as serve_lookalike

from paystack_contracts.findings import Finding
from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings, create_app, serve_in_thread
from paystack_contracts.run import Profile, SuiteOptions, TargetSpec, run_suite

FLIPS: dict[str, dict[str, Any]] = {  # every MockSettings field that encodes a §5 question, on its other side
    "duplicate_email=update_existing": {"duplicate_email": "update_existing"},
    "duplicate_email=reject": {"duplicate_email": "reject"},
    "unknown_code_message": {"unknown_code_message": "A customer with the specified email or code was not found"},
    "unknown_email_message": {"unknown_email_message": "Customer not found"},
    "error_style=new": {"error_style": "new"},
    "per_page_as_sent (flipped)": {"per_page_as_sent": "flip"},
    "metadata_string_accepted=false": {"metadata_string_accepted": False},
    "update_email=reject": {"update_email": "reject"},
    "update_email=apply": {"update_email": "apply"},
    "request_id_header=x-request-id": {"request_id_header": "x-request-id"},
    "rate_limit_headers_always=false": {
        "rate_limit": True,
        "rate_limit_test": 100_000,
        "rate_limit_headers_always": False,
    },
    "missing_header_message=Header": {"missing_header_message": "No Authorization Header was found"},
    "max_per_page=100": {"max_per_page": 100},
    "fetch_dedicated_accounts=true": {"fetch_dedicated_accounts": True},
    "list_meta_default=cursor": {"list_meta_default": "cursor"},
    "json_without_content_type=true": {"json_without_content_type": True},
}
LEAD_PLAN = {  # status-plan recipes that take one side of an open question (suite/live.py `_invalid`)
    "GET /customer": "a non-numeric perPage may be ignored (200) as well as refused (400)",
    "GET /customer/{id}/directdebit-mandate-authorizations": "a non-numeric id may be 404 as well as 400",
}


@dataclass
class Outcome:
    name: str
    errors: list[Finding] = field(default_factory=list)
    warnings: int = 0
    cases: int = 0
    compared: int = 0  # (operation, status) fingerprints compared with the baseline


def settings_for(flip: dict[str, Any]) -> MockSettings:
    base = MockSettings(seed_customers=3)
    values = dict(flip)
    if values.get("per_page_as_sent") == "flip":
        values["per_page_as_sent"] = not base.per_page_as_sent
    return MockSettings(**{**vars_of(base), **values})


def vars_of(settings: MockSettings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


def all_flipped() -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for name, flip in FLIPS.items():
        if not name.startswith(("duplicate_email=update", "update_email=reject")):  # one side of each question
            merged |= flip
    return merged


@contextlib.contextmanager
def mock(settings: MockSettings) -> Iterator[str]:
    app = create_app(settings)
    try:
        with serve_in_thread(app) as base_url:
            yield base_url
    finally:
        app.state.sandbox.store.close()


def run(
    name: str, target: TargetSpec, args: argparse.Namespace, profile: Profile = Profile.FULL, nth: int = 0
) -> Outcome:
    """One run; the `nth` run of a target gets its own seed, so repeated runs generate different data."""
    options = SuiteOptions(
        target=target,
        profile=profile,
        seed=args.seed + nth,
        max_examples=args.max_examples,
        max_requests=None,
    )
    result = run_suite(options)
    drifted = [
        Finding("verdict-drift", f"{v.entry} {v.topic}: recorded {v.recorded}, observed {v.observed}", "verdict")
        for v in result.drifted_verdicts
    ]
    compared = result.facts.fingerprints_compared
    return Outcome(name, [*result.failures, *drifted], len(result.warnings), result.cases, compared)


def targets(args: argparse.Namespace) -> Iterator[Outcome]:
    if args.only in (None, "lookalike"):
        with serve_lookalike() as base_url:
            target = TargetSpec(base_url=base_url, secret_key=LOOKALIKE_KEY)
            yield run("lookalike", target, args)
            yield run("lookalike (live)", target, args, Profile.LIVE)
    flips = {**FLIPS, "all flipped": all_flipped()}
    for name, flip in flips.items():
        if args.only in (None, "flips", name):
            with mock(settings_for(flip)) as base_url:
                yield run(f"mock {name}", TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY), args)
    if args.only in (None, "persistent"):
        with tempfile.TemporaryDirectory() as tmp:
            settings = MockSettings(db_path=Path(tmp) / "mock.sqlite3")
            for profile in (Profile.FULL, Profile.LIVE):
                for index in range(args.repeat):
                    with mock(settings) as base_url:
                        target = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY)
                        yield run(f"persistent {profile.value} #{index + 1}", target, args, profile, index)


def _lead(finding: Finding) -> str | None:
    if (finding.operation or "") == "POST /customers" or "globalstack" in finding.message.lower():
        return "lead: GlobalStack"
    if "[status plan]" in finding.message and finding.operation in LEAD_PLAN:
        return f"lead: status plan ({LEAD_PLAN[finding.operation or '']})"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="lookalike, flips, persistent, or one flip's name")
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    totals = []
    for outcome in targets(args):
        ours = [f for f in outcome.errors if _lead(f) is None]
        lead = len(outcome.errors) - len(ours)
        totals.append((outcome.name, len(ours), lead, outcome.warnings, outcome.compared, outcome.cases))
        counts = f"{len(ours)} false failures (+{lead} lead's), {outcome.warnings} warnings"
        print(f"== {outcome.name}: {counts}, {outcome.compared} fingerprints compared", flush=True)
        for finding in sorted(outcome.errors, key=lambda f: (f.rule, f.operation or "")):
            tag = _lead(finding) or "ours"
            print(f"   [{tag}] {finding.rule} | {finding.operation} | {finding.location} | {finding.message[:160]}")
    print("\ntarget | false failures | lead's | warnings | fingerprints compared | cases")
    for row in totals:
        print(" | ".join(str(cell) for cell in row))


if __name__ == "__main__":
    main()
