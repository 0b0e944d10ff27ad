"""`paystack-contracts validate [PATH ...] [--format table|json|sarif]`.

Checks OpenAPI documents (openapi-spec-validator, every `$ref`, every example), JSON Schemas (their metaschema,
every example) and our data files (their bundled format schema). Default: specs/ and contracts/ of the project.
Exit 0 when nothing is wrong, 1 when there are findings (notes do not count), 2 on a usage error.
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


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="files or directories to check (default: specs/ and contracts/ of the project)",
    )
    parser.add_argument(
        "--format", choices=["table", "json", "sarif"], default="table", help="output format (default: table)"
    )


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from paystack_contracts.validation import check_paths, default_paths  # heavy (openapi-spec-validator): lazy

    paths: list[Path] | None = args.paths or None
    if paths is None and not default_paths():
        raise UsageError(f"nothing to validate: no specs/ or contracts/ under {current_project().root}; pass a PATH")
    results = check_paths(paths)
    findings = [f for result in results for f in result.findings]
    if args.format == "json":
        out.write(redact(render_json(results)) + "\n")
    elif args.format == "sarif":
        from paystack_contracts.reports import render_sarif

        out.write(redact(render_sarif(findings)).rstrip("\n") + "\n")
    else:
        out.write(redact(render_table(results)))
    return 1 if any(f.severity is not Severity.NOTE for f in findings) else 0


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
    parts = [f"{counts[k]} {k}" for k in ("errors", "warnings", "notes") if counts[k]]
    detail = f" ({', '.join(parts)})" if parts else ""
    noun = "finding" if counts["findings"] == 1 else "findings"
    return f"{counts['findings']} {noun}{detail} in {counts['checked']} checked of {counts['documents']} documents"
