"""Where events may be sent: loopback over http by default, a remote host only over https and when allowed.

The same policy as `run --base-url`. Hand-written and private to webhooks for now (a shared url_policy module is
being written elsewhere; the two should become one).
"""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

from paystack_contracts.errors import ConfigError, UnsafeTargetError

__all__ = ["is_loopback", "vet_url"]

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


def is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def vet_url(raw: str, *, allow_remote: bool = False, what: str = "webhook URL") -> str:
    """`raw` when it is a URL events may go to; otherwise a one-line refusal (nothing has been sent)."""
    parts = urlsplit(raw.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError(f"{what} must be an http(s) URL with a host, got {raw!r}")
    if is_loopback(parts.hostname):
        return raw.strip()
    if not allow_remote:
        raise UnsafeTargetError(f"refusing {what} {parts.hostname}: only loopback hosts unless --allow-remote")
    if parts.scheme != "https":
        raise UnsafeTargetError(f"refusing plain http to remote host {parts.hostname}: use https")
    return raw.strip()
