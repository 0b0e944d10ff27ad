from __future__ import annotations

import json

import pytest
from tests.mock.conftest import Client

from paystack_contracts.discrepancies.ledger import LedgerEntry, load_ledger
from paystack_contracts.drift.verdicts import NOT_OBSERVED, evaluate, evaluate_ledger, values_at
from paystack_contracts.mock import MockSettings, create_app
from paystack_contracts.results import Exchange

BASE = "http://127.0.0.1:8000"


def entry(observe, entry_id="D004") -> LedgerEntry:
    return LedgerEntry(
        entry_id, "Create customer success status", "breaks-client", True, "#/entries/0", observe=observe
    )


STATUS = {
    "operation": "POST /customer",
    "when": {"status": [200, 201, 202]},
    "sides": {"upstream-openapi": {"status": 201}, "contract": {"status": 200}},
    "recorded": "contract",
}


def exchange(method="POST", path="/customer", status=200, body=None, request=None) -> Exchange:
    return Exchange(
        method,
        BASE + path,
        status_code=status,
        response_body=json.dumps(body or {"status": True}),
        request_body=json.dumps(request) if request is not None else None,
    )


def test_a_target_that_agrees_with_the_recorded_side_is_no_drift() -> None:
    [verdict] = evaluate([entry(STATUS)], [exchange(status=200)])
    assert (verdict.entry, verdict.recorded, verdict.observed, verdict.drift) == ("D004", "contract", "contract", False)


def test_a_target_that_follows_the_other_source_is_drift() -> None:
    [verdict] = evaluate([entry(STATUS)], [exchange(status=201)])
    assert verdict.observed == "upstream-openapi"
    assert verdict.drift is True


def test_irrelevant_exchanges_leave_the_entry_not_observed() -> None:
    exchanges = [exchange(status=400), exchange(path="/customer/CUS_x", method="GET"), exchange(status=429)]
    [verdict] = evaluate([entry(STATUS)], exchanges)
    assert verdict.observed == NOT_OBSERVED
    assert verdict.drift is False


def test_mixed_behaviour_agrees_with_neither_and_is_drift() -> None:
    [verdict] = evaluate([entry(STATUS)], [exchange(status=200), exchange(status=201)])
    assert (verdict.observed, verdict.drift) == ("neither", True)


def test_templates_match_concrete_paths_and_field_expectations_apply() -> None:
    observe = {
        "operation": "GET /customer/{email_or_code}",
        "when": {"status": [200], "path_matches": "@"},
        "sides": {
            "contract": {"present": ["data.createdAt", "data.created_at"]},
            "customer-schema": {"present": ["data.created_at"], "absent": ["data.createdAt"]},
        },
        "recorded": "contract",
    }
    body = {"status": True, "data": {"createdAt": "x", "created_at": "x"}}
    [verdict] = evaluate([entry(observe)], [exchange("GET", "/customer/a%40b.co".replace("%40", "@"), 200, body)])
    assert (verdict.observed, verdict.drift) == ("contract", False)


def test_request_side_conditions_select_exchanges() -> None:
    observe = {
        "operation": "POST /customer",
        "when": {"request_types": {"metadata": "object"}},
        "sides": {"contract": {"status": [200]}, "upstream-openapi": {"status": [400]}},
        "recorded": "contract",
    }
    sent = [
        exchange(status=400, request={"email": "a@b.co", "metadata": {"a": 1}}),
        exchange(status=200, request={"email": "a@b.co", "metadata": "{}"}),
    ]
    [verdict] = evaluate([entry(observe)], sent)
    assert (verdict.observed, verdict.drift) == ("upstream-openapi", True)


def test_entries_without_observe_get_no_verdict() -> None:
    assert evaluate([entry(None)], [exchange()]) == []


