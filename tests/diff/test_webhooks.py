"""`diff` reads the `webhooks` section for a receiver: a removed event or a changed payload field breaks it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from paystack_contracts.diff import diff_files

EVENT = "customeridentification.success"


def hooks(data: dict[str, Any] | None, *, event: str = EVENT) -> dict[str, Any]:
    webhooks = {}
    if data is not None:
        schema = {
            "type": "object",
            "required": ["event", "data"],
            "properties": {"event": {"type": "string"}, "data": data},
        }
        body = {"required": True, "content": {"application/json": {"schema": schema}}}
        webhooks[event] = {"post": {"requestBody": body, "responses": {"200": {"description": "ok"}}}}
    return {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {}, "webhooks": webhooks}


def data(required: tuple[str, ...] = ("customer_id", "customer_code"), **changes: Any) -> dict[str, Any]:
    properties = {"customer_id": {"type": ["integer", "string"]}, "customer_code": {"type": "string"}, **changes}
    return {"type": "object", "required": list(required), "properties": {k: v for k, v in properties.items() if v}}


CASES = [
    pytest.param(hooks(data()), hooks(None), "webhook-removed", True, id="event removed"),
    pytest.param(hooks(None), hooks(data()), "webhook-added", False, id="event added"),
    pytest.param(
        hooks(data()),
        hooks(data(("customer_id",), customer_code=None)),
        "webhook-field-removed",
        True,
        id="field removed",
    ),
    pytest.param(
        hooks(data()), hooks(data(customer_id={"type": "boolean"})), "webhook-type-changed", True, id="field retyped"
    ),
    pytest.param(
        hooks(data()), hooks(data(customer_id={"type": "integer"})), "webhook-type-narrowed", False, id="field narrowed"
    ),
    pytest.param(
        hooks(data()), hooks(data(("customer_id",))), "webhook-field-became-optional", True, id="field optional"
    ),
    pytest.param(hooks(data()), hooks(data(reason={"type": "string"})), "webhook-field-added", False, id="field added"),
    pytest.param(
        hooks(data()),
        hooks(data(customerCode={"type": "string"}, customer_code=None, required=("customer_id",))),
        "webhook-field-renamed",
        True,
        id="field renamed",
    ),
]


@pytest.mark.parametrize(("old", "new", "kind", "breaking"), CASES)
def test_a_webhook_change_is_classified_for_a_receiver(tmp_path: Path, old, new, kind, breaking):
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(old))
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new))
    report = diff_files(tmp_path / "old.yaml", tmp_path / "new.yaml")
    (change,) = [c for c in report.changes if c.kind.startswith("webhook-")]
    assert (change.kind, change.breaking, change.operation) == (kind, breaking, f"webhook {EVENT}")
    assert report.failed is breaking


def test_the_contract_compared_with_itself_has_no_webhook_changes(repo_root: Path):
    contract = repo_root / "contracts" / "paystack-customers.openapi.yaml"
    assert [c for c in diff_files(contract, contract).changes if c.kind.startswith("webhook")] == []
