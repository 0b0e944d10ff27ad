"""A one-line reproduction of a request: curl, with the key replaced by `$PAYSTACK_SECRET_KEY`.

Schemathesis's `Case.as_curl_command` filters credentials to `[Filtered]`, which leaves a line that cannot run;
this one substitutes the environment variable, so a user pastes it as-is and their own key is used. Everything
still passes through `credentials.redact`, so a key that slipped into a URL or body never shows.
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping

from paystack_contracts.credentials import redact

__all__ = ["curl_line"]

_KEY_VARIABLE = "$PAYSTACK_SECRET_KEY"
_SKIPPED_HEADERS = frozenset({"user-agent", "accept-encoding", "connection", "content-length", "host", "accept"})


def curl_line(method: str, url: str, headers: Mapping[str, str], body: bytes | str | None, *secrets: str) -> str:
    """`curl -X POST 'https://…' -H "Authorization: Bearer $PAYSTACK_SECRET_KEY" -d '{…}'`."""
    parts = ["curl", "-X", method.upper(), shlex.quote(redact(url, *secrets))]
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in _SKIPPED_HEADERS:
            continue
        if lowered == "authorization":
            scheme = value.split(" ", 1)[0] if " " in value else "Bearer"
            parts += ["-H", f'"Authorization: {scheme} {_KEY_VARIABLE}"']
            continue
        parts += ["-H", shlex.quote(f"{name}: {redact(value, *secrets)}")]
    if body:
        text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
        parts += ["-d", shlex.quote(redact(text, *secrets))]
    return " ".join(parts)
