"""The checks' own tests use fabricated responses; the contract-view tests also need real cases of the contract."""

from __future__ import annotations

from tests.run.conftest import embedded  # noqa: F401  (a session against the embedded mock, for real cases)
