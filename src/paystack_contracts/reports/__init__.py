"""Reports: renderings of one `RunResult`, written to a directory after every run.

| file | for | writer |
|---|---|---|
| junit.xml | CI test tabs: one testcase per operation x check | `render_junit` |
| report.json | other tools (schema: `report.schema.json`, docs/report-json.md) | `render_json` |
| summary.md | `$GITHUB_STEP_SUMMARY` | `render_markdown` |
| report.html | a person, in a browser; one self-contained file | `render_html` |
| findings.sarif | code scanning: findings in a file, or pinned to their operation in the contract | `render_sarif` |

The result model is already redacted by the suite. Writers still pass every rendered text through
`credentials.redact` (key-shaped strings, plus any `secrets` given) before it touches the disk: a key that slipped
into a response body or a finding message must not reach an artifact that CI uploads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from paystack_contracts.credentials import redact
from paystack_contracts.errors import ConfigError
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
    result: RunResult, report_dir: Path, *, root: Path | None = None, secrets: Sequence[str] = ()
) -> list[Path]:
    """Write every report into `report_dir` (created if missing) and return the paths written.

    `root` is the repository root SARIF locations are relative to (default: the current project); `secrets` are
    extra strings to scrub besides anything key-shaped (pass the key in use when you have it).
    """
    report_dir = Path(report_dir)
    try:
        report_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create the report directory {report_dir}: {exc.strerror or exc}") from exc
    written = []
    for name, render in REPORT_FILES.items():
        path = report_dir / name
        try:
            path.write_text(redact(render(result, root), *secrets), encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from exc
        written.append(path)
    return written
