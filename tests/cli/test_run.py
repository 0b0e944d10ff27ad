"""`paystack-contracts run` end to end: exit codes, reports, refusals, and no key in any output."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.run.servers import CountingServer, counting_server

from paystack_contracts.cli import run
from paystack_contracts.mock import MockSettings, create_app, serve_in_thread

LIVE_KEY = "sk_live_" + "d4" * 20
FAST = ["--no-progress", "--max-examples", "2", "--seed", "9"]


def invoke(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def counter() -> Iterator[CountingServer]:
    with counting_server() as server:
        yield server


@pytest.fixture
def drifted_mock_with_canary_key(canary_key: str) -> Iterator[str]:
    """A mock over HTTP that accepts only the canary key and drifts (string ids), so the run fails."""
    app = create_app(MockSettings(accepted_keys=frozenset({canary_key}), drift=("id-as-string",), random_seed=1))
    with serve_in_thread(app) as base_url:
        yield base_url


def test_the_default_run_against_the_embedded_mock_conforms(tmp_path: Path) -> None:
    code, out, err = invoke("run", *FAST, "--operation", "customer_fetch", "--report-dir", str(tmp_path))
    assert (code, err) == (0, "")
    assert "-> exit 0" in out
    assert {p.name for p in tmp_path.iterdir()} >= {"junit.xml", "report.json", "summary.md", "report.html"}


def test_a_drifted_mock_fails_with_the_check_path_expected_actual_and_replay(tmp_path: Path) -> None:
    code, out, _ = invoke(
        "run", *FAST, "--drift", "id-as-string", "--operation", "customer_create", "--report-dir", str(tmp_path)
    )
    assert code == 1
    failure = next(line for line in out.splitlines() if line.startswith("FAIL") and "$.data.id" in line)
    assert "POST /customer" in failure
    assert "    expected: " in out
    assert "    actual:   " in out
    assert "replay:   curl -X POST" in out
    assert '"Authorization: Bearer $PAYSTACK_SECRET_KEY"' in out
    assert "reproduce with: paystack-contracts run --seed 9 --profile full --drift id-as-string" in out


def test_a_live_key_is_refused_with_exit_2_and_nothing_sent(counter) -> None:
    code, out, err = invoke("run", "--base-url", counter.base_url, "--secret-key", LIVE_KEY)
    assert code == 2
    assert "live secret key" in err
    assert LIVE_KEY not in out + err
    assert counter.seen == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--base-url", "http://api.paystack.co"], "plain HTTP"),
        (["--base-url", "https://api.paystack.co", "--drift", "id-as-string"], "embedded mock"),
        (["--max-requests", "0"], "--max-requests"),
        (["--drift", "no-such-profile"], "unknown drift profile"),
    ],
)
def test_bad_settings_are_one_line_usage_errors(argv: list[str], message: str, monkeypatch) -> None:
    monkeypatch.setenv("PAYSTACK_SECRET_KEY", "sk_test_" + "e5" * 20)
    code, _, err = invoke("run", "--no-progress", *argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def test_the_canary_key_never_leaks_from_a_failing_run(
    drifted_mock_with_canary_key: str, canary_key: str, tmp_path: Path, capfd
) -> None:
    code, out, err = invoke(
        "run",
        *FAST,
        "--base-url",
        drifted_mock_with_canary_key,
        "--secret-key",
        canary_key,
        "--operation",
        "customer_create",
        "--report-dir",
        str(tmp_path),
    )
    captured = capfd.readouterr()
    assert code == 1
    assert "$.data.id" in out
    for text in (out, err, captured.out, captured.err):
        assert canary_key not in text
    for report in tmp_path.iterdir():
        assert canary_key not in report.read_text(encoding="utf-8"), report.name


def test_mask_pii_masks_emails_in_recorded_bodies(tmp_path: Path) -> None:
    code, _, _ = invoke(
        "run",
        *FAST,
        "--mask-pii",
        "--drift",
        "id-as-string",
        "--operation",
        "customer_create",
        "--report-dir",
        str(tmp_path),
    )
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    text = json.dumps(report)
    assert code == 1
    assert "@example.com" in text
    assert "lifecycle-" not in text
    assert "***@example.com" in text


def test_a_key_the_target_rejects_is_one_line_and_exit_2(drifted_mock_with_canary_key: str, tmp_path: Path) -> None:
    other_key = "sk_test_" + "e5" * 20
    code, out, err = invoke(
        "run", *FAST, "--base-url", drifted_mock_with_canary_key, "--secret-key", other_key,
        "--report-dir", str(tmp_path),
    )  # fmt: skip
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("error: the target rejected the key: GET ")
    assert "HTTP 401 'Invalid key'" in err
    assert other_key not in out + err


def test_a_closed_port_is_one_line_and_exit_2(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, _, err = invoke(
        "run", *FAST, "--base-url", f"http://127.0.0.1:{port}", "--secret-key", "sk_test_" + "e5" * 20,
        "--report-dir", str(tmp_path),
    )  # fmt: skip
    assert code == 2
    assert err.count("\n") == 1
    assert "was never reached (connection_error: cannot connect to" in err


def test_one_drift_prints_one_finding_per_operation_and_path_naming_every_check(tmp_path: Path) -> None:
    code, out, _ = invoke("run", *FAST, "--drift", "id-as-string", "--report-dir", str(tmp_path))
    assert code == 1
    failures = [line for line in out.splitlines() if line.startswith("FAIL")]
    where = [line.split("] ", 1)[1].split(": ", 1)[0] for line in failures]
    assert len(where) == len(set(where))  # one finding per operation and path, not one per check
    first = next(line for line in failures if "POST /customer $.data.id" in line)
    assert "paystack_identifiers + " in first
    assert "response_schema_conformance" in first
    assert "x-bundled" not in out
    assert "    contract: contracts/paystack-customer.schema.json#/$defs/CustomerId/type" in out
    assert "http://testserver" not in out
    assert "replay:   curl -X POST http://127.0.0.1:4010/customer" in out
