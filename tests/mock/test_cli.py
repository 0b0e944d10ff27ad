"""`paystack-contracts mock`: listing drifts, refusing bad options in one line, serving until SIGTERM."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest

from paystack_contracts.cli import run
from paystack_contracts.mock import DEFAULT_TEST_KEY, DRIFT_PROFILES


def invoke(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["mock", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


def test_list_drifts_prints_every_profile_with_its_description():
    code, out, _ = invoke("--list-drifts")
    assert code == 0
    for profile in DRIFT_PROFILES.values():
        assert re.search(rf"^{profile.name}\s+{profile.area}\s+.*{re.escape(profile.description)}$", out, re.M)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--drift", "stauts-as-string"], "unknown drift profile 'stauts-as-string'; did you mean 'status-as-string'?"),
        (["--drift", "zzz"], "unknown drift profile 'zzz'; see --list-drifts"),
        (["--setting", "error_style=fancy"], "mock setting error_style: expected one of classic, new"),
        (["--setting", "nonsense"], "--setting expects NAME=VALUE"),
        (["--seed-customers", "-1"], "--seed-customers must be 0 or more"),
        (["--port", "99999"], "--port must be between 0 and 65535, got 99999"),
        (["--db", "/nonexistent/dir/mock.sqlite3"], "as the mock's SQLite database: unable to open database file"),
    ],
)
def test_bad_options_are_one_line_errors_with_exit_2(argv, message):
    code, out, err = invoke(*argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_the_server_answers_and_stops_cleanly_on_a_signal(signum, canary_key):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "paystack_contracts", "mock", "--port", "0", "--seed-customers", "3"]
    command += ["--key", canary_key]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) as process:
        assert process.stdout is not None
        line = process.stdout.readline()
        base_url = re.search(r"http://127\.0\.0\.1:\d+", line)
        assert base_url, line
        response = httpx.get(f"{base_url.group(0)}/customer", headers={"Authorization": f"Bearer {canary_key}"})
        assert response.json()["meta"]["total"] == 3
        other = httpx.get(f"{base_url.group(0)}/customer", headers={"Authorization": f"Bearer {DEFAULT_TEST_KEY}"})
        assert other.status_code == 401
        started = time.monotonic()
        process.send_signal(signum)
        out, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
    assert f"stopped ({signal.Signals(signum).name})" in out
    assert time.monotonic() - started < 5
    assert canary_key not in line + out + err
