"""`paystack-contracts mock --log`: one line per request (method, path, status, latency), keys redacted; and the
warning for a bind beyond loopback."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from paystack_contracts.cli import run
from paystack_contracts.mock import DEFAULT_TEST_KEY, create_app
from paystack_contracts.mock.requestlog import RequestLog, log_line

AUTH = {"Authorization": f"Bearer {DEFAULT_TEST_KEY}"}
LINE = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z (?P<request>\S+ \S+ \d{3}) \d+\.\dms$")


async def logged(*requests: tuple[str, str, dict[str, str]]) -> list[str]:
    lines: list[str] = []
    app = RequestLog(create_app(), lines.append)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as client:
        for method, path, headers in requests:
            await client.request(method, path, headers=headers)
    return lines


@pytest.mark.anyio
async def test_each_request_is_one_line_with_method_path_status_and_latency() -> None:
    lines = await logged(("GET", "/customer?perPage=2", AUTH), ("GET", "/customer", {}), ("DELETE", "/customer", AUTH))
    assert [LINE.match(line).group("request") for line in lines] == [  # type: ignore[union-attr]
        "GET /customer?perPage=2 200",
        "GET /customer 401",
        "DELETE /customer 405",
    ]


@pytest.mark.anyio
async def test_a_key_never_reaches_the_log_not_even_one_sent_in_the_query() -> None:
    [line] = await logged(("GET", f"/customer?key={DEFAULT_TEST_KEY}", AUTH))
    assert DEFAULT_TEST_KEY not in line
    assert DEFAULT_TEST_KEY[:12] not in line


def test_the_latency_is_in_milliseconds_and_the_time_in_utc() -> None:
    at = datetime(2026, 12, 1, 19, 57, 1, 123456, tzinfo=UTC)
    assert log_line("GET", "/customer", 200, 0.00134, at) == "2026-12-01T19:57:01.123Z GET /customer 200 1.3ms"


def test_the_cli_logs_to_a_file_while_serving(tmp_path: Path) -> None:
    log = tmp_path / "requests.log"
    command = [sys.executable, "-m", "paystack_contracts", "mock", "--port", "0", "--log", str(log)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        base_url = re.search(r"http://127\.0\.0\.1:\d+", process.stdout.readline())
        assert base_url
        httpx.get(f"{base_url.group(0)}/customer/CUS_unknown", headers=AUTH)
    finally:
        process.terminate()
        process.communicate(timeout=10)
    [line] = log.read_text("utf-8").splitlines()
    assert LINE.match(line).group("request") == "GET /customer/CUS_unknown 404"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("argv", "warned"),
    [
        (["--host", "192.0.2.1"], True),  # TEST-NET-1: not on this machine, so the bind fails after the warning
        (["--host", "192.0.2.1", "--key", DEFAULT_TEST_KEY], False),
    ],
)
def test_a_bind_beyond_loopback_without_key_warns_that_any_key_is_accepted(argv: list[str], warned: bool) -> None:
    err = io.StringIO()
    code = run(["mock", "--port", "0", *argv], io.StringIO(), err)
    assert code == 2  # cannot listen there
    warning = "warning: listening on 192.0.2.1: any well-formed sk_test_/sk_live_ key is accepted from every interface"
    assert (warning in err.getvalue()) is warned
    assert "error: cannot listen on 192.0.2.1:0" in err.getvalue()


def test_a_log_file_that_cannot_be_opened_is_a_usage_error(tmp_path: Path) -> None:
    err = io.StringIO()
    assert run(["mock", "--port", "0", "--log", str(tmp_path / "no" / "such.log")], io.StringIO(), err) == 2
    assert err.getvalue().startswith(f"error: --log {tmp_path / 'no' / 'such.log'}: No such file or directory")
