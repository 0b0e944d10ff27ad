"""The contract's other files: the drift policy and the discrepancy ledger are valid when their owners' loaders
accept them. Their modules own the formats; these checks only turn a loader's error into a finding, so a broken
file is caught by `validate` (and by the suite, which validates contracts/ first), not at the next `diff` or
`discrepancies --check`. Loaders are imported when a file of their kind is met, keeping `validate` light.
"""

from __future__ import annotations

from collections.abc import Iterator

from paystack_contracts.errors import ConfigError, DocumentError
from paystack_contracts.findings import Finding
from paystack_contracts.validation._text import one_line
from paystack_contracts.validation.kinds import Document, document_kind

__all__ = ["check_discrepancy_ledger", "check_drift_policy"]

DRIFT_POLICY = "drift-policy"  # = policy.POLICY_KIND
DISCREPANCY_LEDGER = "discrepancy-ledger"  # = discrepancies.ledger.LEDGER_KIND


@document_kind(DRIFT_POLICY)
def check_drift_policy(document: Document) -> Iterator[Finding]:
    from paystack_contracts.drift.policy import load_policy

    try:
        load_policy(document.path, display=document.display)
    except ConfigError as exc:
        yield _invalid(document, DRIFT_POLICY, str(exc))


@document_kind(DISCREPANCY_LEDGER)
def check_discrepancy_ledger(document: Document) -> Iterator[Finding]:
    from paystack_contracts.discrepancies.ledger import load_ledger

    try:
        load_ledger(document.path, display=document.display)
    except DocumentError as exc:
        yield _invalid(document, DISCREPANCY_LEDGER, exc.reason)


def _invalid(document: Document, kind: str, reason: str) -> Finding:
    return Finding(
        rule=f"{kind}-invalid",
        file=document.display,
        pointer="",
        message=one_line(reason.removeprefix(f"{document.display}: ")),
        expected=f"a file the {kind} loader accepts",
    )