@pytest.mark.parametrize(
    ("path", "values"),
    [("data.id", [1]), ("data.items[].id", [2, 3]), ("data.missing", None), ("data.empty[]", None), ("data[]", None)],
)
def test_values_at_field_paths(path, values) -> None:
    document = {"data": {"id": 1, "items": [{"id": 2}, {"id": 3}], "empty": []}}
    assert values_at(document, path) == values


def test_every_observe_block_in_the_repository_ledger_uses_known_expectations(repo_root) -> None:
    from paystack_contracts.drift.verdicts import EXPECTATIONS

    ledger = load_ledger(repo_root / "contracts" / "discrepancies.yaml")
    observable = [e for e in ledger.entries if e.observe]
    assert observable
    for item in observable:
        assert item.observe is not None
        assert item.observe["recorded"] in item.observe["sides"] or item.observe["recorded"] == "contract", item.id
        for expectation in [item.observe.get("when") or {}, *item.observe["sides"].values()]:
            assert set(expectation) <= set(EXPECTATIONS), item.id
    assert len(evaluate(ledger.entries, [])) == len(observable)


def mock_exchanges(*drift: str) -> list[Exchange]:
    client = Client(create_app(MockSettings(drift=drift)))
    try:
        created = client.post("/customer", json={"email": "verdict@example.com"})
        fetched = client.get("/customer/verdict@example.com")
    finally:
        client.close()
    return [
        Exchange(r.request.method, str(r.request.url), status_code=r.status_code, response_body=r.text)
        for r in (created, fetched)
    ]


@pytest.mark.parametrize(
    ("drift", "observed", "drifted"), [((), "contract", False), (("create-returns-201",), "upstream-openapi", True)]
)
def test_the_create_status_verdict_against_the_mock(repo_root, drift, observed, drifted) -> None:
    ledger = load_ledger(repo_root / "contracts" / "discrepancies.yaml")
    entry = ledger.by_key()["success-status:POST /customer"]
    [verdict] = evaluate([entry], mock_exchanges(*drift))
    assert (verdict.observed, verdict.drift) == (observed, drifted)


def test_every_observable_ledger_entry_that_the_plain_mock_settles_agrees_with_the_record(repo_root) -> None:
    ledger = load_ledger(repo_root / "contracts" / "discrepancies.yaml")
    drifted = [v for v in evaluate(ledger.entries, mock_exchanges()) if v.drift]
    assert drifted == []


def test_evaluate_ledger_reads_the_file_and_tolerates_its_absence(repo_root, tmp_path) -> None:
    verdicts = evaluate_ledger(repo_root / "contracts" / "discrepancies.yaml", mock_exchanges("create-returns-201"))
    assert any(v.drift for v in verdicts)
    assert evaluate_ledger(tmp_path / "missing.yaml", []) == []


def test_any_of_selects_only_the_exchanges_an_entry_is_about() -> None:
    observe = {
        "operation": "POST /customer",
        "when": {"request_types": {"metadata": "object"}, "any_of": [{"status": [200]}, {"message": "(?i)metadata"}]},
        "sides": {"contract": {"status": [200]}, "upstream-openapi": {"status": [400]}},
        "recorded": "contract",
    }
    unrelated = exchange(
        status=400,
        body={"status": False, "message": "Invalid Email Address Passed"},
        request={"email": "x", "metadata": {}},
    )
    accepted = exchange(status=200, request={"email": "a@b.co", "metadata": {}})
    [verdict] = evaluate([entry(observe)], [unrelated, accepted])
    assert (verdict.observed, verdict.drift) == ("contract", False)


def test_wildcard_entries_can_be_kept_to_the_classic_api() -> None:
    observe = {
        "operation": "*",
        "when": {"status": [400], "path_matches": "/customer(/|$)"},
        "sides": {"contract": {"present": ["message"]}},
        "recorded": "contract",
    }
    globalstack = exchange(path="/v1/customers", status=400, body={"status": False, "code": "invalid_input"})
    [verdict] = evaluate([entry(observe)], [globalstack])
    assert verdict.observed == NOT_OBSERVED
