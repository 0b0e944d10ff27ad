"""`paystack-contracts validate [PATH ...] [--format table|json|sarif]`.

Checks OpenAPI documents (openapi-spec-validator, every `$ref`, every example), JSON Schemas (their metaschema,
every example) and our data files (their bundled format schema). Default: the project's own files (its
contract dir, baseline, ledger and policy, and specs/ in a clone; never the copy bundled in the package).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from paystack_contracts.credentials import redact
from paystack_contracts.errors import UsageError
from paystack_contracts.findings import Severity
from paystack_contracts.project import current_project

if TYPE_CHECKING:
    from paystack_contracts.validation import DocumentResult

__all__ = ["configure", "execute", "render_json", "render_table"]

EXIT_CODES = """\
exit codes:
  0    every document checked, no findings (notes do not count)
  1    findings
  2    usage error, a PATH that does not exist, or nothing to check (no document, or none of a known kind)"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or directories to check (default: the project's own contract files)",
    )
    parser.add_argument(
        "--format", choices=["table", "json", "sarif"], default="table", help="output format (default: table)"
    )


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from paystack_contracts.documents import iter_document_paths
    from paystack_contracts.validation import check_paths  # heavy (openapi-spec-validator): lazy

    paths = _targets(args.paths, out if args.format == "table" else None)
    if all(p.is_dir() and not any(iter_document_paths(p)) for p in paths):
        shown = ", ".join(p.as_posix() for p in paths)
        raise UsageError(f"nothing to validate in {shown}: no .yaml/.yml/.json file")
    results = check_paths(paths)
    if not any(r.checked or r.findings for r in results):
        shown = ", ".join(p.as_posix() for p in paths)
        what = (
            f"{_count(len(results), 'document')}, none of a kind validate knows"
            if results
            else "no .yaml/.yml/.json file"
        )
        raise UsageError(f"nothing to validate in {shown}: {what}")
    findings = [f for result in results for f in result.findings]
    if args.format == "json":
        out.write(redact(render_json(results)) + "\n")
    elif args.format == "sarif":
        from paystack_contracts.reports import render_sarif

        out.write(redact(render_sarif(findings)).rstrip("\n") + "\n")
    else:
        out.write(redact(render_table(results)))
    return 1 if any(f.severity is not Severity.NOTE for f in findings) else 0


def _targets(given: list[Path], out: TextIO | None) -> list[Path]:
    """The PATHs as given (each must exist), or the project's own files (saying which, on the table output)."""
    missing = [p for p in given if not p.exists()]
    if missing:
        raise UsageError(f"{missing[0]}: no such file or directory")
    if given:
        return given
    project = current_project()
    paths = project.own_paths
    if not paths:
        raise UsageError(
            f"nothing to validate: {project.root} has no project files (run `paystack-contracts init`); pass a PATH"
        )
    if out is not None:
        source = project.config_file or project.root
        out.write(f"validating {', '.join(project.shown(p) for p in paths)} (project: {source})\n")
    return paths


def _counts(results: Sequence[DocumentResult]) -> dict[str, Any]:
    findings = [f for result in results for f in result.findings]
    severities = Counter(f.severity.value for f in findings)
    return {
        "documents": len(results),
        "checked": sum(r.checked for r in results),
        "skipped": sum(not r.checked and not r.findings for r in results),
        "findings": len(findings),
        "errors": severities[Severity.ERROR.value],
        "warnings": severities[Severity.WARNING.value],
        "notes": severities[Severity.NOTE.value],
        "by_rule": dict(sorted(Counter(f.rule for f in findings).items())),
    }


def render_json(results: Sequence[DocumentResult]) -> str:
    """`{"findings": [Finding.to_dict()...], "documents": [{file, kind, findings}], "counts": {...}}`."""
    document = {
        "findings": [f.to_dict() for r in results for f in r.findings],
        "documents": [{"file": r.file, "kind": r.kind, "findings": len(r.findings)} for r in results],
        "counts": _counts(results),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


def render_table(results: Sequence[DocumentResult]) -> str:
    """One aligned line per finding (`severity  rule  file#pointer: message`), then a summary."""
    findings = [f for r in results for f in r.findings]
    width = max((len(f.rule) for f in findings), default=0)
    lines = [f"{f.severity.value:<7} {f.rule:<{width}}  {f}" for f in findings]
    skipped = [r.file for r in results if not r.checked and not r.findings]
    if skipped:
        lines.append(f"not checked (no check for their kind): {', '.join(skipped)}")
    lines.append(_summary(_counts(results)))
    return "\n".join(lines) + "\n"


def _summary(counts: dict[str, Any]) -> str:
    parts = [_count(counts[k], k[:-1]) for k in ("errors", "warnings", "notes") if counts[k]]
    detail = f" ({', '.join(parts)})" if parts else ""
    documents = _count(counts["documents"], "document")
    return f"{_count(counts['findings'], 'finding')}{detail} in {counts['checked']} checked of {documents}"


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
