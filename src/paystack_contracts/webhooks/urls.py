"""Where events may be sent: loopback over http by default, a remote host only over https and when allowed.

The same policy as `run --base-url`: `url_policy.vet_base_url` parses and vets every URL (one strict reading:
no backslashes, credentials, control characters or odd numeric hosts); a handler's query string is kept as given.
"""

from __future__ import annotations

import ipaddress

from paystack_contracts.errors import ConfigError, UnsafeTargetError
from paystack_contracts.url_policy import vet_base_url

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
    text = raw.strip()
    scheme = text.split("://", 1)[0].lower() if "://" in text else ""
    if scheme not in {"http", "https"}:
        raise ConfigError(f"{what} must be an http(s) URL with a host, got {raw!r}")
    vetted = vet_base_url("https" + text[len(scheme) :].split("?", 1)[0])  # the host, read once, strictly
    if vetted.loopback:
        return text
    if not allow_remote:
        raise UnsafeTargetError(f"refusing {what} {vetted.host}: only loopback hosts unless --allow-remote")
    if scheme != "https":
        raise UnsafeTargetError(f"refusing plain http to remote host {vetted.host}: use https")
    return text
