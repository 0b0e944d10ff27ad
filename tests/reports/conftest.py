"""Run results to render: built by hand from the one result model, as the suite fills it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from paystack_contracts.credentials import SecretKey, redact, redact_mapping
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.results import (
    CheckTally,
    Exchange,
    Inconclusive,
    InconclusiveReason,
    OperationResult,
    RunResult,
    Target,
    Verdict,
)

CONTRACT_YAML = """\
openapi: 3.1.0
info:
  title: fixture
  version: "1"
paths:
  /customer:
    post:
      operationId: customer_create
      responses:
        "200":
          description: created
    get:
      operationId: customer_list
      parameters:
        - name: perPage
          in: query
        - name: page
          in: query
"""
"""A small contract; SARIF tests assert lines in it (`paths./customer.get.parameters[1]` is on line 17)."""


def _exchange(key: str, body: str) -> Exchange:
    return Exchange(
        method="POST",
        url="https://api.paystack.co/customer",
        request_headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"},
        request_body='{"email": "ada@example.com", "first_name": "<script>alert(1)</script>"}',
        status_code=500,
        response_headers={"Content-Type": "application/json"},
        response_body=body,
        elapsed_ms=182.4,
    )


def _operations() -> dict[str, OperationResult]:
    create = OperationResult(
        "POST /customer",
        cases=40,
        duration_s=3.2,
        status_codes=Counter({200: 31, 400: 6, 500: 3}),
        checks={
            "status_code_conformance": CheckTally(37, 3),
            "envelope": CheckTally(40, 0),
            "response_schema_conformance": CheckTally(38, 2),
        },
    )
    listing = OperationResult(
        "GET /customer",
        cases=25,
        duration_s=1.1,
        status_codes=Counter({200: 25}),
        checks={"envelope": CheckTally(25, 0), "pagination": CheckTally(25, 0)},
    )
    return {op.operation: op for op in (create, listing)}


def _run(key: str, *, scrub: bool) -> RunResult:
    """A failing run. With `scrub`, bodies and headers pass through redaction as the suite does; without, the
    raw key is left in a finding message, a replay line and an exchange, to prove the writers scrub anyway."""
    clean = (lambda text: redact(text, key)) if scrub else (lambda text: text)
    exchange = _exchange(key, clean(f'{{"status": false, "message": "Server error", "echo": "{key}"}}'))
    if scrub:
        exchange.request_headers = redact_mapping(exchange.request_headers, key)
    replay = clean(f"curl -X POST https://api.paystack.co/customer -H 'Authorization: Bearer {key}' -d '{{}}'")
    status = Finding(
        rule="status_code_conformance",
        message=clean(f"undocumented status 500 (sent with key {key})"),
        source="suite",
        operation="POST /customer",
        location="$",
        expected="one of 200, 400, 401",
        actual="500",
        replay=replay,
        check="status_code_conformance",
        exchange="x0",
    )
    schema = Finding(
        rule="type",  # one check emits many rules; the finding names its check
        message="data.id is a string, the contract says integer",
        source="suite",
        operation="POST /customer",
        location="$.data.id",
        expected="integer",
        actual='"42" | <b>bold</b>',
        replay=replay,
        check="response_schema_conformance",
    )
    shape = Finding(
        rule="removed-field",
        message="response field data.customer_code disappeared",
        source="fingerprint",
        operation="GET /customer",
        location="$.data[*].customer_code",
        expected="string",
        actual="absent",
    )
    spec = Finding(
        rule="example-mismatch",
        message="example does not match its schema",
        source="validate",
        file="contracts/fixture.openapi.yaml",
        pointer="/paths/~1customer/get/parameters/1",
    )
    added = Finding(
        rule="added-field",
        message="new response field data.nickname",
        source="fingerprint",
        severity=Severity.WARNING,
        operation="GET /customer",
        location="$.data[*].nickname",
    )
    undocumented = Finding(
        rule="undocumented-field",
        message="response field data.nickname is not in the contract",
        source="suite",
        severity=Severity.WARNING,
        operation="GET /customer",
        location="$.data[0].nickname",
    )
    return RunResult(
        target=Target(base_url="https://api.paystack.co", key=SecretKey(key).redacted, mock_drift=()),
        seed=1234,
        tool_version="0.1.0",
        started_at="2026-11-22T10:00:00Z",
        duration_s=4.6,
        requests_sent=68,
        request_budget=200,
        operations=_operations(),
        exchanges={"x0": exchange},
        findings=[status, schema, shape, spec],
        inconclusives=[
            Inconclusive("GET /customer", InconclusiveReason.RATE_LIMITED, "429 Too Many Requests", replay),
        ],
        verdicts=[
            Verdict("D004", "Create status", "200", "201", "POST /customer -> 201", drift=True),
            Verdict("D006", "Validate status", "202", "202", "POST /customer/{code}/identification -> 202"),
        ],
        warnings=[added, undocumented],
    )


@pytest.fixture
def failing_run(canary_key: str) -> RunResult:
    return _run(canary_key, scrub=True)


@pytest.fixture
def leaky_run(canary_key: str) -> RunResult:
    """A failing run whose data still carries the raw canary key (a suite bug the writers must survive)."""
    return _run(canary_key, scrub=False)


@pytest.fixture
def passing_run() -> RunResult:
    ops = _operations()
    for op in ops.values():
        op.checks = {name: CheckTally(tally.passed + tally.failed, 0) for name, tally in op.checks.items()}
    return RunResult(
        target=Target(base_url="in-process mock"),
        seed=7,
        tool_version="0.1.0",
        duration_s=1.5,
        requests_sent=65,
        request_budget=None,
        operations=ops,
    )


@pytest.fixture
def contract_root(tmp_path: Path) -> Path:
    """A repository root holding contracts/fixture.openapi.yaml, for SARIF line lookups."""
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "fixture.openapi.yaml").write_text(CONTRACT_YAML, encoding="utf-8")
    paystack = CONTRACT_YAML.replace("title: fixture", "title: paystack")
    (tmp_path / "contracts" / "paystack-customers.openapi.yaml").write_text(paystack, encoding="utf-8")
    return tmp_path
