"""`paystack-contracts webhook send|listen`: a handler's answers reported, exit codes as for `run`, keys redacted."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paystack_contracts.cli import run
from paystack_contracts.mock import DEFAULT_TEST_KEY, serve_in_thread
from paystack_contracts.webhooks import verify
from paystack_contracts.webhooks.events import encode
from paystack_contracts.webhooks.signature import sign

SUCCESS = "customeridentification.success"


def handler(key: str | None) -> Starlette:
    """A tiny handler: checks the signature under `key` (None: accepts anything, a careless handler)."""

    async def hook(request: Request) -> Response:
        body = await request.body()
        good = key is None or verify(body, request.headers.get("x-paystack-signature"), key)
        return Response(status_code=200 if good else 401)

    return Starlette(routes=[Route("/hook", hook, methods=["POST"])])


@pytest.fixture
def careful_url() -> Iterator[str]:
    with serve_in_thread(handler(DEFAULT_TEST_KEY)) as url:
        yield url + "/hook"


@pytest.fixture
def careless_url() -> Iterator[str]:
    with serve_in_thread(handler(None)) as url:
        yield url + "/hook"


def send(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["webhook", "send", *argv], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("extra", "status"),
    [([], "200"), (["--bad-signature"], "401")],
    ids=["accepted-with-the-right-key", "rejected-with-a-bad-signature"],
)
def test_a_careful_handler_is_reported_as_behaving(careful_url, extra, status):
    code, out, _ = send(SUCCESS, "--to", careful_url, *extra)
    assert code == 0
    assert f"{SUCCESS} -> {status} in " in out
    assert out.rstrip().endswith(": ok")


def test_a_handler_that_accepts_a_bad_signature_misbehaved_and_exits_1(careless_url):
    code, out, _ = send(SUCCESS, "--to", careless_url, "--bad-signature")
    assert code == 1
    assert "MISBEHAVED: the handler accepted a mis-signed" in out


def test_a_handler_that_refuses_a_good_signature_misbehaved_and_exits_1(careful_url, canary_key):
    code, out, err = send(SUCCESS, "--to", careful_url, "--secret-key", canary_key)
    assert code == 1
    assert "MISBEHAVED: the handler refused a correctly signed" in out
    assert canary_key not in out + err


def test_repeat_sends_the_same_event_n_times(careful_url):
    code, out, _ = send("customeridentification.failed", "--to", careful_url, "--repeat", "3")
    assert code == 0
    assert [line.split(" ")[0] for line in out.splitlines()] == ["1/3", "2/3", "3/3"]


def test_a_payload_file_is_sent_as_given_with_a_note_when_it_breaks_the_contract(careful_url, tmp_path):
    path = tmp_path / "event.json"
    path.write_text(json.dumps({"event": SUCCESS, "data": {"customer_id": "1"}}))
    code, out, _ = send(SUCCESS, "--to", careful_url, "--payload", str(path))
    assert code == 0
    assert "note: the payload breaks the contract" in out
    assert "$.data.customer_code" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["nope.event", "--to", "http://127.0.0.1:9/hook"], "unknown event 'nope.event'"),
        ([SUCCESS, "--to", "http://127.0.0.1:9/hook", "--repeat", "0"], "--repeat must be 1 or more"),
        ([SUCCESS, "--to", "http://example.com/hook"], "only loopback hosts unless --allow-remote"),
        ([SUCCESS, "--to", "http://example.com/hook", "--allow-remote"], "use https"),
        ([SUCCESS, "--to", "http://127.0.0.1:9/hook", "--payload", "/nonexistent.json"], "cannot read a JSON"),
        ([SUCCESS, "--to", "http://127.0.0.1:9/hook", "--secret-key", "sk_live_" + "1" * 40], "refusing a live"),
        ([SUCCESS], "the following arguments are required: --to"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(argv, message):
    code, _, err = send(*argv)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "sk_live_1111" not in err


def test_an_unreachable_handler_is_inconclusive_exit_3():
    with serve_in_thread(handler(None)) as url:
        pass  # the port is free again once the server stops
    code, _, err = send(SUCCESS, "--to", url + "/hook")
    assert code == 3
    assert "cannot reach the handler" in err


def test_webhook_without_an_action_is_a_usage_error():
    assert run(["webhook"], io.StringIO(), io.StringIO()) == 2


def test_listen_refuses_a_non_loopback_interface():
    err = io.StringIO()
    assert run(["webhook", "listen", "--host", "0.0.0.0"], io.StringIO(), err) == 2
    assert "loopback only unless --allow-remote" in err.getvalue()


def test_listen_prints_each_event_with_its_verdict_until_sigterm():
    command = [sys.executable, "-m", "paystack_contracts", "webhook", "listen", "--port", "0"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout is not None
        ready = proc.stdout.readline()
        url = ready.split(" on ")[1].split(" ")[0]
        body = encode({"event": SUCCESS, "data": {}})
        httpx.post(url, content=body, headers={"x-paystack-signature": sign(body, DEFAULT_TEST_KEY)})
        verdict = proc.stdout.readline()
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=10)
    finally:
        proc.kill()
    assert f"{SUCCESS} -> answered 200: " in verdict
    assert "$.data.customer_id" in verdict  # the empty data breaks the contract
    assert "1 event(s) received" in rest
    assert DEFAULT_TEST_KEY not in ready + verdict + rest
