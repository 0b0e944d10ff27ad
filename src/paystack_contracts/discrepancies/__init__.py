"""Discrepancies: where the upstream sources (docs table, OpenAPI, SDK docs, JSON Schema) and the contract disagree.

    from paystack_contracts.discrepancies import compute, load_ledger, check_ledger
    found = compute(project.root)                    # computed from the files, keyed stably
    report = check_ledger(found, load_ledger(path))  # unrecorded / no longer occurring / changed

Sources are discovered by scanning specs/ and contracts/ and dispatching on the document kind (`sources.py`);
rules are registered functions (`rules.py`, `fields.py`); the ledger is `contracts/discrepancies.yaml`.
"""

from __future__ import annotations

from paystack_contracts.discrepancies.detector import compute
from paystack_contracts.discrepancies.model import Claim, Discrepancy

__all__ = ["Claim", "Discrepancy", "compute"]
