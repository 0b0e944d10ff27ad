from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from paystack_contracts.reports import SCHEMA_VERSION, render_json, report_schema
from paystack_contracts.results import RunResult

REPO_ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = report_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("run", ["failing_run", "passing_run", "leaky_run"])
def test_every_report_validates_against_the_shipped_schema(
    run: str, request: pytest.FixtureRequest, validator: jsonschema.protocols.Validator
) -> None:
    data = json.loads(render_json(request.getfixturevalue(run)))
    errors = [f"{e.json_path}: {e.message}" for e in validator.iter_errors(data)]
    assert errors == []


def test_the_report_says_outcome_seed_target_and_counts(failing_run: RunResult) -> None:
    data = json.loads(render_json(failing_run))
    assert data["schema_version"] == SCHEMA_VERSION
    assert (data["outcome"], data["exit_code"], data["seed"]) == ("failed", 1, 1234)
    assert data["target"]["key"] == "sk_test_…c4n4"
    assert data["counts"]["request_budget_left"] == 132
    assert data["counts"]["inconclusives"] == 1
    assert data["drift"]["verdicts"] == ["D004"]
    assert [(v["entry"], v["fails_run"]) for v in data["verdicts"]] == [("D004", True), ("D006", False)]


def test_failing_cases_keep_their_redacted_exchange(failing_run: RunResult) -> None:
    data = json.loads(render_json(failing_run))
    create = next(op for op in data["operations"] if op["operation"] == "POST /customer")
    assert create["status_codes"] == {"200": 31, "400": 6, "500": 3}
    with_exchange = [case for case in create["failing_cases"] if case["exchange"]]
    assert with_exchange[0]["exchange"]["request_headers"]["Authorization"] == "[REDACTED]"


def test_the_schema_rejects_a_report_that_leaks_a_key(
    failing_run: RunResult, validator: jsonschema.protocols.Validator, canary_key: str
) -> None:
    data = json.loads(render_json(failing_run))
    data["target"]["key"] = canary_key
    assert not validator.is_valid(data)


def test_the_documentation_names_every_top_level_field() -> None:
    doc = (REPO_ROOT / "docs" / "report-json.md").read_text(encoding="utf-8")
    missing = [name for name in report_schema()["properties"] if f"`{name}`" not in doc]
    assert missing == []
