"""Keys and quotas: 401 texts, accepted keys, modes, 429 with x-ratelimit-* headers."""

from __future__ import annotations

import pytest

from paystack_contracts.mock import DEFAULT_TEST_KEY, MockSettings


def test_a_missing_header_is_401_with_the_recorded_text(make_client):
    response = make_client(key=None).get("/customer")
    assert (response.status_code, response.json()) == (
        401,
        {"status": False, "message": "No Authorization header was found"},
    )


@pytest.mark.parametrize(
    "header",
    ["Bearer sk_test_short", "Bearer pk_test_" + "a" * 40, "Basic " + "a" * 40, "Bearer", "sk_test_" + "a" * 40],
)
def test_a_malformed_key_is_401_invalid_key(client, header):
    response = client.get("/customer", headers={"Authorization": header})
    assert (response.status_code, response.json()) == (401, {"status": False, "message": "Invalid key"})


def test_accepted_keys_restrict_who_may_call(make_client, canary_key):
    client = make_client(MockSettings(accepted_keys=frozenset({canary_key})), key=canary_key)
    assert client.get("/customer").status_code == 200
    assert client.get("/customer", headers={"Authorization": f"Bearer {DEFAULT_TEST_KEY}"}).status_code == 401


def test_missing_header_casing_is_a_setting(make_client):
    client = make_client(MockSettings(missing_header_message="No Authorization Header was found"), key=None)
    assert client.get("/customer").json()["message"] == "No Authorization Header was found"


def test_the_test_quota_answers_429_with_the_documented_body_and_headers(make_client):
    now = [1000.0]
    client = make_client(MockSettings(rate_limit=True, rate_limit_test=3, clock=lambda: now[0]))
    answers = [client.get("/customer") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[0].headers["x-ratelimit-limit"] == "3"
    assert answers[0].headers["x-ratelimit-remaining"] == "2"
    assert answers[3].json() == {
        "status": False,
        "message": "Rate limit exceeded!",
        "meta": {"nextStep": "Wait a few minutes and try the API call again"},
        "type": "api_error",
        "code": "rate_limited",
    }
    assert answers[3].headers["x-ratelimit-reset"] == "60"
    now[0] += 60
    assert client.get("/customer").status_code == 200


def test_rate_limiting_is_off_by_default(client):
    assert all(client.get("/customer").status_code == 200 for _ in range(120))
