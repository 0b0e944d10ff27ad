"""Which checks judge every response of a run: Schemathesis's built-in ones we keep, and ours.

Built-in checks (a consumer's view of the API; each choice explained):
- ON  not_a_server_error: a 5xx is never part of the contract.
- ON  status_code_conformance: every status the API answers must be documented (undocumented = drift).
- ON  content_type_conformance: Paystack answers application/json (reference §1); anything else is drift.
- ON  response_schema_conformance: bodies match the documented schema for their status.
- ON  response_headers_conformance: documented response headers are present and well-typed.
- ON  missing_required_header: a request missing a required header must be refused.
- OFF negative_data_rejection: Paystack coerces and tolerates input the schema forbids (stringified metadata,
      extra fields), and the contract is deliberately tolerant where sources disagree; accepting such input is not
      a contract break for a consumer, and the check's false positives are tracked upstream (#2900, #3073, #4332).
- OFF positive_data_acceptance: the live API validates beyond what a schema can say (odd email domains are
      rejected, reference §2.1), so a schema-valid request may rightly get 400 (#2906, #3516 are open).
- OFF unsupported_method / allow_header_conformance: Paystack's router answers unknown methods with a JSON 4xx,
      not 405 + Allow; a consumer never relies on that. "Wrong method -> 4xx, never 5xx" is still enforced by
      not_a_server_error on the coverage phase's method probes and by the negative scenario.
- OFF ignored_auth: it re-sends every case without and with bad credentials (tripling requests against a rate
      limit); the negative scenario sends one no-auth and one bad-key request per operation instead.
- OFF object_level_authorization (needs a second account), max_response_time (latency is not the contract;
      timeouts are inconclusive), use_after_free (the API has no DELETE).
"""

from __future__ import annotations

from collections.abc import Sequence

from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    missing_required_header,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from paystack_contracts.checks import ALL_CHECKS
from paystack_contracts.checks._guards import Check
from paystack_contracts.errors import UsageError

__all__ = ["BUILTIN_CHECKS", "CHECKS", "CHECK_NAMES", "select_checks"]

BUILTIN_CHECKS: tuple[Check, ...] = (
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    missing_required_header,
)
CHECKS: tuple[Check, ...] = (*BUILTIN_CHECKS, *ALL_CHECKS)
CHECK_NAMES: tuple[str, ...] = tuple(check.__name__ for check in CHECKS)
"""What `--checks` / `--exclude-checks` accept."""


def select_checks(only: Sequence[str] = (), exclude: Sequence[str] = ()) -> tuple[Check, ...]:
    """`CHECKS` restricted to `only` (empty: all), minus `exclude`; UsageError for an unknown name or no check left."""
    unknown = [name for name in (*only, *exclude) if name not in CHECK_NAMES]
    if unknown:
        raise UsageError(f"unknown check {unknown[0]!r}; the checks are: {', '.join(CHECK_NAMES)}")
    chosen = tuple(c for c in CHECKS if (not only or c.__name__ in only) and c.__name__ not in exclude)
    if not chosen:
        raise UsageError("--checks / --exclude-checks leave no check to judge the responses with")
    return chosen
