"""The run against hostile targets (issue 11): the key never leaves where it should, and no target can hang,
crash or flood a run. Every target here is on loopback (tests/support/hostile.py)."""

from __future__ import annotations

import base64
import io
import time
from pathlib import Path

import pytest
import requests
from tests.support.hostile import BIG_BODY_BYTES, counting_proxy, hostile_target, raw_answer_server, slow_head_server

from paystack_contracts.cli import run
from paystack_contracts.errors import TargetNeverReachedError, UnsafeTargetError
from paystack_contracts.run import Profile, SuiteOptions, TargetSpec, run_suite
from paystack_contracts.run.transport import ResponseTooLarge, http_session


def forms_of(key: str) -> list[str]:
    raw = key.encode()
    return [key, key.upper(), raw.hex(), raw.hex().upper(), base64.b64encode(raw).decode()[:40], f"x_{key}"]


def cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return run(argv, out, err), out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def hostile():
    with hostile_target() as target:
        yield target


@pytest.mark.parametrize("given", ["flag", "environment"])
def test_a_target_echoing_the_key_leaves_no_copy_of_it_anywhere(
    given: str, hostile, tmp_path: Path, canary_key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    argv = ["run", "--base-url", f"{hostile.base_url}/echo", "--max-requests", "40", "--no-progress"]
    argv += ["--report-dir", str(tmp_path), "--seed", "3"]
    if given == "flag":
        argv += ["--secret-key", canary_key]
    else:
        monkeypatch.setenv("PAYSTACK_SECRET_KEY", canary_key)
    code, out, err = cli(argv)
    assert code in (1, 3), err  # the echo is not Paystack: findings, never a crash
    texts = {"stdout": out, "stderr": err} | {p.name: p.read_text(encoding="utf-8") for p in tmp_path.iterdir()}
    assert len(texts) == 7
    leaks = {(name, form) for name, text in texts.items() for form in forms_of(canary_key) if form in text}
    assert leaks == set()
    assert "\x1b" not in out


def test_proxies_in_the_environment_are_ignored(hostile, canary_key: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with counting_proxy() as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("NO_PROXY", "")
        spec = TargetSpec(base_url=f"{hostile.base_url}/echo", secret_key=canary_key)
        run_suite(SuiteOptions(target=spec, max_requests=3, seed=1))
        assert proxy.seen == []


def test_a_plain_http_proxy_elsewhere_is_refused_even_when_opted_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.invalid:3128")
    with pytest.raises(UnsafeTargetError, match="proxy from the environment"):
        http_session(5.0, trust_env=True)


def test_a_trickling_body_is_cut_at_the_deadline(hostile) -> None:
    started = time.monotonic()
    with http_session(1.0) as session, pytest.raises(requests.Timeout, match="within 1 s"):
        session.get(f"{hostile.base_url}/trickle", timeout=5)
    assert time.monotonic() - started < 4


def test_a_body_past_the_cap_is_not_read(hostile) -> None:
    with http_session(30.0) as session:
        session.mount("http://", type(session.get_adapter("http://x"))(30.0, max_bytes=BIG_BODY_BYTES // 2))
        with pytest.raises(ResponseTooLarge, match="not read further"):
            session.get(f"{hostile.base_url}/big", timeout=10)


def _deep(hostile, profile: Profile, *, mask_pii: bool = False):
    spec = TargetSpec(base_url=f"{hostile.base_url}/deep", secret_key="sk_test_" + "d" * 40)
    return run_suite(SuiteOptions(target=spec, profile=profile, max_examples=5, seed=1, mask_pii=mask_pii))


@pytest.mark.parametrize("mask_pii", [False, True], ids=["as recorded", "pii masked"])
def test_a_body_nested_past_every_readers_limit_is_a_finding_not_a_crash(hostile, mask_pii: bool) -> None:
    result = _deep(hostile, Profile.LIVE, mask_pii=mask_pii)
    assert result.findings
    assert {f.rule for f in result.findings} == {"response-too-deep"}
    assert result.drifted_verdicts == []  # an unread body settles no ledger entry


def test_an_answer_with_more_headers_than_http_reads_is_a_finding_not_cannot_connect(hostile) -> None:
    spec = TargetSpec(base_url=f"{hostile.base_url}/headers", secret_key="sk_test_" + "h" * 40)
    result = run_suite(SuiteOptions(target=spec, profile=Profile.LIVE, seed=1))
    assert {f.rule for f in result.findings} == {"response-malformed"}
    assert all("more than 100 headers" in (f.actual or "") for f in result.findings)


def test_the_state_machine_and_the_generated_phases_end_on_a_body_they_cannot_read(hostile) -> None:
    result = _deep(hostile, Profile.FULL)
    assert result.facts.state_machine == "ran"
    assert "response-too-deep" in {f.rule for f in result.findings}
    assert result.requests_sent > 100


def test_a_target_whose_head_never_ends_cannot_hang_a_run() -> None:
    with slow_head_server() as base_url:
        started = time.monotonic()
        spec = TargetSpec(base_url=base_url, secret_key="sk_test_" + "s" * 40)
        with pytest.raises(TargetNeverReachedError, match="timeout"):
            run_suite(SuiteOptions(target=spec, request_timeout=1, seed=1))
    assert time.monotonic() - started < 10  # the head alone would take two minutes to send


_HEAD = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        (_HEAD + b"Transfer-Encoding: chunked\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n", "chunk length that is no number"),
        (_HEAD + b"Content-Encoding: gzip\r\nContent-Length: 10\r\n\r\nnot gzip!!", "does not decode"),
    ],
    ids=["a chunk length that is no number", "a body that is not its Content-Encoding"],
)
def test_an_answer_whose_body_http_cannot_read_is_a_finding_not_a_traceback(answer: bytes, said: str) -> None:
    with raw_answer_server(answer) as base_url:
        spec = TargetSpec(base_url=base_url, secret_key="sk_test_" + "r" * 40)
        result = run_suite(SuiteOptions(target=spec, profile=Profile.LIVE, seed=1))
    assert {f.rule for f in result.findings} == {"response-malformed"}
    assert all(said in f.message for f in result.findings)


def test_a_body_cut_short_is_a_connection_that_broke_not_drift() -> None:
    cut = _HEAD + b'Content-Length: 100\r\n\r\n{"status": true'
    with raw_answer_server(cut) as base_url, pytest.raises(TargetNeverReachedError, match="cut short"):
        run_suite(SuiteOptions(target=TargetSpec(base_url=base_url, secret_key="sk_test_" + "r" * 40), seed=1))


def test_redirects_are_never_followed_so_the_key_never_travels(hostile, canary_key: str) -> None:
    spec = TargetSpec(base_url=f"{hostile.base_url}/redirect/other", secret_key=canary_key)
    before = len(hostile.other_seen)
    result = run_suite(SuiteOptions(target=spec, max_requests=12, seed=1))
    assert len(hostile.other_seen) == before
    assert result.requests_sent <= 12


@pytest.mark.parametrize(
    "url",
    ["http://evil.example.invalid\\@127.0.0.1:9", "http://sk_live_abcdefgh12345678@127.0.0.1:9", "http://127.1:9"],
)
def test_urls_a_sender_could_read_another_way_are_refused_in_one_line(url: str) -> None:
    code, _, err = cli(["run", "--base-url", url, "--secret-key", "sk_test_" + "a" * 40])
    assert code == 2
    assert err.count("\n") == 1
    assert "sk_live_abcdefgh" not in err


@pytest.mark.parametrize("budget", [100, 120, 140])
def test_a_budget_spent_inside_the_state_machine_ends_with_reports_not_a_traceback(budget: int, tmp_path: Path) -> None:
    code, out, err = cli(["run", "--max-requests", str(budget), "--no-progress", "--report-dir", str(tmp_path)])
    assert code == 3, err
    assert "Traceback" not in out + err
    assert len(list(tmp_path.iterdir())) == 5
