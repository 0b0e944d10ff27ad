"""Recorded traffic: a HAR made from the mock gives the same findings as the proxy saw live, and a usage profile
lists what a pypaystack2 session used."""

from __future__ import annotations

import json
from pathlib import Path

import httpx

from paystack_contracts.mock import MockSettings, create_app, serve_in_thread
from paystack_contracts.proxy import Inspector, ProxyConfig, check_traffic, finished, running_proxy
from paystack_contracts.reports import render_json

from .conftest import sdk_client

REQUESTS = [
    ("POST", "/customer", {"email": "har@example.com", "metadata": {"plan": "gold"}}),
    ("POST", "/customer", {"email": "har2@example.com", "metadata": ["not-an-object"]}),
    ("GET", "/customer?perPage=3", None),
    ("GET", "/unknown/path", None),
]


def har_of(responses: list[httpx.Response]) -> dict[str, object]:
    """A HAR 1.2 document written here from httpx's account of each exchange (not by the code under test)."""

    def pairs(headers: httpx.Headers) -> list[dict[str, str]]:
        return [{"name": k, "value": v} for k, v in headers.multi_items()]

    entries = []
    for r in responses:
        request: dict[str, object] = {
            "method": r.request.method,
            "url": str(r.request.url),
            "headers": pairs(r.request.headers),
        }
        if r.request.content:
            request["postData"] = {"mimeType": r.request.headers["content-type"], "text": r.request.content.decode()}
        content = {"mimeType": r.headers.get("content-type", ""), "size": len(r.content), "text": r.text}
        entries.append(
            {
                "time": 1.0,
                "request": request,
                "response": {"status": r.status_code, "headers": pairs(r.headers), "content": content},
            }
        )
    return {"log": {"version": "1.2", "creator": {"name": "test", "version": "0"}, "entries": entries}}


def keys(inspector: Inspector) -> set[tuple[str, str | None, str | None]]:
    result = finished(inspector)
    return {(f.rule, f.operation, f.location) for f in [*result.findings, *result.warnings]}


def test_check_traffic_on_a_har_from_the_mock_finds_what_the_proxy_found(tmp_path: Path, canary_key: str) -> None:
    settings = MockSettings(drift=("snake-case-dates",), accepted_keys=frozenset({canary_key}), random_seed=9)
    headers = {"Authorization": f"Bearer {canary_key}"}
    with serve_in_thread(create_app(settings)) as upstream, httpx.Client(headers=headers) as client:
        direct = [client.request(m, upstream + p, json=b) for m, p, b in REQUESTS]
    with (
        serve_in_thread(create_app(settings)) as upstream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream)) as proxy,
        httpx.Client(headers=headers) as client,
    ):
        for method, path, body in REQUESTS:
            client.request(method, proxy.url + path, json=body)
    har = tmp_path / "session.har"
    har.write_text(json.dumps(har_of(direct)), encoding="utf-8")

    recorded = check_traffic([har])
    assert keys(recorded) == keys(proxy.inspector)
    assert {"request.body", "request.unknown-operation", "response_schema_conformance/ST108"} <= {
        k[0] for k in keys(recorded)
    }
    rendered = render_json(finished(recorded))
    assert canary_key not in rendered
    assert canary_key[8:] not in rendered


def test_usage_of_a_pypaystack2_session_lists_its_operations_and_fields(tmp_path: Path) -> None:
    with (
        serve_in_thread(create_app()) as upstream,
        running_proxy(ProxyConfig.vetted(upstream), Inspector.for_target(upstream)) as proxy,
    ):
        client = sdk_client(proxy.url)
        code = client.create(email="use@example.com", first_name="Ada").data.customer_code
        client.get_customer(code)
    profile = proxy.inspector.usage.profile()
    assert set(profile.operations) == {"POST /customer", "GET /customer/{email_or_code}"}
    create = profile.operations["POST /customer"]
    assert {"email", "first_name"} <= create.request_fields
    assert {"data.customer_code", "data.createdAt", "status", "message"} <= create.response_fields
    assert profile.operations["GET /customer/{email_or_code}"].calls == 1
    assert "GET /customer" not in profile.operations  # never called: not used
