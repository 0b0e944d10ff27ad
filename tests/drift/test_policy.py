from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from paystack_contracts.drift.policy import Action, Policy, load_policy
from paystack_contracts.errors import ConfigError
from paystack_contracts.findings import Severity

TODAY = dt.date(2026, 11, 22)


def policy_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "drift-policy.yaml"
    path.write_text("kind: drift-policy\nrules:\n" + body)
    return path


def test_without_a_policy_breaking_classes_fail_and_others_warn() -> None:
    policy = Policy()
    assert policy.decide("path-removed", TODAY).action is Action.FAIL
    assert policy.decide("path-added", TODAY).action is Action.WARN


@pytest.mark.parametrize(
    ("expires", "expected"),
    [
        pytest.param("2027-01-31", Action.IGNORE, id="future expiry keeps the waiver"),
        pytest.param("2026-11-22", Action.IGNORE, id="the expiry day itself still counts"),
        pytest.param("2026-11-21", Action.FAIL, id="past expiry turns the ignore back into a failure"),
    ],
)
def test_an_ignore_with_an_expiry_date_only_holds_until_that_date(tmp_path, expires, expected) -> None:
    path = policy_file(
        tmp_path, f"  path-removed:\n    action: ignore\n    reason: migrating\n    expires: {expires}\n"
    )
    decision = load_policy(path).decide("path-removed", TODAY)
    assert decision.action is expected
    if expected is Action.FAIL:
        assert "expired on 2026-11-21" in decision.reason
        assert decision.severity is Severity.ERROR


def test_an_expired_warning_also_fails(tmp_path) -> None:
    path = policy_file(tmp_path, "  path-added:\n    action: warn\n    reason: x\n    expires: 2020-01-01\n")
    assert load_policy(path).decide("path-added", TODAY).action is Action.FAIL


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param(
            "  path-removd:\n    action: fail\n    reason: x\n", "unknown change class 'path-removd'", id="typo"
        ),
        pytest.param("  path-removed:\n    action: explode\n    reason: x\n", "use fail, warn or ignore", id="action"),
        pytest.param("  path-removed:\n    action: ignore\n", "needs a reason", id="no reason"),
        pytest.param(
            "  path-removed:\n    action: ignore\n    reason: x\n    expires: soon\n", "YYYY-MM-DD", id="date"
        ),
    ],
)
def test_a_bad_policy_is_a_config_error_naming_the_rule(tmp_path, body, message) -> None:
    with pytest.raises(ConfigError, match=message):
        load_policy(policy_file(tmp_path, body))


def test_the_repository_policy_loads_and_is_in_force(repo_root) -> None:
    policy = load_policy(repo_root / "contracts" / "drift-policy.yaml")
    assert policy.decide("operation-id-changed", TODAY).action is Action.WARN
    assert policy.decide("success-status-changed", TODAY).action is Action.FAIL
