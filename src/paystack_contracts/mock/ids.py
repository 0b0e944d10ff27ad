"""Identifier shapes, as recorded from the real API (reference §1 "Identifiers", §2.7, §2.14).

* customer codes: `CUS_` + 15 lowercase alphanumerics (`CUS_pztcpsx5kng2fbk`, every recorded sample);
* authorization codes: `AUTH_` + 10 mixed-case alphanumerics (`AUTH_JV4T9Wawdj`);
* access codes: 15 lowercase alphanumerics (`82t4mp5b5mfn51h`); references: 15 more + the access code;
* card signatures: `SIG_` + 20 mixed-case alphanumerics;
* GlobalStack ids: `cust_` / `ref_` / `req_` + a ULID.

ULIDs are made here with the stdlib: a ULID is a 48-bit millisecond time and 80 random bits in Crockford base32,
about ten lines. The PyPI packages (python-ulid, ulid-py) add parsing, monotonic counters and datetime helpers we
do not need, so a dependency would cost more than it saves. Integer ids come from SQLite (see store.py).
"""

from __future__ import annotations

import random
import string

__all__ = ["CROCKFORD", "IdFactory"]

_LOWER = string.ascii_lowercase + string.digits
_MIXED = string.ascii_letters + string.digits
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class IdFactory:
    """Draws identifiers from one random source (seeded for reproducible runs, else from the OS)."""

    def __init__(self, seed: int | None = None) -> None:
        self._random: random.Random = random.Random(seed) if seed is not None else random.SystemRandom()

    def _draw(self, alphabet: str, length: int) -> str:
        return "".join(self._random.choices(alphabet, k=length))

    def customer_code(self) -> str:
        return "CUS_" + self._draw(_LOWER, 15)

    def authorization_code(self) -> str:
        return "AUTH_" + self._draw(_MIXED, 10)

    def access_code(self) -> str:
        return self._draw(_LOWER, 15)

    def reference(self, access_code: str) -> str:
        return self._draw(_LOWER, 15) + access_code

    def signature(self) -> str:
        return "SIG_" + self._draw(_MIXED, 20)

    def ulid(self, millis: int) -> str:
        """A 26-character ULID for the given Unix time in milliseconds."""
        value = (millis & (2**48 - 1)) << 80 | self._random.getrandbits(80)
        return "".join(CROCKFORD[(value >> shift) & 31] for shift in range(125, -1, -5))
