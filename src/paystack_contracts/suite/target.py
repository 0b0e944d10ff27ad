"""Where the suite sends requests, and the safety rules applied before the first one leaves.

A `TargetSpec` is built from options and the environment; `resolve_target` refuses what must never run
(a live key, plain HTTP to a remote host) by raising `UnsafeTargetError` before anything is sent. No base URL
means the embedded mock, in-process: no network and no user key (the mock's own test key is used).
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from paystack_contracts.credentials import SecretKey
from paystack_contracts.errors import ConfigError, UnsafeTargetError

__all__ = [
    "DEFAULT_LIVE_BUDGET",
    "ResolvedTarget",
    "TargetSpec",
    "check_base_url",
    "is_loopback",
    "resolve_target",
]

DEFAULT_LIVE_BUDGET = 100
"""Paystack's test-mode rate limit is 100 requests per 60 s per integration (reference §1, RL)."""

EMBEDDED = "in-process mock"


@dataclass(frozen=True, slots=True)
class TargetSpec:
    """What the user asked for, unvalidated. Values are raw strings from flags or the environment."""

    base_url: str | None = None
    secret_key: str | None = None
    globalstack_base_url: str | None = None
    globalstack_key: str | None = None

    @classmethod
    def from_environment(cls, env: Mapping[str, str] | None = None, **given: str | None) -> TargetSpec:
        """Flags win over PAYSTACK_BASE_URL, PAYSTACK_SECRET_KEY, PAYSTACK_GLOBALSTACK_BASE_URL/_KEY."""
        env = os.environ if env is None else env
        names = {
            "base_url": "PAYSTACK_BASE_URL",
            "secret_key": "PAYSTACK_SECRET_KEY",
            "globalstack_base_url": "PAYSTACK_GLOBALSTACK_BASE_URL",
            "globalstack_key": "PAYSTACK_GLOBALSTACK_KEY",
        }
        values = {field: given.get(field) or env.get(name) or None for field, name in names.items()}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class ResolvedTarget:
    """A target that passed the safety rules. `base_url` is None for the embedded mock."""

    base_url: str | None
    key: SecretKey
    globalstack_base_url: str | None
    globalstack_key: SecretKey

    @property
    def embedded(self) -> bool:
        return self.base_url is None

    @property
    def loopback(self) -> bool:
        return self.base_url is None or is_loopback(self.base_url)

    @property
    def label(self) -> str:
        return self.base_url or EMBEDDED

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every secret in play, for redaction."""
        return tuple({self.key.reveal(), self.globalstack_key.reveal()})


def resolve_target(spec: TargetSpec, *, embedded_key: str | None = None) -> ResolvedTarget:
    """Apply the safety rules. Raises `UnsafeTargetError`/`ConfigError`; never sends anything."""
    base_url = check_base_url(spec.base_url) if spec.base_url else None
    if base_url is None:
        key = SecretKey.parse(spec.secret_key or embedded_key or _missing_key())
    elif not spec.secret_key:
        raise ConfigError("a base URL needs a test secret key: pass --secret-key or set PAYSTACK_SECRET_KEY")
    else:
        key = SecretKey.parse(spec.secret_key)
    gs_url = check_base_url(spec.globalstack_base_url) if spec.globalstack_base_url else _default_gs(base_url)
    gs_key = SecretKey.parse(spec.globalstack_key) if spec.globalstack_key else key
    return ResolvedTarget(base_url, key, gs_url, gs_key)


def check_base_url(url: str) -> str:
    """A usable base URL without a trailing slash; plain HTTP only to loopback hosts."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigError(f"base URL must look like https://api.paystack.co, got {url!r}")
    if parts.scheme == "http" and not is_loopback(url):
        raise UnsafeTargetError(
            f"refusing plain HTTP to a non-loopback host ({parts.hostname}): the key would travel unencrypted; "
            "use https:// (plain http is allowed for 127.0.0.1, ::1 and localhost only)"
        )
    return url.strip().rstrip("/")


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _default_gs(base_url: str | None) -> str | None:
    """GlobalStack on the embedded or a loopback mock lives at <mock>/v1; a remote target needs its own URL."""
    if base_url is None:
        return None
    return f"{base_url}/v1" if is_loopback(base_url) else None


def _missing_key() -> str:
    raise ConfigError("no secret key for the embedded mock")
