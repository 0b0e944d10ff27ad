"""`paystack-contracts run`: the conformance suite with sensible defaults (the README's main command).

Against the embedded mock by default (in-process: no network, no key). With `--base-url` (or PAYSTACK_BASE_URL)
and a test key it tests a real sandbox or a mock served over HTTP. Validates contracts/ first, writes reports to
`--report-dir`, prints every failure with its check, JSON path, expected/actual and a replay line.
Exit 0 conforms, 1 contract failures or drift, 2 usage/config error, 3 inconclusive only.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import importlib.util
import os
from pathlib import Path
from typing import TextIO

from paystack_contracts import __version__
from paystack_contracts.credentials import Redactor
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.outbound import Outbound
from paystack_contracts.progress import make_progress
from paystack_contracts.project import current_project
from paystack_contracts.reports import write_reports
from paystack_contracts.reports.summary import render_summary
from paystack_contracts.results import ExitCode
from paystack_contracts.run import DEFAULT_SEED, Profile, SuiteOptions, TargetSpec, run_suite

__all__ = ["configure", "execute"]


def configure(parser: argparse.ArgumentParser) -> None:
    target = parser.add_argument_group("target")
    target.add_argument("--base-url", help="target base URL (default: PAYSTACK_BASE_URL, else the embedded mock)")
    target.add_argument("--secret-key", help="test secret key (default: PAYSTACK_SECRET_KEY); sk_live_ is refused")
    target.add_argument(
        "--globalstack-base-url", help="GlobalStack base URL ending in /v1 (without it, only the embedded mock's)"
    )
    target.add_argument("--globalstack-key", help="GlobalStack key (default: the secret key)")
    target.add_argument("--drift", action="append", default=[], metavar="NAME", help="embedded mock drift profile")
    run = parser.add_argument_group("run")
    run.add_argument("--profile", choices=[p.value for p in Profile], help="full (mocks) or live (rate-limited)")
    run.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"generation seed (default {DEFAULT_SEED}); vary it to explore"
    )
    run.add_argument("--max-requests", type=int, help="request budget (default: 100 over the network)")
    run.add_argument("--max-examples", type=int, default=25, help="fuzzing cases per operation (default: 25)")
    run.add_argument("--operation", action="append", default=[], metavar="OPERATION_ID", help="only these")
    run.add_argument(
        "--workers",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="processes for the generated phases against a mock (default: up to 2, one per core)",
    )
    run.add_argument("--mask-pii", action="store_true", help="mask emails, phones and names in recorded bodies")
    run.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go (default: reports/)")
    run.add_argument("--no-progress", action="store_true", help="no live progress display")
    run.add_argument("--update-baseline", action="store_true", help="record response fingerprints as the baseline")


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.max_requests is not None and args.max_requests < 1:
        err.write("error: --max-requests must be at least 1\n")
        return int(ExitCode.USAGE)
    contract_errors = _validate_contracts()
    if contract_errors:
        for finding in contract_errors:
            err.write(f"contract invalid: {finding}\n")
        return int(ExitCode.FINDINGS)
    options = _options(args)
    progress = make_progress(out, enabled=not args.no_progress)
    with progress:  # restores the terminal even when the run raises
        result = run_suite(options, progress)
    outbound = _outbound(options)
    written = write_reports(result, args.report_dir, outbound=outbound)
    for line in render_summary(result):
        out.write(outbound.line(line) + "\n")
    out.write(f"reports: {', '.join(p.as_posix() for p in written)}\n")
    return int(result.exit_code())


def _outbound(options: SuiteOptions) -> Outbound:
    """What the run's text passes on the way out: every key it knows (flags and environment), PII when asked."""
    spec = options.target
    keys = Redactor.of(spec.secret_key, spec.globalstack_key, *spec.environment_keys)
    return Outbound(keys, mask_pii=options.mask_pii)


def _options(args: argparse.Namespace) -> SuiteOptions:
    target = TargetSpec.from_environment(
        base_url=args.base_url,
        secret_key=args.secret_key,
        globalstack_base_url=args.globalstack_base_url,
        globalstack_key=args.globalstack_key,
    )
    return SuiteOptions(
        target=target,
        profile=Profile(args.profile) if args.profile else None,
        seed=args.seed,
        max_requests=args.max_requests,
        max_examples=args.max_examples,
        operations=tuple(args.operation),
        mask_pii=args.mask_pii,
        drift=tuple(args.drift),
        update_baseline=args.update_baseline,
        workers=max(1, args.workers),
    )


def _validate_contracts() -> list[Finding]:
    """Errors in contracts/ (the validation gate); a suite run against a broken contract would mislead.

    A pass is remembered under the content hash of contracts/ and of the validators (0.5-0.7 s saved per run);
    errors are never cached, so they are printed every time."""
    contracts = current_project().contracts
    passed = _cache_dir() / "validated" / _content_hash(contracts)
    if passed.is_file():
        return []
    from paystack_contracts.validation import validate_paths  # deferred: the validators are heavy to import

    findings = validate_paths([contracts])
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if not errors:
        with contextlib.suppress(OSError):  # a cache that cannot be written only costs the next run 0.6 s
            passed.parent.mkdir(parents=True, exist_ok=True)
            passed.touch()
    return errors


def _cache_dir() -> Path:
    """Stand-in until the project config offers a cache dir (`current_project().cache_dir`, another change)."""
    return Path(os.environ.get("XDG_CACHE_HOME", "~/.cache")).expanduser() / "paystack-contracts"


def _content_hash(contracts: Path) -> str:
    """sha256 of every file under contracts/, the validation package's sources and the tool version."""
    spec = importlib.util.find_spec("paystack_contracts.validation")  # locates without importing the validators
    validators = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    digest = hashlib.sha256(__version__.encode())
    for root in (contracts, *validators):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
