"""`paystack-contracts proxy`, `check-traffic` and `usage` end to end: a real process in front of the mock,
reports on SIGUSR1 and on exit, refusals, exit codes, and no key in any output."""

from __future__ import annotations

import io
import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from paystack_contracts.cli import run
from paystack_contracts.mock import MockSettings, create_app, serve_in_thread
from paystack_contracts.reports import REPORT_FILES

REPO = Path(__file__).resolve().parents[2]


def invoke(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def upstream(canary_key: str) -> Iterator[str]:
    with serve_in_thread(create_app(MockSettings(accepted_keys=frozenset({canary_key})))) as url:
        yield url


def lines_of(process: subprocess.Popen[str]) -> queue.Queue[str]:
    found: queue.Queue[str] = queue.Queue()
    assert process.stdout is not None
    stdout = process.stdout
    threading.Thread(target=lambda: [found.put(line) for line in stdout], daemon=True).start()
    return found


def until(condition: object, seconds: float = 20.0) -> bool:
    """Poll for a state change of another process (not a timing assertion: the deadline only bounds a hang)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def drive(process: subprocess.Popen[str], output: queue.Queue[str], reports: Path, key: str) -> int:
    """Send traffic through the proxy process, ask for reports with SIGUSR1, stop it with SIGTERM."""
    first = output.get(timeout=30)
    url = re.search(r"http://127\.0\.0\.1:\d+", first)
    assert url is not None, first
    headers = {"Authorization": f"Bearer {key}"}
    assert httpx.post(url.group(0) + "/customer", json={"email": "p@example.com"}, headers=headers).status_code == 200
    assert httpx.get(url.group(0) + "/customer", headers=headers).status_code == 200
    process.send_signal(signal.SIGUSR1)
    assert until(lambda: all((reports / name).is_file() for name in REPORT_FILES))
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=30)


@pytest.mark.skipif(not hasattr(signal, "SIGUSR1"), reason="SIGUSR1 is POSIX")
def test_the_proxy_process_checks_traffic_writes_reports_on_sigusr1_and_on_exit(
    upstream: str, tmp_path: Path, canary_key: str
) -> None:
    reports = tmp_path / "reports"
    command = [sys.executable, "-m", "paystack_contracts", "proxy", "--upstream", upstream, "--port", "0"]
    with subprocess.Popen(
        [*command, "--report-dir", str(reports)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PAYSTACK_SECRET_KEY": ""},
    ) as process:  # fmt: skip
        try:
            code = drive(process, lines_of(process), reports, canary_key)
        finally:
            if process.poll() is None:
                process.kill()
        stderr = process.stderr.read() if process.stderr else ""
    assert code == 0, stderr
    recording = (reports / "traffic.jsonl").read_text()
    assert len(recording.splitlines()) == 2
    every = [recording, stderr, *[(reports / name).read_text() for name in REPORT_FILES]]
    assert not any(canary_key in text or canary_key[8:] in text for text in every)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["proxy", "--upstream", "http://example.com"], "refusing plain HTTP"),
        (["proxy", "--upstream", "nonsense"], "base URL must look like"),
        (["proxy", "--upstream", "http://127.0.0.1:1", "--port", "70000"], "--port"),
        (["proxy", "--upstream", "http://127.0.0.1:1", "--upstream-timeout", "0"], "--upstream-timeout must be"),
        (["proxy", "--upstream", "http://127.0.0.1:1", "--upstream-timeout", "nan"], "--upstream-timeout must be"),
        (["check-traffic", "missing.har"], "cannot read"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv: list[str], message: str) -> None:
    code, _, err = invoke(*argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1


def recording_of(upstream: str, tmp_path: Path, key: str, *bodies: object) -> Path:
    """Traffic recorded by the proxy library in front of `upstream`."""
    from paystack_contracts.proxy import Inspector, ProxyConfig, running_proxy

    path = tmp_path / "traffic.jsonl"
    with (
        path.open("w") as stream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream), stream) as proxy,
    ):
        for body in bodies:
            httpx.post(proxy.url + "/customer", json=body, headers={"Authorization": f"Bearer {key}"})
        httpx.get(proxy.url + "/customer", headers={"Authorization": f"Bearer {key}"})
    return path


def test_check_traffic_on_a_clean_recording_conforms(upstream: str, tmp_path: Path, canary_key: str) -> None:
    recording = recording_of(upstream, tmp_path, canary_key, {"email": "a@example.com"})
    code, out, _ = invoke("check-traffic", str(recording), "--report-dir", str(tmp_path / "r"))
    assert code == 0, out
    assert sorted(p.name for p in (tmp_path / "r").iterdir()) == sorted(REPORT_FILES)


def test_check_traffic_fails_on_a_clients_mistake(upstream: str, tmp_path: Path, canary_key: str) -> None:
    recording = recording_of(upstream, tmp_path, canary_key, {"email": "a@example.com", "metadata": [1]})
    code, out, _ = invoke("check-traffic", str(recording), "--report-dir", str(tmp_path / "r"))
    assert code == 1
    assert "[request_conformance] POST /customer $.metadata: client request" in out
    assert canary_key not in out


def test_check_traffic_that_checked_nothing_never_passes(tmp_path: Path) -> None:
    empty = tmp_path / "empty.har"
    empty.write_text('{"log": {"version": "1.2", "entries": []}}')
    code, _, err = invoke("check-traffic", str(empty), "--report-dir", str(tmp_path / "r"))
    assert code == 3
    assert "nothing checked" in err


def test_usage_writes_the_profile_of_a_recording(upstream: str, tmp_path: Path, canary_key: str) -> None:
    recording = recording_of(upstream, tmp_path, canary_key, {"email": "u@example.com", "first_name": "Ada"})
    target = tmp_path / "repo" / "contracts" / "usage.yaml"
    code, out, _ = invoke("usage", str(recording), "--output", str(target))
    assert code == 0
    profile = yaml.safe_load(target.read_text())
    assert profile["kind"] == "usage-profile"
    assert set(profile["operations"]) == {"POST /customer", "GET /customer"}
    assert "first_name" in profile["operations"]["POST /customer"]["request_fields"]
    assert "POST /customer: 1 call(s)" in out


def test_check_traffic_skips_a_browsers_requests_to_other_hosts(tmp_path: Path) -> None:
    entry = {
        "request": {"method": "GET", "url": "https://fonts.example.com/font.woff2", "headers": []},
        "response": {"status": 200, "headers": [], "content": {"mimeType": "font/woff2", "text": ""}},
    }
    har = tmp_path / "browser.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": [entry, entry]}}))
    code, out, _ = invoke("check-traffic", str(har), "--report-dir", str(tmp_path / "r"))
    assert "skipped 2 exchange(s)" in out
    assert code == 3  # nothing about the API was checked


def test_a_har_with_a_secret_in_it_is_redacted_in_every_output(tmp_path: Path, canary_key: str) -> None:
    """The key in the Authorization header, the URL and echoed in both bodies; the request is also wrong (so the
    finding, its replay line and its exchange are all rendered)."""
    entry = {
        "request": {
            "method": "POST",
            "url": f"https://api.paystack.co/customer?note={canary_key}",
            "headers": [{"name": "Authorization", "value": f"Bearer {canary_key}"}],
            "postData": {"mimeType": "application/json", "text": json.dumps({"email": canary_key, "metadata": []})},
        },
        "response": {
            "status": 400,
            "headers": [{"name": "Content-Type", "value": "application/json"}],
            "content": {"mimeType": "application/json", "text": json.dumps({"status": False, "message": canary_key})},
        },
    }
    har = tmp_path / "leaky.har"
    har.write_text(json.dumps({"log": {"version": "1.2", "entries": [entry]}}))
    reports = tmp_path / "r"
    code, out, err = invoke("check-traffic", str(har), "--report-dir", str(reports))
    assert code == 1
    every = [out, err, *[(reports / name).read_text() for name in REPORT_FILES]]
    assert not [text for text in every if canary_key in text or canary_key[8:] in text]
