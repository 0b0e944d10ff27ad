"""`paystack-contracts discrepancies [--check]`: compute where the sources disagree; compare with the ledger."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from paystack_contracts.discrepancies import compute
from paystack_contracts.discrepancies.ledger import CheckReport, Ledger, check_ledger, entry_snippet, load_ledger
from paystack_contracts.discrepancies.model import Discrepancy
from paystack_contracts.discrepancies.recording import dump_ledger, refresh_ledger
from paystack_contracts.discrepancies.sources import load_sources
from paystack_contracts.documents import load_document
from paystack_contracts.errors import UsageError
from paystack_contracts.findings import Finding
from paystack_contracts.project import Project, current_project, display_path, project_at

EXIT_CODES = """\
exit codes:
  0    listed, updated, or (--check) the ledger records exactly what is computed
  1    --check: the ledger disagrees with the sources (unrecorded, no longer occurring or changed entries)
  2    usage error, a missing root or ledger, or nothing to compare"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--root", type=Path, help="project root holding specs/ and contracts/ or a config file (default: this project)"
    )
    parser.add_argument("--ledger", type=Path, help="ledger file (default: the project's contracts/discrepancies.yaml)")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 unless the ledger records exactly what is computed"
    )
    parser.add_argument(
        "--update",
        action="store_true",
        help="rewrite the ledger's computed claims, append unrecorded discrepancies as TODO entries (review the diff)",
    )
    parser.add_argument(
        "--format",
        choices=("table", "json", "yaml", "sarif"),
        default="table",
        help="yaml: ledger entries to paste; sarif: findings for code scanning",
    )


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    project = _project(args).with_overrides(ledger=args.ledger)
    found = _compute(project)
    if args.format == "table":
        out.write(
            f"using specs {project.shown(project.specs)}, contracts {project.shown(project.contracts)}, "
            f"ledger {project.shown(project.ledger)}\n"
        )
    if args.update:
        return _update(project, found, out)
    if args.check:
        return _check(project, found, args.format, out)
    return _list(project, found, args.format, out)


def _project(args: argparse.Namespace) -> Project:
    if args.root is None:
        return current_project()
    if not args.root.is_dir():
        raise UsageError(f"--root {args.root}: no such directory")
    return project_at(args.root)


def _compute(project: Project) -> list[Discrepancy]:
    """The computed discrepancies; nothing to compare (no source found at all) is a usage error, never a pass."""
    if not load_sources(project.source_dirs):
        raise UsageError(
            f"nothing to compare: no upstream source or contract under {project.shown(project.specs)} or "
            f"{project.shown(project.contracts)}"
        )
    return compute(project.source_dirs)


def _ledger(project: Project, *, required: bool) -> Ledger | None:
    path = project.ledger
    if not path.is_file():
        if required:
            raise UsageError(f"ledger {project.shown(path)}: no such file")
        return None
    return load_ledger(path, display=display_path(path, base=project.root))


def _check(project: Project, found: list[Discrepancy], form: str, out: TextIO) -> int:
    ledger = _ledger(project, required=True)
    assert ledger is not None
    report = check_ledger(found, ledger)
    if form == "sarif":
        _write_sarif(report.findings(), project, out)
    elif form == "table":
        _write_check(report, out)
    else:
        _write_check_json(report, out)
    return 0 if report.ok else 1


def _list(project: Project, found: list[Discrepancy], form: str, out: TextIO) -> int:
    ledger = _ledger(project, required=False)
    if form == "json":
        out.write(json.dumps([_as_dict(d, ledger) for d in found], indent=2) + "\n")
    elif form == "sarif":
        _write_sarif([d.to_finding() for d in found], project, out)
    elif form == "yaml":
        next_id = ledger.next_id() if ledger else "D001"
        out.writelines(entry_snippet(d, "TODO" if ledger and d.key in ledger.by_key() else next_id) for d in found)
    else:
        _write_table(found, ledger, out)
    return 0


