"""Who is calling: the Bearer secret key decides the mode ("test"/"live"), and the mode partitions every record.

Missing header -> 401 "No Authorization header was found"; anything else that is not an accepted, well-formed
secret key -> 401 "Invalid key" (reference §3, ISSUES laravel-paystack #55/#86/#108 [LIVE]).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from paystack_contracts.mock.errors import ApiError
from paystack_contracts.mock.settings import MockSettings

__all__ = ["WELL_FORMED_KEY", "authenticate"]

WELL_FORMED_KEY = re.compile(r"sk_(test|live)_[A-Za-z0-9]{20,64}")


def authenticate(headers: Mapping[str, str], settings: MockSettings, *, required: bool = True) -> str:
    """The caller's mode, or ApiError(401). With `required=False` (a drift) a missing key means test mode."""
    header = headers.get("authorization")
    if header is None or not header.strip():
        if not required:
            return "test"
        raise ApiError(401, settings.missing_header_message, "unauthorized")
    scheme, _, key = header.strip().partition(" ")
    match = WELL_FORMED_KEY.fullmatch(key.strip())
    if scheme.lower() != "bearer" or match is None:
        raise ApiError(401, "Invalid key", "unauthorized")
    if settings.accepted_keys is not None and key.strip() not in settings.accepted_keys:
        raise ApiError(401, "Invalid key", "unauthorized")
    return match.group(1)
