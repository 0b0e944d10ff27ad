"""The URL policy: one strict reading of a base URL, decided once, before anything is sent.

HTTP libraries disagree on odd URLs: for `http://evil\\@127.0.0.1` httpx reads the host 127.0.0.1 while urllib3
(under requests and Schemathesis) reads `evil`. A guard that parses with one library and sends with another can be
walked around. So this policy is *stricter than every sender*: anything two parsers could read differently is
refused, and what is accepted has one meaning — every accepted URL gets the same host and port from
`urllib.parse`, httpx and urllib3 (tests/test_url_policy.py checks it against all three).

Refused outright: backslashes, userinfo (any `@` in the authority), whitespace and control characters, non-ASCII
(write an IDN host in punycode), percent signs in the host, non-http(s) schemes, empty hosts, ports outside
1-65535, queries and fragments, a trailing dot, numeric hosts that are not a plain dotted quad (`127.1`,
`0x7f000001`, `2130706433`, `0177.0.0.1` resolve to loopback in C resolvers but are names to a URL parser), and
IPv4-mapped IPv6 (`[::ffff:127.0.0.1]`, write `127.0.0.1`). Plain `http` is allowed to loopback only:
127.0.0.0/8, `[::1]` and `localhost` (exactly; `foo.localhost` is a name like any other).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from paystack_contracts.errors import ConfigError, UnsafeTargetError

__all__ = ["VettedUrl", "same_origin", "vet_base_url", "vet_redirect"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
_HOST_NAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")
_NUMERIC_LABEL = re.compile(r"(?:0x[0-9a-f]*|[0-9]+)")
_EXAMPLE = "base URL must look like https://api.paystack.co"


@dataclass(frozen=True, slots=True)
class VettedUrl:
    """A URL that passed the policy. `url` is normalised: lower-case scheme and host, no default port, no trailing /."""

    scheme: str
    host: str
    port: int
    path: str

    @property
    def origin(self) -> str:
        return f"{self.scheme}://{self._netloc(explicit_port=True)}"

    @property
    def url(self) -> str:
        return f"{self.scheme}://{self._netloc(explicit_port=False)}{self.path}"

    @property
    def loopback(self) -> bool:
        return _is_loopback(self.host)

    def _netloc(self, *, explicit_port: bool) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        if explicit_port or self.port != _DEFAULT_PORTS[self.scheme]:
            return f"{host}:{self.port}"
        return host

    def __str__(self) -> str:
        return self.url


def vet_base_url(raw: str) -> VettedUrl:
    """The base URL `raw` as a `VettedUrl`. Raises `ConfigError` (malformed) or `UnsafeTargetError` (unsafe)."""
    vetted = _vet(raw.strip(), allow_query=False)
    if vetted.scheme == "http" and not vetted.loopback:
        raise UnsafeTargetError(
            f"refusing plain HTTP to a non-loopback host ({vetted.host}): the key would travel unencrypted; "
            "use https:// (plain http is allowed for 127.0.0.1, ::1 and localhost only)"
        )
    return vetted


def same_origin(a: VettedUrl, b: VettedUrl) -> bool:
    """Same scheme, host and port: the only case in which a request may carry the key to `b`."""
    return a.origin == b.origin


def vet_redirect(origin: VettedUrl, location: str) -> VettedUrl | None:
    """Where a `Location` header leads, if it may be followed with the key; None if it must not be followed.

    None for another origin (host, port or scheme — an https -> http downgrade too) and for anything the policy
    refuses. The caller stops there and reports the redirect; it never re-sends the key elsewhere.
    """
    if not location or _suspicious(location):
        return None
    try:
        target = _vet(urljoin(origin.url + "/", location.split("#", 1)[0]), allow_query=True)
    except ConfigError:
        return None
    return target if same_origin(origin, target) else None


def _vet(text: str, *, allow_query: bool) -> VettedUrl:
    if _suspicious(text):
        raise ConfigError(f"{_EXAMPLE}; got a URL with {_suspicious(text)}")
    try:
        parts = urlsplit(text)
    except ValueError:  # urlsplit checks bracketed hosts itself
        raise ConfigError(f"{_EXAMPLE}: the host in brackets is not an IPv6 address") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not text[len(scheme) + 1 :].startswith("//"):
        raise ConfigError(f"{_EXAMPLE} (http or https), got {text!r}")
    if "@" in parts.netloc:
        raise UnsafeTargetError("credentials in the URL are refused: pass the key with --secret-key instead")
    if "#" in text or ("?" in text and not allow_query):
        raise ConfigError(f"{_EXAMPLE}: a base URL has no query or fragment, got {text!r}")
    host = _vet_host(parts.netloc, text)
    path = parts.path.rstrip("/") + (f"?{parts.query}" if parts.query else "")
    return VettedUrl(scheme, host, _vet_port(parts.netloc, scheme, text), path)


def _suspicious(text: str) -> str:
    """What makes `text` readable two ways, or '' when nothing does."""
    if "\\" in text:
        return "a backslash"
    if not text.isascii():
        return "non-ASCII characters (write an international host name in punycode)"
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in text):
        return "whitespace or control characters"
    return ""


def _vet_host(netloc: str, text: str) -> str:
    host = netloc.rpartition(":")[0] if netloc.rfind(":") > netloc.rfind("]") else netloc
    host = host.lower()
    if "%" in host:
        raise ConfigError(f"{_EXAMPLE}: {host!r} is not a host name (percent-encoding and zone ids are refused)")
    if host.startswith("["):
        return _vet_ipv6(host, text)
    if not host:
        raise ConfigError(f"{_EXAMPLE}: the host is empty in {text!r}")
    if not _HOST_NAME.fullmatch(host):
        raise ConfigError(f"{_EXAMPLE}: {host!r} is not a host name (letters, digits, '-' and '.' only)")
    if _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
        return _vet_ipv4(host)
    return host


def _vet_ipv4(host: str) -> str:
    try:
        address = ipaddress.IPv4Address(host)
    except ValueError:
        raise ConfigError(
            f"{_EXAMPLE}: {host!r} is an ambiguous numeric host (resolvers read forms like 127.1 or 0x7f000001 "
            "as addresses); write a dotted quad such as 127.0.0.1"
        ) from None
    return str(address)


def _vet_ipv6(bracketed: str, text: str) -> str:
    if not bracketed.endswith("]"):
        raise ConfigError(f"{_EXAMPLE}: unclosed '[' in {text!r}")
    try:
        address = ipaddress.IPv6Address(bracketed[1:-1])
    except ValueError:
        raise ConfigError(f"{_EXAMPLE}: {bracketed} is not an IPv6 address") from None
    if address.ipv4_mapped is not None or (int(address) >> 32 == 0 and int(address) != 1):
        raise ConfigError(f"{_EXAMPLE}: write IPv4-mapped {bracketed} as a dotted quad (e.g. 127.0.0.1)")
    return address.compressed


def _vet_port(netloc: str, scheme: str, text: str) -> int:
    if netloc.rfind(":") <= netloc.rfind("]"):
        return _DEFAULT_PORTS[scheme]
    digits = netloc.rpartition(":")[2]
    if not digits.isdigit() or not 1 <= int(digits) <= 65535:
        raise ConfigError(f"{_EXAMPLE}: the port must be a number from 1 to 65535 in {text!r}")
    return int(digits)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
