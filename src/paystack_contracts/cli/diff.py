"""`paystack-contracts diff OLD NEW`: every change between two OpenAPI documents, breaking or not, per the policy."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from paystack_contracts.diff import DiffReport, diff_files
from paystack_contracts.drift.policy import CHANGE_CLASSES, load_policy
from paystack_contracts.findings import Severity
from paystack_contracts.project import current_project, display_path

EXIT_CODES = """\
exit codes:
  0    no change the policy fails (breaking changes it warns about or ignores do not count)
  1    a change the policy fails
  2    usage error, or OLD, NEW or the policy missing or unreadable"""

_MARK = {Severity.ERROR: "FAIL", Severity.WARNING: "warn", Severity.NOTE: "ignore"}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    rows = [
        f"  {c.name:<32} {'breaking' if c.breaking else 'non-breaking':<13} {c.summary}"
        for c in CHANGE_CLASSES.values()
    ]
    parser.epilog = "change classes (the policy maps each to fail | warn | ignore):\n" + "\n".join(rows)
    parser.add_argument("old", type=Path, metavar="OLD", help="the OpenAPI document clients were written against")
    parser.add_argument("new", type=Path, metavar="NEW", help="the OpenAPI document to compare with it")
    parser.add_argument("--policy", type=Path, help="drift policy (default: the project's policy file, if present)")
    parser.add_argument("--format", choices=("table", "json", "sarif"), default="table")


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    policy_path = args.policy or _default_policy()
    policy = load_policy(policy_path, display=display_path(policy_path) if policy_path else None)
    report = diff_files(
        args.old, args.new, policy=policy, old_display=display_path(args.old), new_display=display_path(args.new)
    )
    if args.format == "json":
        out.write(json.dumps(_as_json(report, policy.source), indent=2) + "\n")
    elif args.format == "sarif":
        from paystack_contracts.reports import render_sarif

        out.write(render_sarif(report.findings, root=Path.cwd()).rstrip("\n") + "\n")
    else:
        _write_table(report, policy.source, out)
    return 1 if report.failed else 0


def _default_policy() -> Path | None:
    candidate = current_project().policy
    return candidate if candidate.is_file() else None


def _as_json(report: DiffReport, policy: str) -> dict[str, object]:
    return {
        "old": report.old,
        "new": report.new,
        "policy": policy,
        "breaking": sum(1 for c in report.changes if c.breaking),
        "failed": report.failed,
        "changes": [f.to_dict() for f in report.findings],
    }


def _write_table(report: DiffReport, policy: str, out: TextIO) -> None:
    out.write(f"diff {report.old} -> {report.new} (policy: {policy})\n")
    for finding in report.findings:
        facts = dict(finding.extra)
        breaking = "breaking" if facts.get("breaking") == "yes" else "non-breaking"
        out.write(f"{_MARK[finding.severity]:<6} {finding.rule:<30} {breaking:<12} {finding.message}\n")
        for side in ("old", "new"):
            if side in facts:
                out.write(f"{'':<7}{side}: {facts[side]}\n")
    counts = {mark: sum(1 for f in report.findings if _MARK[f.severity] == mark) for mark in _MARK.values()}
    total_breaking = sum(1 for c in report.changes if c.breaking)
    out.write(
        f"{len(report.changes)} changes, {total_breaking} breaking: {counts['FAIL']} fail, {counts['warn']} warn, "
        f"{counts['ignore']} ignored\n"
    )
