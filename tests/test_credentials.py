from __future__ import annotations

import base64
from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paystack_contracts.credentials import REDACTED, Redactor, SecretKey, redact, redact_mapping
from paystack_contracts.errors import UnsafeTargetError


def test_a_live_key_is_refused_without_echoing_it() -> None:
    live = "sk_live_" + "f" * 40
    with pytest.raises(UnsafeTargetError) as info:
        SecretKey.parse(live)
    assert live not in str(info.value)


@pytest.mark.parametrize("value", ["", "pk_test_abcdefgh1234", "sk_test_", "Bearer sk_test_abc", "sk_test_ab cd"])
def test_malformed_keys_are_refused(value: str) -> None:
    with pytest.raises(UnsafeTargetError):
        SecretKey.parse(value)


def test_a_key_never_shows_its_value(canary_key: str) -> None:
    key = SecretKey.parse(canary_key)
    assert key.mode == "test"
    for shown in (str(key), repr(key), f"{key}", key.redacted):
        assert canary_key not in shown
    assert key.reveal() == canary_key


def test_redact_removes_the_key_and_anything_key_shaped(canary_key: str) -> None:
    text = f"curl -H 'Authorization: Bearer {canary_key}' ; other sk_live_abcdef123456"
    cleaned = redact(text, canary_key)
    assert canary_key not in cleaned
    assert "sk_live_abcdef123456" not in cleaned


def test_sensitive_headers_are_masked_whole(canary_key: str) -> None:
    headers = {"Authorization": f"Bearer {canary_key}", "X-Echo": canary_key, "Accept": "application/json"}
    masked = redact_mapping(headers, canary_key)
    assert masked["Authorization"] == "[REDACTED]"
    assert canary_key not in masked["X-Echo"]
    assert masked["Accept"] == "application/json"


def _copies(key: str) -> dict[str, str]:
    raw = key.encode()
    return {
        "raw": key,
        "upper": key.upper(),
        "hex": raw.hex(),
        "HEX": raw.hex().upper(),
        "base64": base64.b64encode(raw).decode(),
        "urlsafe base64": base64.urlsafe_b64encode(raw).decode(),
        "fully percent-encoded": "".join(f"%{b:02x}" for b in raw),
    }


def _leaks(key: str, text: str) -> list[str]:
    """Which copies of `key` are still in `text`, searching base64 at every alignment."""
    found = [name for name, copy in _copies(key).items() if copy.lower() in text.lower()]
    for k in range(3):
        core = base64.b64encode(bytes(k) + key.encode()).decode()[4:-4]
        if core in text or core.replace("+", "-").replace("/", "_") in text:
            found.append(f"base64 at offset {k}")
    return found


@pytest.mark.parametrize(
    "template",
    [
        "x_{raw}",
        "abc{raw}def",
        '{{"echo": "Bearer {raw}"}}',
        "got {upper}!",
        "0x{hex}",
        "HEX:{HEX}",
        "Authorization: Basic {basic}",
        "prefix{b64_1}suffix",
        "prefix{b64_2}suffix",
        "q={pct}&r={urlsafe}",
        "https://user:{raw}@api.paystack.co/x",
    ],
)
def test_every_form_of_a_known_key_is_removed_anywhere(canary_key: str, template: str) -> None:
    raw = canary_key.encode()
    text = template.format(
        raw=canary_key,
        upper=canary_key.upper(),
        hex=raw.hex(),
        HEX=raw.hex().upper(),
        basic=base64.b64encode(raw + b":").decode(),
        b64_1=base64.b64encode(b"{" + raw + b"}").decode(),
        b64_2=base64.b64encode(b'{"' + raw + b'"}').decode(),
        pct="".join(f"%{b:02X}" for b in raw),
        urlsafe=base64.urlsafe_b64encode(b"??" + raw).decode(),
    )
    assert _leaks(canary_key, text), "the template must contain a copy of the key"
    cleaned = Redactor.of(canary_key).redact(text)
    assert _leaks(canary_key, cleaned) == []
    assert REDACTED in cleaned


def test_a_key_the_redactor_was_not_told_about_is_caught_glued_too() -> None:
    env_key = "sk_test_" + "e" * 32
    for text in (f"x_{env_key}", f"abc{env_key}", f'got "x_{env_key.upper()}"'):
        assert "e" * 32 not in Redactor.of().redact(text).lower()


