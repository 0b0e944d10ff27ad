"""Request conformance: what the client sends wrong, found by the contract's own validators, blamed on the client."""

from __future__ import annotations

import pytest

from paystack_contracts.findings import Severity
from paystack_contracts.proxy.matching import Matcher
from paystack_contracts.proxy.request import parse_request, request_findings
from paystack_contracts.proxy.traffic import Observed

JSON = (("Content-Type", "application/json"), ("Authorization", "Bearer sk_test_0000000000"))
BASE = "http://127.0.0.1:4010"


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher.load()


def findings(matcher: Matcher, method: str, path: str, body: bytes = b"", headers: tuple = JSON) -> list:
    observed = Observed(method, BASE + path, headers, body)
    match = matcher.match(method, observed.path)
    assert match is not None
    return request_findings(match, observed, parse_request(observed))


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/customer", b'{"email": "ada@example.com"}'),
        ("POST", "/customer", b'{"email": "ada@example.com", "metadata": {"plan": "gold"}}'),
        ("GET", "/customer?perPage=10&page=2", b""),
        ("GET", "/customer?use_cursor=true", b""),
        ("GET", "/customer/CUS_abc", b""),
    ],
)
def test_a_conforming_request_has_no_findings(matcher: Matcher, method: str, path: str, body: bytes) -> None:
    assert findings(matcher, method, path, body) == []


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "rule", "location"),
    [
        ("POST", "/customer", b'{"email": "a@example.com", "metadata": ["x"]}', JSON, "request.body", "$.metadata"),
        ("POST", "/customer", b'{"first_name": "Ada"}', JSON, "request.body", "$"),
        ("POST", "/customer", b"", JSON, "request.body-missing", "body"),
        ("POST", "/customer", b"{not json", JSON, "request.body-unreadable", "body"),
        (
            "POST",
            "/customer",
            b"email=a",
            (("Content-Type", "text/plain"),),
            "request.content-type",
            "headers.content-type",
        ),
        ("GET", "/customer?perPage=ten", b"", JSON, "request.parameter", "query.perPage"),
        ("GET", "/customer?perPage=0", b"", JSON, "request.parameter", "query.perPage"),
        ("GET", "/customer", b"", (), "request.auth-missing", "headers.authorization"),
    ],
)
def test_a_wrong_request_is_the_clients_fault(
    matcher: Matcher, method: str, path: str, body: bytes, headers: tuple, rule: str, location: str
) -> None:
    found = [f for f in findings(matcher, method, path, body, headers) if f.severity is Severity.ERROR]
    assert [(f.rule, f.location) for f in found][:1] == [(rule, location)]
    assert found[0].source == "proxy"
    assert dict(found[0].extra)["fault"] == "client"


def test_an_undeclared_query_parameter_is_a_warning_because_paystack_ignores_it(matcher: Matcher) -> None:
    (found,) = findings(matcher, "GET", "/customer?per_page=10")
    assert (found.rule, found.severity, found.location) == (
        "request.parameter-unknown",
        Severity.WARNING,
        "query.per_page",
    )


def test_a_form_body_is_read_as_its_fields(matcher: Matcher) -> None:
    form = (("Content-Type", "application/x-www-form-urlencoded"), ("Authorization", "Bearer sk_test_0000000000"))
    assert findings(matcher, "POST", "/customer", b"email=ada%40example.com&first_name=Ada", form) == []
