"""The preflight: a key the target rejects, or a target that is not there, is a configuration error."""

from __future__ import annotations

import socket

import pytest
from tests.run.servers import counting_server

from paystack_contracts.errors import KeyRejectedError, TargetNeverReachedError
from paystack_contracts.mock import DEFAULT_TEST_KEY
from paystack_contracts.run import SuiteOptions, TargetSpec, run_suite

OTHER_KEY = "sk_test_" + "b" * 40


def test_a_rejected_key_stops_the_run_after_one_request(counter) -> None:
    spec = TargetSpec(base_url=counter.base_url, secret_key=OTHER_KEY)
    with pytest.raises(KeyRejectedError, match="rejected the key") as refused:
        run_suite(SuiteOptions(target=spec, seed=1))
    assert counter.seen == ["GET /customer"]
    assert OTHER_KEY not in str(refused.value)


def test_workers_started_with_the_run_send_nothing_when_the_key_is_rejected() -> None:
    with counting_server(delay_s=4.0) as slow:  # long enough for a worker to be ready and sending, were it let
        spec = TargetSpec(base_url=slow.base_url, secret_key=OTHER_KEY)
        with pytest.raises(KeyRejectedError):
            run_suite(SuiteOptions(target=spec, seed=1, workers=3, max_examples=2))
        assert slow.seen == ["GET /customer"]


def test_a_target_that_is_not_there_is_never_reached() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    spec = TargetSpec(base_url=f"http://127.0.0.1:{port}", secret_key=DEFAULT_TEST_KEY)
    with pytest.raises(TargetNeverReachedError, match="never reached"):
        run_suite(SuiteOptions(target=spec, seed=1))


def test_a_key_the_target_accepts_lets_the_run_go_on(served_mock) -> None:
    base_url, _ = served_mock
    spec = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY)
    result = run_suite(SuiteOptions(target=spec, seed=1, phases=(), scenarios=("negative contract",)))
    assert result.requests_sent > 1