def test_every_secret_the_run_knows_is_redacted(canary_key: str) -> None:
    flag, env, globalstack = canary_key, "sk_test_" + "f" * 30, "gs_" + "9" * 24
    redactor = Redactor.of(flag, SecretKey.parse(env), globalstack, None, "")
    cleaned = redactor(f"{flag} {base64.b64encode(env.encode()).decode()} {globalstack.encode().hex()}")
    assert all(copy not in cleaned for copy in ("c4n4", "f" * 16, "39" * 8))


def test_credentials_and_bearer_tokens_in_text_are_redacted() -> None:
    redactor = Redactor.of()
    assert redactor("see https://admin:hunter2@api.example.test/x") == "see https://[REDACTED]@api.example.test/x"
    assert redactor("Authorization: Bearer eyJhbGciOi.J9x1") == "Authorization: Bearer [REDACTED]"
    assert redactor("basic information about customers") == "basic information about customers"


def test_short_secrets_do_not_blank_out_ordinary_words() -> None:
    assert Redactor.of("the").redact("the customer") == "the customer"


def test_the_redactor_never_shows_the_secrets_it_holds(canary_key: str) -> None:
    assert canary_key not in repr(Redactor.of(canary_key))


def test_the_one_call_forms_keep_their_signatures(canary_key: str) -> None:
    assert canary_key.upper() not in redact(f"k={canary_key.upper()}", canary_key)
    assert canary_key not in redact_mapping({"X-Echo": f"x_{quote(canary_key)}"}, canary_key)["X-Echo"]


LIVE = "sk_live_" + "a1b2" * 10


@pytest.mark.parametrize(
    "value",
    [LIVE, f" {LIVE}", f"{LIVE}\n", f"\t{LIVE} ", LIVE[:16], LIVE + "x", f"Bearer {LIVE}", LIVE.upper(),
     f"sk_live_{'Z' * 8}", f"'{LIVE}'", f'"{LIVE}"', f"{LIVE}:", f"sk_live_{'a' * 7}"],
)  # fmt: skip
def test_live_key_variants_are_refused_without_echoing_them(value: str) -> None:
    with pytest.raises(UnsafeTargetError) as info:
        SecretKey.parse(value)
    assert "a1b2" not in str(info.value)
    assert "ZZZZ" not in str(info.value)


@pytest.mark.parametrize("source", ["--secret-key", "PAYSTACK_GLOBALSTACK_KEY"])
def test_a_malformed_key_names_where_it_came_from_and_the_real_rule(source: str) -> None:
    with pytest.raises(UnsafeTargetError) as info:
        SecretKey.parse("sk_test_short", source=source)
    message = str(info.value)
    assert message.startswith(f"{source} is not a Paystack secret key")
    assert "at least 8 letters (A-Z, a-z) or digits" in message
    assert "PAYSTACK_SECRET_KEY" not in message


def _every_pattern(redactor: Redactor, text: str) -> str:
    """What `redact` gave before its literal checks: every pattern on every text."""
    from paystack_contracts.credentials import _BEARER, _URL_CREDENTIALS, KEY_PATTERN

    if redactor._known is not None:
        text = redactor._known.sub(REDACTED, text)
    text = KEY_PATTERN.sub(lambda m: m.group(0)[:8] + REDACTED, text)
    text = _URL_CREDENTIALS.sub(lambda m: m.group(1) + REDACTED + "@", text)
    return _BEARER.sub(lambda m: m.group(1) + m.group(2) + REDACTED, text)


_CANARY = "sk_test_" + "c0ffee" * 7


@given(
    st.lists(
        st.sampled_from(
            [
                _CANARY,
                _CANARY.upper(),
                quote(_CANARY, safe=""),
                base64.b64encode(f"x:{_CANARY}".encode()).decode(),
                _CANARY.encode().hex(),
                "ſk_test_abcdefgh1",  # a long s: the regex engine folds it to "s"
                "SK_LIVE_Abcdefgh12",
                "Bearer ",
                "BASIC ",
                "tok3nvalue99",
                "https://",
                "user:pw",
                "@",
                "İ",
                "K",  # the Kelvin sign
                " ",
                '{"email": "a@b.co"}',
            ]
        ),
        max_size=8,
    ).map("".join)
)
def test_the_literal_checks_redact_exactly_what_every_pattern_would(text: str) -> None:
    redactor = Redactor.of(_CANARY)
    assert redactor.redact(text) == _every_pattern(redactor, text)
