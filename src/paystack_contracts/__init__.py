"""paystack-contracts: contract tests, spec conformance and drift gates for the Paystack Customers API.

Start with the CLI (`paystack-contracts --help`) or with pytest (`pytest --base-url ...`).
The library surface is small on purpose; see ARCHITECTURE.md for the vocabulary and layering.
"""

from __future__ import annotations

from paystack_contracts.errors import ContractsError
from paystack_contracts.findings import Finding, Severity

__version__ = "0.1.0"

__all__ = ["ContractsError", "Finding", "Severity", "__version__"]
