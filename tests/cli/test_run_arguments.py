"""`paystack-contracts run` arguments: every bad one is one line and exit 2 saying what is valid (nothing is sent);
the lists, filters, checks and headers do what they say; Ctrl-C writes partial reports and exits 130."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.run.servers import CountingServer, counting_server

from paystack_contracts.checks.selection import CHECK_NAMES
from paystack_contracts.cli import run
from paystack_contracts.run import SCENARIO_NAMES, contract_operation_ids

FAST = ["--no-progress", "--max-examples", "2", "--seed", "9"]


def invoke(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


BAD_ARGUMENTS = [
    (["--operation", "nope"], "unknown operation 'nope'; the operations are: customer_create, customer_list"),
    (["--max-examples", "0"], "--max-examples must be at least 1 (got 0)"),
    (["--max-examples", "-1"], "--max-examples must be at least 1 (got -1)"),
    (["--workers", "0"], "--workers must be at least 1 (got 0)"),
    (["--workers", "-3"], "--workers must be at least 1 (got -3)"),
    (["--max-requests", "-5"], "--max-requests must be at least 1"),
    (["--request-timeout", "0"], "--request-timeout must be a positive number of seconds"),
    (["--request-timeout", "-2.5"], "--request-timeout must be a positive number of seconds"),
    (["--request-timeout", "nan"], "--request-timeout must be a positive number of seconds"),
    (["--request-timeout", "soon"], "invalid float value: 'soon'"),
    (["--checks", "nope"], "unknown check 'nope'; the checks are: not_a_server_error, status_code_conformance"),
    (["--exclude-checks", "not_a_check"], "unknown check 'not_a_check'"),
    (["--exclude-checks", ",".join(CHECK_NAMES)], "leave no check to judge the responses with"),
    (["--scenario", "nope"], "unknown scenario 'nope'; the scenarios are: customer lifecycle"),
    (["--tag", "nope"], "unknown tag 'nope'; the tags are: Customer, Authorization"),
    (["--method", "FETCH"], "unknown method 'FETCH'; the methods are: GET, POST, PUT"),
    (["--path", "(unclosed"], "--path '(unclosed': not a regular expression"),
    (["--tag", "Authorization", "--path", "^/customer$"], "no operation matches all of the given filters"),
    (["-H", "no colon here"], "-H expects 'Name: value'"),
    (["-H", ": value"], "-H expects 'Name: value'"),
    (["-H", "Bad Name: x"], "-H 'Bad Name': not a header name"),
    (["-H", "Authorization: Bearer x"], "-H Authorization: the run authenticates with --secret-key"),
    (["--ca-bundle", "{tmp}/missing.pem"], "--ca-bundle {tmp}/missing.pem: no such file"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_ARGUMENTS, ids=[" ".join(a) for a, _ in BAD_ARGUMENTS])
def test_a_bad_argument_is_one_line_and_exit_2_and_nothing_is_sent(
    argv: list[str], message: str, tmp_path: Path, counter: CountingServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAYSTACK_SECRET_KEY", "sk_test_" + "e5" * 20)
    given = [a.format(tmp=tmp_path) for a in argv]
    code, out, err = invoke("run", "--no-progress", "--base-url", counter.base_url, *given)
    assert code == 2
    assert err.startswith("error: ")
    assert message.format(tmp=tmp_path) in err
    assert len(err.splitlines()) == 1
    assert "Traceback" not in out + err
    assert counter.seen == []


@pytest.fixture
def counter():
    with counting_server() as server:
        yield server


def test_list_operations_prints_each_id_with_its_method_path_and_tags() -> None:
    code, out, err = invoke("run", "--list-operations")
    assert (code, err) == (0, "")
    rows = out.splitlines()
    assert [row.split()[0] for row in rows] == contract_operation_ids()
    assert rows[0].split() == ["customer_create", "POST", "/customer", "[Customer]"]


def test_list_scenarios_and_list_checks_print_the_names_the_options_accept() -> None:
    assert invoke("run", "--list-scenarios") == (0, "".join(f"{n}\n" for n in SCENARIO_NAMES), "")
    assert invoke("run", "--list-checks") == (0, "".join(f"{n}\n" for n in CHECK_NAMES), "")


def _report(directory: Path) -> dict:
    return json.loads((directory / "report.json").read_text(encoding="utf-8"))


def test_filters_restrict_the_run_to_the_operations_they_match(tmp_path: Path) -> None:
    code, out, _ = invoke(
        "run", *FAST, "--tag", "authorization", "--method", "get", "--scenario", "negative contract",
        "--report-dir", str(tmp_path),
    )  # fmt: skip
    assert code == 0
    assert out.startswith("using contracts ")
    ran = {op["operation"] for op in _report(tmp_path)["operations"] if op["cases"]}
    assert ran == {
        "GET /customer/authorization/verify/{reference}",
        "GET /customer/{id}/directdebit-mandate-authorizations",
    }


def test_checks_and_exclude_checks_choose_what_judges_the_responses(tmp_path: Path) -> None:
    code, _, _ = invoke(
        "run", *FAST, "--operation", "customer_fetch", "--scenario", "negative contract",
        "--checks", "not_a_server_error,paystack_envelope", "--checks", "status_code_conformance",
        "--exclude-checks", "status_code_conformance", "--report-dir", str(tmp_path),
    )  # fmt: skip
    assert code == 0
    (operation,) = [op for op in _report(tmp_path)["operations"] if op["cases"]]
    assert {check["name"] for check in operation["checks"]} == {"not_a_server_error", "paystack_envelope"}


def test_extra_headers_reach_the_target_and_credential_like_ones_never_appear_in_output(tmp_path: Path) -> None:
    token = "tok" + "9f" * 12
    code, out, err = invoke(
        "run", *FAST, "--drift", "id-as-string", "--operation", "customer_create", "--scenario", "negative contract",
        "-H", f"X-Trace-Token: {token}", "-H", "X-Team:  payments  ", "--report-dir", str(tmp_path),
    )  # fmt: skip
    assert code == 1  # the drift is found: failing cases keep their exchanges
    exchanges = [c["exchange"] for op in _report(tmp_path)["operations"] for c in op["failing_cases"] if c["exchange"]]
    assert exchanges
    assert all(e["request_headers"]["X-Team"] == "payments" for e in exchanges)
    assert all(e["request_headers"]["X-Trace-Token"] == "[REDACTED]" for e in exchanges)
    assert "-H 'X-Trace-Token: [REDACTED]'" in out
    for text in (out, err, *(p.read_text(encoding="utf-8") for p in tmp_path.iterdir())):
        assert token not in text


@pytest.mark.parametrize("after_s", [0.5, 2.0], ids=["during the state machine", "mid-way"])
def test_ctrl_c_writes_the_reports_collected_so_far_marked_partial_and_exits_130(tmp_path: Path, after_s: float):
    """A terminal's Ctrl-C: SIGINT to the whole process group, once the run has produced its first plain lines
    (0.5 s later the parent is in the state machine, where Hypothesis once turned it into an AssertionError)."""
    argv = [sys.executable, "-m", "paystack_contracts", "run", "--max-examples", "5000"]  # plain progress lines
    child = subprocess.Popen(
        [*argv, "--report-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        lines = [child.stdout.readline() for _ in range(2)]  # type: ignore[union-attr]  # using ..., running ...
        assert lines[1].startswith("running ")
        time.sleep(after_s)  # not a timing assertion: lets the run be at some point of its work when interrupted
        os.killpg(child.pid, signal.SIGINT)
        out, err = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            os.killpg(child.pid, signal.SIGKILL)
    assert child.returncode == 130
    assert "Traceback" not in out + err
    assert err.strip().splitlines()[-1] == f"interrupted: partial reports in {tmp_path.as_posix()}"
    report = _report(tmp_path)
    assert (report["facts"]["partial"], report["outcome"], report["exit_code"]) == (True, "interrupted", 130)
    assert "-> exit 130" in out


@pytest.mark.parametrize(("cores", "workers"), [({0}, 1), ({0, 1}, 2), ({0, 1, 2, 3}, 2)])
def test_the_default_worker_count_follows_the_cores_this_process_may_use(monkeypatch, cores, workers) -> None:
    from paystack_contracts.cli import build_parser

    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: cores, raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 64)  # a container's host: not what this process may use
    assert build_parser().parse_args(["run"]).workers == workers
