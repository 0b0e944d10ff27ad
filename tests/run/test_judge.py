from __future__ import annotations

import shlex

from paystack_contracts.run.judge import curl_line


def test_the_replay_line_uses_the_environment_variable_not_the_key(canary_key: str) -> None:
    line = curl_line(
        "post",
        "https://api.paystack.co/customer",
        {"Authorization": f"Bearer {canary_key}", "Content-Type": "application/json", "User-Agent": "x"},
        b'{"email": "a@example.com"}',
        canary_key,
    )
    assert canary_key not in line
    assert '"Authorization: Bearer $PAYSTACK_SECRET_KEY"' in line
    assert line.startswith("curl -X POST https://api.paystack.co/customer")
    assert "User-Agent" not in line


def test_a_key_that_leaked_into_a_body_or_url_is_redacted(canary_key: str) -> None:
    line = curl_line("GET", f"https://x.example/customer/{canary_key}", {}, f'{{"k": "{canary_key}"}}')
    assert canary_key not in line


def test_the_replay_line_is_valid_shell() -> None:
    line = curl_line("PUT", "http://127.0.0.1:1/customer/CUS_x", {}, b'{"first_name": "O\'Brien"}')
    assert shlex.split(line)[-1] == '{"first_name": "O\'Brien"}'
