"""The contract is strict where the evidence agrees and tolerant where it does not (ledger numbers in the ids)."""

from __future__ import annotations

from typing import Any

import pytest
from tests.contracts.schema_check import ContractFile

PAYSTACK = "paystack-customers.openapi.yaml"
CUSTOMER = "paystack-customer.schema.json"
GLOBALSTACK = "globalstack-customers.openapi.yaml"

LIST_ITEM = {
    "integration": 463433, "first_name": None, "last_name": None, "email": "dom@example.com", "phone": None,
    "metadata": None, "domain": "test", "customer_code": "CUS_c6wqvwmvwopw4ms", "risk_action": "default",
    "id": 90758908, "createdAt": "2022-08-15T13:46:39.000Z", "updatedAt": "2022-08-15T13:46:39.000Z",
}  # fmt: skip
FETCHED = {
    **LIST_ITEM, "transactions": [], "subscriptions": [], "authorizations": [], "created_at": "2022-08-15T13:46:39Z",
    "updated_at": "2022-08-15T13:46:39Z", "total_transactions": 0, "total_transaction_value": [],
    "dedicated_account": None, "identified": False, "identifications": None,
}  # fmt: skip
DOCS_CREATE = {
    "email": "customer@example.com", "integration": 100032, "domain": "test", "customer_code": "CUS_xnxdt6s1zg1f4nx",
    "id": 1173, "identified": False, "identifications": None, "createdAt": "2016-03-29T20:03:09.584Z",
    "updatedAt": "2016-03-29T20:03:09.584Z",
}  # fmt: skip
UPDATED = {**LIST_ITEM, "identified": False, "identifications": None}
CARD = {"authorization_code": "AUTH_ekk8t49ogj", "channel": "card", "reusable": True}
GS_CUSTOMER = {
    "id": "cust_01HY3Q8Z5T7K2M9N4P6R8S0V1W", "type": "individual", "name": "Alice", "email": "alice@example.com",
    "merchant_reference": "ref_1", "country_code": "NG", "tier": "tier_0", "kyc_status": "not_started",
    "metadata": {}, "created_at": "2026-04-16T16:14:08.000Z", "updated_at": "2026-04-16T16:14:08.000Z",
}  # fmt: skip

