"""Reports: renderings of one `RunResult`, written to a directory after every run.

| file | for | writer |
|---|---|---|
| junit.xml | CI test tabs: one testcase per operation x check | `render_junit` |
| report.json | other tools (schema: `report.schema.json`, docs/report-json.md) | `render_json` |
| summary.md | `$GITHUB_STEP_SUMMARY` | `render_markdown` |
| report.html | a person, in a browser; one self-contained file | `render_html` |
| findings.sarif | code scanning: findings in a file, or pinned to their operation in the contract | `render_sarif` |

The result model is already scrubbed by the run. Every rendered text still passes through `outbound.Outbound`
(control characters stripped, every known key redacted in every encoding, PII masked when asked) before it touches
the disk: a key that slipped into a response body or a finding message must not reach an artifact CI uploads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from paystack_contracts.credentials import Redactor
from paystack_contracts.errors import ConfigError
from paystack_contracts.outbound import Outbound
from paystack_contracts.reports.html import render_html
from paystack_contracts.reports.json_report import SCHEMA_VERSION, render_json, report_schema
from paystack_contracts.reports.junit import render_junit
from paystack_contracts.reports.markdown import render_markdown
from paystack_contracts.reports.sarif import pin_to_contract, render_sarif
from paystack_contracts.results import RunResult

__all__ = [
    "REPORT_FILES",
    "SCHEMA_VERSION",
    "render_html",
    "render_json",
    "render_junit",
    "render_markdown",
    "render_sarif",
    "report_schema",
    "write_reports",
]


def _sarif_of_run(result: RunResult, root: Path | None) -> str:
    """Every finding of the run that has a place: spec/contract files, and operations pinned in the contract."""
    pinned = pin_to_contract([*result.findings, *result.warnings], root=root)
    return render_sarif(pinned, root=root, tool_version=result.tool_version)


REPORT_FILES: dict[str, Callable[[RunResult, Path | None], str]] = {
    "junit.xml": lambda result, _root: render_junit(result),
    "report.json": lambda result, _root: render_json(result),
    "summary.md": lambda result, _root: render_markdown(result),
    "report.html": lambda result, _root: render_html(result),
    "findings.sarif": _sarif_of_run,
}


def write_reports(
    result: RunResult,
    report_dir: Path,
    *,
    root: Path | None = None,
    secrets: Sequence[str] = (),
    outbound: Outbound | None = None,
) -> list[Path]:
    """Write every report into `report_dir` (created if missing) and return the paths written.

    `root` is the repository root SARIF locations are relative to (default: the current project). Every rendered
    text passes through `outbound` (the run's: every key it knows, PII masked with --mask-pii); without one,
    through a redactor of `secrets` and anything key-shaped.
    """
    outbound = outbound or Outbound(Redactor.of(*secrets))
    report_dir = Path(report_dir)
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the report directory {report_dir}: {exc.strerror or exc}") from exc
    written = []
    for name, render in REPORT_FILES.items():
        path = report_dir / name
        try:
            path.write_text(outbound.text(render(result, root)), encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
        written.append(path)
    return written
