"""`paystack-contracts run`: the conformance suite with sensible defaults (the README's main command).

Against the embedded mock by default (in-process: no network, no key). With `--base-url` (or PAYSTACK_BASE_URL)
and a test key it tests a real sandbox or a mock served over HTTP. Validates the contracts first, writes reports to
`--report-dir` (default: the project's report dir), prints every failure with its check, JSON path,
expected/actual and a replay line. Every bad argument is one line and exit 2 saying what is valid, before anything
is sent; Ctrl-C writes the reports collected so far, marked partial, and exits 130.
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
from paystack_contracts.errors import UsageError
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.outbound import Outbound
from paystack_contracts.progress import make_progress
from paystack_contracts.project import current_project
from paystack_contracts.reports import write_reports
from paystack_contracts.reports.summary import render_summary
from paystack_contracts.results import ExitCode, RunResult
from paystack_contracts.run import (
    CHECK_NAMES,
    DEFAULT_SEED,
    SCENARIO_NAMES,
    Profile,
    RunInterrupted,
    RunPlan,
    SuiteOptions,
    TargetSpec,
    contract_operations,
    run_suite,
    select_operations,
    vet_scenarios,
)

__all__ = ["configure", "execute"]

EXIT_CODES = """\
exit codes:
  0    conforms: every check passed on everything that was sent
  1    contract failures or drift
  2    usage or configuration error (a bad argument, a refused key or URL): nothing was sent
  3    inconclusive only: nothing failed, but cases were rate limited, timed out or unreachable
  130  interrupted (Ctrl-C): the reports hold what was collected so far, marked partial"""


def configure(parser: argparse.ArgumentParser) -> None:
    _target_arguments(parser.add_argument_group("target"))
    _selection_arguments(parser.add_argument_group("what to run (filters combine: an operation must pass each)"))
    _run_arguments(parser.add_argument_group("run"))


def _target_arguments(target: argparse._ArgumentGroup) -> None:
    target.add_argument("--base-url", help="target base URL (default: PAYSTACK_BASE_URL, else the embedded mock)")
    target.add_argument("--secret-key", help="test secret key (default: PAYSTACK_SECRET_KEY); sk_live_ is refused")
    target.add_argument(
        "--globalstack-base-url", help="GlobalStack base URL ending in /v1 (without it, only the embedded mock's)"
    )
    target.add_argument("--globalstack-key", help="GlobalStack key (default: the secret key)")
    target.add_argument("--drift", action="append", default=[], metavar="NAME", help="embedded mock drift profile")
    target.add_argument(
        "-H",
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="an extra header on every request (repeatable); a credential-like one never appears in any output",
    )
    target.add_argument("--ca-bundle", metavar="PATH", help="CA certificates (PEM) that verify an HTTPS target")
    target.add_argument(
        "--request-timeout", type=float, default=10.0, metavar="SECONDS", help="per request (default: 10)"
    )


def _selection_arguments(group: argparse._ArgumentGroup) -> None:
    group.add_argument("--operation", action="append", default=[], metavar="OPERATION_ID", help="only these")
    group.add_argument("--tag", action="append", default=[], help="only operations with this tag")
    group.add_argument("--method", action="append", default=[], help="only operations with this HTTP method")
    group.add_argument("--path", metavar="REGEX", help="only operations whose path matches (re.search)")
    group.add_argument("--scenario", action="append", default=[], metavar="NAME", help="only these scenarios")
    group.add_argument("--checks", action="append", default=[], metavar="NAMES", help="only these checks (a,b,...)")
    group.add_argument("--exclude-checks", action="append", default=[], metavar="NAMES", help="all checks but these")
    group.add_argument("--list-operations", action="store_true", help="print the operations and exit")
    group.add_argument("--list-scenarios", action="store_true", help="print the scenario names and exit")
    group.add_argument("--list-checks", action="store_true", help="print the check names and exit")


def _run_arguments(run: argparse._ArgumentGroup) -> None:
    run.add_argument(
        "--profile",
        choices=[p.value for p in Profile],
        help="full: every phase, for mocks (default for loopback); live: a planned, budgeted request set",
    )
    run.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"generation seed (default {DEFAULT_SEED}); vary it to explore"
    )
    run.add_argument("--max-requests", type=int, help="request budget (default: 100 over the network)")
    run.add_argument("--max-examples", type=int, default=25, help="fuzzing cases per operation (default: 25)")
    run.add_argument(
        "--workers",
        type=int,
        default=min(2, usable_cores()),
        help="processes for the generated phases against a mock (default: up to 2, one per core)",
    )
    run.add_argument("--mask-pii", action="store_true", help="mask emails, phones and names in recorded bodies")
    run.add_argument(
        "--max-duration", type=float, default=1800.0, metavar="SECONDS", help="the whole run's deadline (default 1800)"
    )
    run.add_argument(
        "--webhook-port",
        type=int,
        metavar="PORT",
        help="receive the target's webhooks on 127.0.0.1:PORT (a mock started with --webhook-url); embedded: always",
    )
    run.add_argument(
        "--trust-env",
        action="store_true",
        help="use HTTP(S)_PROXY and .netrc from the environment (an https or loopback proxy only)",
    )
    run.add_argument(
        "--no-corpus",
        action="store_true",
        help="generate every case anew, not replaying those an earlier run with the same seed and contract kept",
    )
    run.add_argument("--report-dir", type=Path, help="where reports go (default: the project's, usually reports/)")
    run.add_argument("--no-progress", action="store_true", help="no live progress display")
    run.add_argument("--update-baseline", action="store_true", help="record response fingerprints as the baseline")


def usable_cores() -> int:
    """Cores this process may run on: its affinity mask where the OS keeps one (a container's cpuset, `taskset`),
    which `os.cpu_count()` ignores (it counts the host's), else the machine's count."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity is not None else (os.cpu_count() or 1)


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.list_operations or args.list_scenarios or args.list_checks:
        return _list(args, out)
    options = _options(args)
    RunPlan.resolve(options)  # every refusal (numbers, names, key, URL) before the contracts are even read
    contract_errors = _validate_contracts()
    if contract_errors:
        for finding in contract_errors:
            err.write(f"contract invalid: {finding}\n")
        return int(ExitCode.FINDINGS)
    report_dir = args.report_dir or current_project().report_dir
    out.write(f"using {_files_in_use(report_dir)}\n")
    progress = make_progress(out, enabled=not args.no_progress)
    try:
        with progress:  # restores the terminal even when the run raises
            result = run_suite(options, progress)
    except RunInterrupted as interrupted:
        written = _report(interrupted.result, options, report_dir, out)
        err.write(f"interrupted: partial reports in {written[0].parent.as_posix() if written else report_dir}\n")
        return int(ExitCode.INTERRUPTED)
    _report(result, options, report_dir, out)
    return int(result.exit_code())


def _report(result: RunResult, options: SuiteOptions, report_dir: Path, out: TextIO) -> list[Path]:
    outbound = _outbound(options)
    written = write_reports(result, report_dir, outbound=outbound)
    for line in render_summary(result):
        out.write(outbound.line(line) + "\n")
    out.write(f"reports: {', '.join(p.as_posix() for p in written)}\n")
    return written


def _secrets(options: SuiteOptions) -> tuple[str, ...]:
    """The keys given, and credential-like header values: scrubbed from the console and the reports."""
    from paystack_contracts.run.plan import is_credential_header

    target = options.target
    headers = [value for name, value in options.headers if is_credential_header(name, value)]
    return tuple(s for s in (target.secret_key, target.globalstack_key, *headers) if s)


def _files_in_use(report_dir: Path) -> str:
    project = current_project()
    return (
        f"contracts {project.shown(project.contracts)}, baseline {project.shown(project.baseline_dir)}, "
        f"reports {project.shown(report_dir)} (project {project.shown(project.root)}: {project.origin})"
    )


def _outbound(options: SuiteOptions) -> Outbound:
    """What the run's text passes on the way out: every key it knows (flags and environment) and credential-like
    `-H` values, PII masked when asked."""
    keys = Redactor.of(*_secrets(options), *options.target.environment_keys)
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
        operations=select_operations(args.operation, args.tag, args.method, args.path),
        scenarios=vet_scenarios(args.scenario),
        mask_pii=args.mask_pii,
        drift=tuple(args.drift),
        request_timeout=args.request_timeout,
        update_baseline=args.update_baseline,
        workers=args.workers,
        checks=_names(args.checks),
        exclude_checks=_names(args.exclude_checks),
        headers=tuple(_header(text) for text in args.header),
        ca_bundle=args.ca_bundle,
        max_duration=args.max_duration,
        webhook_port=args.webhook_port,
        trust_env=args.trust_env,
        corpus=not args.no_corpus,
    )


def _names(given: list[str]) -> tuple[str, ...]:
    """`--checks a,b --checks c` -> ("a", "b", "c")."""
    return tuple(name.strip() for text in given for name in text.split(",") if name.strip())


def _header(text: str) -> tuple[str, str]:
    """`-H 'Name: value'` -> ("Name", "value"); the value itself is never echoed (it may be a credential)."""
    name, colon, value = text.partition(":")
    if not colon or not name.strip():
        shown = name.strip() or "(empty)"
        raise UsageError(f"-H expects 'Name: value' (curl's form), got a header without a colon: {shown[:40]}")
    return name.strip(), value.strip()


def _list(args: argparse.Namespace, out: TextIO) -> int:
    if args.list_operations:
        entries = contract_operations()
        width = max((len(e.operation_id) for e in entries), default=0)
        for e in entries:
            tags = f"  [{', '.join(e.tags)}]" if e.tags else ""
            out.write(f"{e.operation_id:<{width}}  {e.label}{tags}\n")
    if args.list_scenarios:
        out.writelines(f"{name}\n" for name in SCENARIO_NAMES)
    if args.list_checks:
        out.writelines(f"{name}\n" for name in CHECK_NAMES)
    return int(ExitCode.CONFORMS)


def _validate_contracts() -> list[Finding]:
    """Errors in contracts/ (the validation gate); a suite run against a broken contract would mislead.

    A pass is remembered under the content hash of contracts/ and of the validators (0.5-0.7 s saved per run);
    errors are never cached, so they are printed every time."""
    contracts = current_project().contracts
    passed = current_project().cache_dir / "validated" / _content_hash(contracts)
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


def _content_hash(contracts: Path) -> str:
    """sha256 of every file under contracts/, the validation package's sources and the tool version."""
    spec = importlib.util.find_spec("paystack_contracts.validation")  # locates without importing the validators
    validators = [Path(p) for p in (spec.submodule_search_locations or [])] if spec else []
    digest = hashlib.sha256(__version__.encode())
    for root in (contracts, *validators):
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
