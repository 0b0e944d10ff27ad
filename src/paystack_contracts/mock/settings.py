"""`MockSettings`: every knob of the sandbox, with the evidence-backed default and where the evidence is.

The reference note (paystack-behaviour.md) leaves ten questions open (§5). Each one is a named field here, so a
user who learns the real answer from a live run flips a setting instead of patching code. Fields marked [GUESS]
have no public evidence either way; their default is the reading the note calls most likely.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from paystack_contracts.errors import ConfigError

__all__ = ["DEFAULT_TEST_KEY", "MockSettings", "parse_setting"]

DEFAULT_TEST_KEY = "sk_test_" + "0" * 8 + "mock" + "0" * 28
"""A well-formed, obviously fake test key that the default settings accept (any well-formed key is accepted)."""


@dataclass(frozen=True, slots=True)
class MockSettings:
    """How the sandbox behaves. Frozen: build a new one with `dataclasses.replace` or `with_overrides`."""

    drift: tuple[str, ...] = ()
    """Names of `DRIFT_PROFILES` to switch on (deliberate deviations, for proving the suite catches drift)."""

    seed_customers: int = 0
    """Customers created at start-up in the test domain (customer1@example.com ...)."""

    db_path: str | Path | None = None
    """SQLite file; None keeps everything in memory. A file survives restarts."""

    accepted_keys: frozenset[str] | None = None
    """None accepts any well-formed secret key `^sk_(test|live)_[A-Za-z0-9]{20,64}$`; a set accepts only those."""

    random_seed: int | None = None
    """Seed for generated codes and references; None draws from the OS."""

    integration_id: int = 463433
    """The merchant integration id on records (the value of most official samples)."""

    # --- reference §5 open questions -------------------------------------------------------------------------

    duplicate_email: Literal["return_existing", "update_existing", "reject"] = "return_existing"
    """§5.1. Re-creating an existing email. RS re-creates test@email.com on every live run and gets status true
    "Customer created" [LIVE], so it is not an error; [GUESS] the existing record comes back unchanged with 200."""

    unknown_code_message: str = "Customer not found"
    """§5.2 [GUESS]. 404 text for an unknown customer code or id (fetch/update/validate/risk action)."""

    unknown_email_message: str = "Customer email is invalid for your {domain} domain."
    """§5.2. 404 text for an unknown email; the SNIP fetch sample reads "...for your live domain." [DOC]; [GUESS]
    the word follows the key's mode."""

    error_style: Literal["classic", "new"] = "classic"
    """§5.3. "classic" errors are `{status, message}` (every customer error sample [DOC]); "new" adds `type`, `code`
    and `meta.nextStep` (DOCS 0d, used by newer endpoints). 429 always has the new fields (RL [DOC])."""

    per_page_as_sent: bool = False
    """§5.4. False (default): offset meta answers `perPage` as an integer, as every docs sample does (DOCS 0a/0c,
    SNIP list, ALX fixture). True echoes the string sent in the query: a [GUESS] from OAS typing it string|integer
    and huysamen's Go SDK parsing strings, kept as a setting."""

    metadata_string_accepted: bool = True
    """§5.5 [GUESS]. A string holding a JSON object is accepted as metadata (Joi `convert`); other strings get 400."""

    update_email: Literal["ignore", "reject", "apply"] = "ignore"
    """§5.6 [GUESS]. What PUT does with `email` in the body: OAS `CustomerUpdate` has no email, so ignore it."""

    request_id_header: str | None = None
    """§5.7. No request-id header is documented; set a name (e.g. "x-request-id") to send one."""

    rate_limit_headers_always: bool = True
    """§5.7 [GUESS]. With rate limiting on, `x-ratelimit-*` headers go on every response, not only on 429."""

    missing_header_message: str = "No Authorization header was found"
    """§5.8. 401 text without an Authorization header: andela-sjames/paystack-python #26 [LIVE, 2017]; Postman
    pages capitalise "Header"."""

    max_per_page: int | None = None
    """§5.9. No documented maximum perPage; set one to clamp larger values."""

    fetch_dedicated_accounts: bool = False
    """§5.10. OAS requires `dedicated_accounts` on fetch but the SNIP sample lacks it; True adds `[]`."""

    # --- other evidence-backed behaviour ---------------------------------------------------------------------

    json_without_content_type: bool = False
    """A JSON body sent with no Content-Type is undocumented. False (default): the body is not read, as Express's
    body-parser does (Paystack's Joi-style messages suggest that stack [GUESS]), so a client that forgets the
    header hears about it here. No client we checked depends on it: pypaystack2 3.4 sends `Content-Type:
    application/json` on every request (base_clients `_headers`), and so do paystackpy, paystakk and the docs'
    curl samples; the official PHP snippets send form bodies. True reads such bodies as JSON."""

    list_meta_default: Literal["offset", "cursor"] = "offset"
    """Meta of a plain GET /customer. The SNIP sample shows cursor meta; OAS requires offset meta. [GUESS] offset,
    with cursor meta only on `use_cursor=true`."""

    forbidden_risk_actions: frozenset[str] = frozenset()
    """Risk actions the integration may not set: 403 "You cannot modify risk level of customers on this
    integration" [DOC: SNIP]. RS's live integration forbids "allow" [LIVE]; off by default."""

    accept_hyphenated_channel: bool = True
    """Authorization initialize: OAS's enum is `direct_debit`, the docs' prose (and pypaystack2's default) say
    "direct-debit" [GUESS: both accepted]."""

    rate_limit: bool = False
    """Enforce the per-mode quotas with 429 "Rate limit exceeded!" (RL [DOC]). Off so local runs are fast."""

    rate_limit_test: int = 100
    rate_limit_live: int = 600
    rate_limit_window: float = 60.0

    max_body_bytes: int = 1_048_576
    """[GUESS] Larger request bodies get 413 in the JSON envelope."""

    html_edge_errors: bool = False
    """Malformed or oversized bodies answer the Cloudflare HTML 400 page instead of JSON (ISSUES yabacon #21/#26)."""

    idempotency_ttl: float = 86_400.0
    """GlobalStack: how long an Idempotency-Key replays its response (24 h [DOC: S002])."""

    globalstack_create_status: int = 201
    """GlobalStack create success status: not stated in S002 [GUESS 201]."""

    # --- webhooks (https://paystack.com/docs/payments/webhooks/; reference §2.5) -----------------------------

    webhook_url: str | None = None
    """Where identification outcome events go; None sends none. Loopback only unless `webhook_allow_remote`."""

    webhook_allow_remote: bool = False
    """Allow a non-loopback `webhook_url` (https only), as `run --allow-remote` does for targets."""

    webhook_delay: float = 1.0
    """[GUESS] Seconds between the 202 and the first delivery (Paystack states no figure); not scaled."""

    webhook_time_scale: float = 1.0
    """Multiplies every retry delay: 0.0001 turns Paystack's hourly retries into 0.36 s for tests."""

    webhook_timeout: float = 30.0
    """[GUESS] Seconds a receiver may take before the attempt counts as failed (no documented figure here)."""

    webhook_test_retry_hours: int = 72
    """Test mode retries hourly for this many hours (72 per the AsyncAPI summary of the webhooks page; some
    readings of the page say 10): the number of retries after a failed first attempt."""

    webhook_live_retry_hours: int = 72
    """Live mode retries every 3 minutes for the first 4 tries, then hourly for this many hours [DOC]."""

    webhook_failure_reason: str = "Account number or BVN is incorrect"
    """`data.reason` of customeridentification.failed (SNIP failed sample)."""

    webhook_log: Callable[[Any], None] | None = field(default=None, compare=False, repr=False)
    """Called with each delivery attempt (event, attempt, status, latency); the CLI prints them."""

    clock: Callable[[], float] = field(default=time.time, compare=False, repr=False)
    """Seconds since the epoch; tests inject a fake clock to move through rate windows and idempotency expiry."""

    def with_overrides(self, overrides: Mapping[str, str]) -> MockSettings:
        """A copy with `NAME=VALUE` strings applied (the CLI's --setting), each parsed to the field's type."""
        return replace(self, **{name: parse_setting(name, value) for name, value in overrides.items()})