ROWS: list[tuple[str, str, str, Any, bool]] = [
    # (id, file, schema pointer, value, valid)
    ("path param takes a code (#20)", PAYSTACK, "/paths/~1customer~1{email_or_code}/parameters/0/schema",
     "CUS_xnxdt6s1zg1f4nx", True),
    ("path param takes an email (#20)", PAYSTACK, "/paths/~1customer~1{email_or_code}/parameters/0/schema",
     "customer@example.com", True),
    ("path param takes a numeric id (#20)", PAYSTACK, "/paths/~1customer~1{email_or_code}/parameters/0/schema",
     "95485991", True),
    ("identification path takes an email", PAYSTACK, "/paths/~1customer~1{code}~1identification/parameters/0/schema",
     "customer@example.com", True),
    ("customer code of 16 characters (#24)", CUSTOMER, "/$defs/CustomerCode", "CUS_2eusy8uwe34s23fy", True),
    ("customer code needs the CUS_ prefix", CUSTOMER, "/$defs/CustomerCode", "cus_xnxdt6s1zg1f4nx", False),
    ("customer id is an integer (#25)", CUSTOMER, "/$defs/CustomerId", "95485991", False),
    ("domain is test or live", CUSTOMER, "/$defs/Domain", "sandbox", False),
    ("list item without identified or arrays", CUSTOMER, "/$defs/ListItem", LIST_ITEM, True),
    ("list item needs camelCase dates (#22)", CUSTOMER, "/$defs/ListItem",
     {k: v for k, v in LIST_ITEM.items() if k != "createdAt"}, False),
    ("fetch without dedicated_accounts (#35)", CUSTOMER, "/$defs/FetchedCustomer", FETCHED, True),
    ("fetch needs snake_case dates too (#22)", CUSTOMER, "/$defs/FetchedCustomer",
     {k: v for k, v in FETCHED.items() if k != "created_at"}, False),
    ("identifications may be an array (#32)", CUSTOMER, "/$defs/FetchedCustomer",
     {**FETCHED, "identifications": []}, True),
    ("update without nested arrays (#33, #34)", CUSTOMER, "/$defs/UpdatedCustomer",
     {**LIST_ITEM, "identified": False, "identifications": None}, True),
    ("create answering the docs' 9 fields (#31)", CUSTOMER, "", DOCS_CREATE, True),
    ("create still needs a customer_code", CUSTOMER, "",
     {k: v for k, v in DOCS_CREATE.items() if k != "customer_code"}, False),
    ("create names are still typed", CUSTOMER, "", {**DOCS_CREATE, "first_name": 7}, False),
    ("update without risk_action (issue 10)", CUSTOMER, "/$defs/UpdatedCustomer",
     {k: v for k, v in UPDATED.items() if k != "risk_action"}, True),
    ("update risk_action, when present, is the enum", CUSTOMER, "/$defs/UpdatedCustomer",
     {**UPDATED, "risk_action": "block"}, False),
    ("list items still need risk_action", CUSTOMER, "/$defs/ListItem",
     {k: v for k, v in LIST_ITEM.items() if k != "risk_action"}, False),
    ("reusable as a boolean", CUSTOMER, "/$defs/Authorization", CARD, True),
    ("reusable as 0/1 (live records)", CUSTOMER, "/$defs/Authorization", {**CARD, "reusable": 1}, True),
    ("reusable is no other number", CUSTOMER, "/$defs/Authorization", {**CARD, "reusable": 2}, False),
    ("metadata as a JSON string in a response (live records)", CUSTOMER, "/$defs/ListItem",
     {**LIST_ITEM, "metadata": '{"calling_code": "+234"}'}, True),
    ("metadata as a JSON string in a nested authorization", CUSTOMER, "/$defs/Authorization",
     {**CARD, "metadata": '{"custom_fields": []}'}, True),
    ("metadata is no number", CUSTOMER, "/$defs/ListItem", {**LIST_ITEM, "metadata": 3}, False),
    ("resources stay open to new fields", CUSTOMER, "/$defs/ListItem", {**LIST_ITEM, "new_field": 1}, True),
    ("metadata must be an object on create (#9)", PAYSTACK, "/components/schemas/CustomerCreate",
     {"email": "a@example.com", "metadata": '{"a": 1}'}, False),
    ("metadata null is rejected on create (#9)", PAYSTACK, "/components/schemas/CustomerCreate",
     {"email": "a@example.com", "metadata": None}, False),
    ("create needs an email", PAYSTACK, "/components/schemas/CustomerCreate", {"first_name": "Zero"}, False),
    ("update is partial", PAYSTACK, "/components/schemas/CustomerUpdate", {}, True),
    ("identification type bvn is legacy (#11)", PAYSTACK, "/components/schemas/CustomerIdentification",
     {"country": "NG", "type": "bvn", "account_number": "0123456789", "bvn": "20012345677", "bank_code": "007",
      "first_name": "A", "last_name": "L"}, False),
    ("identification requires names (#12)", PAYSTACK, "/components/schemas/CustomerIdentification",
     {"country": "NG", "type": "bank_account", "account_number": "0123456789", "bvn": "20012345677",
      "bank_code": "007"}, False),
    ("risk action enum", PAYSTACK, "/components/schemas/CustomerRiskAction",
     {"customer": "CUS_xr58yrr2ujlft9k", "risk_action": "block"}, False),
    ("initialize-direct-debit needs account and address (#46)", PAYSTACK,
     "/components/schemas/DirectDebitInitialize", {"account": {"number": "0123456789", "bank_code": "058"}}, False),
    ("form initialize needs the whole account", PAYSTACK, "/components/schemas/AuthorizationInitializeForm",
     {"email": "a@example.com", "channel": "direct_debit", "account[number]": "0123456789"}, False),
    ("from takes a date (#36)", PAYSTACK, "/components/schemas/DateOrDateTime", "2016-09-21", True),
    ("from takes a date-time", PAYSTACK, "/components/schemas/DateOrDateTime", "2016-09-24T00:00:05.000Z", True),
    ("from rejects other text", PAYSTACK, "/components/schemas/DateOrDateTime", "last week", False),
    ("perPage echoed as a string (#16)", PAYSTACK, "/components/schemas/OffsetMeta",
     {"total": 1, "skipped": 0, "perPage": "50", "page": 1, "pageCount": 1}, True),
    ("perPage string must be numeric", PAYSTACK, "/components/schemas/PerPage", "fifty", False),
    ("cursor query param is opaque", PAYSTACK, "/components/schemas/Cursor", "Y3VzdG9tZXI6OTAyMjU4MDk=", True),
    ("cursor previous as the string null (#18)", PAYSTACK, "/components/schemas/CursorMeta",
     {"next": "Y3VzdG9tZXI6OTAyMjU4MDk=", "previous": "null", "perPage": 3}, True),
    ("error with new-style fields (#39)", PAYSTACK, "/components/schemas/ErrorEnvelope",
     {"status": False, "message": "x", "type": "api_error", "code": "not_found", "meta": {"nextStep": "x"},
      "errorCodeMappingNotFound": False}, True),
    ("error category lives in type, not code (#37)", PAYSTACK, "/components/schemas/ErrorEnvelope",
     {"status": False, "message": "x", "type": "missing_params"}, False),
    ("error status is false", PAYSTACK, "/components/schemas/ErrorEnvelope", {"status": True, "message": "x"}, False),
    ("message is never empty", PAYSTACK, "/components/schemas/Envelope", {"status": True, "message": ""}, False),
    ("redirect_url of any host (#47)", PAYSTACK, "/components/schemas/AuthorizationInitialized",
     {"status": True, "message": "Authorization initialized",
      "data": {"redirect_url": "https://link.paystack.co/x", "access_code": "x", "reference": "r"}}, True),
    ("GlobalStack id is cust_ + ULID (#25)", GLOBALSTACK, "/components/schemas/Customer", GS_CUSTOMER, True),
    ("GlobalStack id rejects non-ULID letters (#28)", GLOBALSTACK, "/components/schemas/Customer",
     {**GS_CUSTOMER, "id": "cust_01HXYZABC1234567890ABCDEFL"}, False),
    ("GlobalStack body needs type (#27)", GLOBALSTACK, "/components/schemas/CreateCustomerDto",
     {"name": "Alice", "email": "alice@example.com", "country_code": "NG"}, False),
    ("GlobalStack metadata values are strings", GLOBALSTACK, "/components/schemas/CreateCustomerDto",
     {"type": "business", "name": "A", "email": "a@example.com", "country_code": "NG", "metadata": {"n": 1}}, False),
    ("GlobalStack idempotency key pattern", GLOBALSTACK, "/paths/~1customers/post/parameters/0/schema",
     "short", False),
]  # fmt: skip


@pytest.mark.parametrize(("file", "pointer", "value", "valid"), [row[1:] for row in ROWS], ids=[r[0] for r in ROWS])
def test_schema_accepts_what_the_evidence_allows(
    contracts: dict[str, ContractFile], file: str, pointer: str, value: Any, valid: bool
) -> None:
    errors = contracts[file].errors(pointer, value)
    assert (errors == []) is valid, errors
