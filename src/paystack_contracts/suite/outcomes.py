"""Classify a response (or a transport error) before any check runs: does it say anything about the contract?

A 429, a timeout, a refused connection or an HTML page from the CDN edge says nothing about the API's contract:
such cases are INCONCLUSIVE, reported apart from failures and never counted as drift. Everything else goes to
the checks.
"""

from __future__ import annotations

from collections.abc import Mapping

import requests

from paystack_contracts.results import InconclusiveReason

__all__ = ["classify_error", "classify_response"]

_HTML_TYPES = ("text/html", "application/xhtml")


def classify_response(status_code: int, headers: Mapping[str, str], body: bytes) -> InconclusiveReason | None:
    """The reason a response is inconclusive, or None when the checks should judge it."""
    if status_code == 429:
        return InconclusiveReason.RATE_LIMITED
    if _is_edge_page(headers, body):
        return InconclusiveReason.EDGE_ERROR
    return None


def classify_error(exc: BaseException) -> InconclusiveReason | None:
    """The reason a transport error is inconclusive, or None for errors that are bugs and must propagate."""
    if isinstance(exc, requests.Timeout | TimeoutError):
        return InconclusiveReason.TIMEOUT
    if isinstance(exc, requests.ConnectionError | ConnectionError):
        return InconclusiveReason.CONNECTION_ERROR
    return None


def _is_edge_page(headers: Mapping[str, str], body: bytes) -> bool:
    """An HTML error page (Cloudflare's `400 Bad Request`) instead of the JSON API (reference §1)."""
    content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "").lower()
    if any(content_type.startswith(kind) for kind in _HTML_TYPES):
        return True
    head = body[:256].lstrip().lower()
    return not content_type and head.startswith((b"<!doctype html", b"<html"))
