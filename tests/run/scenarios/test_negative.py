"""The negative contract: refusals a consumer's error handling relies on."""

from __future__ import annotations

import pytest
from tests.run.conftest import embedded_session

from paystack_contracts.run.plan import Profile
from paystack_contracts.run.scenarios.negative import BAD_KEY, negative_contract
from paystack_contracts.run.scenarios.steps import Steps


def negative_rules(drift: str = "", profile: Profile | None = None) -> tuple[set[str], list[str]]:
    with embedded_session(drift=(drift,) if drift else (), profile=profile) as opened:
        negative_contract(Steps(opened.session.client, opened.operations, opened.plan, scenario="negative"))
        sent_bad_key = [e.url for _, e in opened.recorder.planned if e.request_headers.get("Authorization")]
        return {f.rule for f in opened.recorder.result.failures}, sent_bad_key


def test_the_clean_mock_refuses_everything_it_should() -> None:
    assert negative_rules()[0] == set()


@pytest.mark.parametrize(
    ("drift", "rule"),
    [
        ("wrong-401-body", "workflow.no_auth_body"),
        ("auth-not-required", "workflow.ignored_auth"),
        ("accepts-invalid-email", "workflow.invalid_email_rejected"),
        ("metadata-null-accepted", "workflow.null_metadata_rejected"),
    ],
)
def test_a_refusal_that_drifted_is_named(drift: str, rule: str) -> None:
    assert rule in negative_rules(drift)[0]


def test_the_live_profile_sends_the_bad_key_probe_fewer_times_than_the_full_one() -> None:
    full, live = negative_rules(profile=Profile.FULL)[1], negative_rules(profile=Profile.LIVE)[1]
    assert len(live) < len(full)
    assert BAD_KEY.startswith("sk_test_")