def _update(project: Project, found: list[Discrepancy], out: TextIO) -> int:
    path = project.writable(project.ledger)
    ledger = _ledger(project, required=False)
    data = load_document(path) if ledger else {"kind": "discrepancy-ledger", "version": 1, "entries": []}
    refresh = refresh_ledger(data, found, ledger.next_id() if ledger else "D001")
    path.write_text(dump_ledger(refresh.data), encoding="utf-8")
    out.write(
        f"updated {path}: {len(refresh.updated)} entries' claims refreshed, {len(refresh.added)} TODO entries "
        f"added ({', '.join(refresh.added) or 'none'})\n"
    )
    if refresh.vanished:
        out.write(f"no longer occurring (decide and remove by hand): {', '.join(refresh.vanished)}\n")
    return 0


def _write_sarif(findings: list[Finding], project: Project, out: TextIO) -> None:
    from paystack_contracts.reports import render_sarif

    out.write(render_sarif(findings, root=project.root).rstrip("\n") + "\n")


def _recorded_id(discrepancy: Discrepancy, ledger: Ledger | None) -> str:
    entry = ledger.by_key().get(discrepancy.key) if ledger else None
    return entry.id if entry else "(unrecorded)"


def _as_dict(discrepancy: Discrepancy, ledger: Ledger | None) -> dict[str, object]:
    return {
        "key": discrepancy.key,
        "rule": discrepancy.rule,
        "ledger_id": _recorded_id(discrepancy, ledger),
        "message": discrepancy.message,
        "claims": [c.to_dict() for c in discrepancy.claims],
    }


def _write_table(found: list[Discrepancy], ledger: Ledger | None, out: TextIO) -> None:
    for discrepancy in found:
        out.write(f"{_recorded_id(discrepancy, ledger):<12} {discrepancy.key}\n    {discrepancy.message}\n")
        for claim in discrepancy.claims:
            out.write(f"      {claim.file}#{claim.location}: {claim.value}\n")
    live = sum(1 for e in ledger.entries if not e.computed) if ledger else 0
    out.write(
        f"{len(found)} computed discrepancies"
        + (f"; the ledger also records {live} live-only entries\n" if ledger else "\n")
    )


def _write_check(report: CheckReport, out: TextIO) -> None:
    if report.ok:
        out.write(
            f"ledger {report.ledger.display} is up to date: {len(report.computed)} computed discrepancies, "
            f"all recorded ({len(report.ledger.entries)} entries)\n"
        )
        return
    next_number = int(report.ledger.next_id()[1:])
    for offset, discrepancy in enumerate(report.unrecorded):
        out.write(f"UNRECORDED {discrepancy.key}\n    {discrepancy.message}\n")
        for claim in discrepancy.claims:
            out.write(f"      {claim.file}#{claim.location}: {claim.value}\n")
        out.write("    add to the ledger:\n")
        snippet = entry_snippet(discrepancy, f"D{next_number + offset:03d}")
        out.writelines(f"      {line}\n" for line in snippet.splitlines())
    for entry in report.vanished:
        out.write(
            f"NO LONGER OCCURS {entry.id} ({entry.topic}): {entry.key}\n"
            f"    recorded at {report.ledger.display}{entry.pointer}; remove the entry or explain why it stays\n"
        )
    for entry, discrepancy in report.changed:
        out.write(f"CHANGED {entry.id} ({entry.topic}): {entry.key}\n")
        for claim in sorted(set(entry.claims) - set(discrepancy.claims), key=str):
            out.write(f"    - recorded {claim.file}#{claim.location}: {claim.value}\n")
        for claim in sorted(set(discrepancy.claims) - set(entry.claims), key=str):
            out.write(f"    + computed {claim.file}#{claim.location}: {claim.value}\n")
    out.write(
        f"ledger check failed: {len(report.unrecorded)} unrecorded, {len(report.vanished)} no longer occurring, "
        f"{len(report.changed)} changed\n"
    )


def _write_check_json(report: CheckReport, out: TextIO) -> None:
    data = {"ok": report.ok, "findings": [f.to_dict() for f in report.findings()]}
    out.write(json.dumps(data, indent=2) + "\n")
