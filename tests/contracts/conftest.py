"""Fixtures for the contract documents under contracts/ (loaded once per session: they are read-only)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import schemathesis
from tests.contracts.schema_check import ContractFile

from paystack_contracts.documents import load_document

CONTRACTS = Path(__file__).resolve().parents[2] / "contracts"
PAYSTACK = CONTRACTS / "paystack-customers.openapi.yaml"
GLOBALSTACK = CONTRACTS / "globalstack-customers.openapi.yaml"
CUSTOMER_SCHEMA = CONTRACTS / "paystack-customer.schema.json"
OPENAPI_DOCUMENTS = (PAYSTACK, GLOBALSTACK)


@pytest.fixture(scope="session")
def contracts() -> dict[str, ContractFile]:
    """Every contract file, keyed by file name, sharing one reference registry."""
    return ContractFile.load_all((PAYSTACK, GLOBALSTACK, CUSTOMER_SCHEMA))


@pytest.fixture(scope="session")
def paystack(contracts: dict[str, ContractFile]) -> ContractFile:
    return contracts[PAYSTACK.name]


@pytest.fixture(scope="session")
def paystack_document(paystack: ContractFile) -> dict[str, Any]:
    return paystack.document


@pytest.fixture(scope="session")
def paystack_schema() -> Any:
    """The Paystack contract as Schemathesis sees it (external refs resolved from the file's location)."""
    return schemathesis.openapi.from_path(PAYSTACK)


def load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = load_document(path)
    return document
