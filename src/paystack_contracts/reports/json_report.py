"""report.json: the machine-readable report. Its shape is fixed by `report.schema.json` (shipped in this
package, documented in docs/report-json.md); `SCHEMA_VERSION` changes major on any incompatible change.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from importlib import resources
from typing import Any

from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding
from paystack_contracts.reports.digest import (
    VerdictRow,
    check_rows,
    counts,
    drift_findings,
    outcome,
    verdict_rows,
)
from paystack_contracts.results import Exchange, Inconclusive, OperationResult, RunResult

__all__ = ["SCHEMA_VERSION", "render_json", "report_schema"]

SCHEMA_VERSION = "2.1"
_SCHEMA_FILE = "report.schema.json"


def render_json(result: RunResult) -> str:
    return redact(json.dumps(report_data(result), indent=2, ensure_ascii=False, default=str)) + "\n"


def report_schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) that every report.json validates against."""
    text = resources.files(__package__).joinpath(_SCHEMA_FILE).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def report_data(result: RunResult) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "paystack-contracts", "version": result.tool_version},
        "outcome": outcome(result),
        "exit_code": int(result.exit_code()),
        "started_at": result.started_at,
        "duration_s": round(result.duration_s, 3),
        "seed": result.seed,
        "target": asdict(result.target) | {"mock_drift": list(result.target.mock_drift)},
        "counts": counts(result),
        "operations": [_operation(result, op) for _, op in sorted(result.operations.items())],
        "findings": [f.to_dict() for f in result.findings],
        "warnings": [f.to_dict() for f in result.warnings],
        "inconclusives": [_inconclusive(i) for i in result.inconclusives],
        "verdicts": [_verdict(row) for row in verdict_rows(result)],
        "drift": {
            "verdicts": [row.verdict.entry for row in verdict_rows(result) if row.verdict.drift],
            "findings": [f.to_dict() for f in drift_findings(result)],
        },
        "facts": asdict(result.facts),
    }


def _operation(result: RunResult, op: OperationResult) -> dict[str, Any]:
    rows = [r for r in check_rows(result) if r.operation == op.operation]
    failing = [f for r in rows for f in r.findings]
    return {
        "operation": op.operation,
        "cases": op.cases,
        "duration_s": round(op.duration_s, 3),
        "status_codes": {str(code): n for code, n in sorted(op.status_codes.items())},
        "checks": [{"name": r.check, "passed": r.passed, "failed": r.failed} for r in rows],
        "failing_cases": [_failing_case(f, result.exchange_of(f)) for f in failing],
    }


def _failing_case(finding: Finding, exchange: Exchange | None) -> dict[str, Any]:
    return {"finding": finding.to_dict(), "exchange": None if exchange is None else asdict(exchange)}


def _inconclusive(item: Inconclusive) -> dict[str, Any]:
    return {"operation": item.operation, "reason": item.reason.value, "message": item.message, "replay": item.replay}


def _verdict(row: VerdictRow) -> dict[str, Any]:
    return asdict(row.verdict) | {"fails_run": row.fails_run}