_SETTABLE = {
    f.name: f for f in fields(MockSettings) if f.name not in {"drift", "clock", "accepted_keys", "webhook_log"}
}


def parse_setting(name: str, value: str) -> Any:
    """Parse one `NAME=VALUE` setting to the type its field declares; a bad one is a one-line ConfigError."""
    if name not in _SETTABLE:
        raise ConfigError(f"unknown mock setting {name!r}; known: {', '.join(sorted(_SETTABLE))}")
    kind = str(_SETTABLE[name].type)
    try:
        return _convert(kind, value)
    except ValueError as exc:
        raise ConfigError(f"mock setting {name}: {exc}") from None


def _convert(kind: str, value: str) -> Any:
    if kind == "bool":
        if value.lower() not in {"true", "false", "1", "0", "yes", "no", "on", "off"}:
            raise ValueError(f"expected true or false, got {value!r}")
        return value.lower() in {"true", "1", "yes", "on"}
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind.startswith("int | None"):
        return None if value.lower() in {"", "none"} else int(value)
    if kind.startswith("str | None"):
        return None if value.lower() in {"", "none"} else value
    if kind.startswith("frozenset"):
        return frozenset(part for part in value.split(",") if part)
    if kind.startswith("Literal"):
        allowed = [part.strip().strip("'\"") for part in kind[len("Literal[") : -1].split(",")]
        if value not in allowed:
            raise ValueError(f"expected one of {', '.join(allowed)}, got {value!r}")
    return value
