"""Error answers: `ApiError` raised by handlers, rendered as the classic or the new-style error envelope.

Classic (every customer error sample, reference §3): `{"status": false, "message": "..."}`.
New style (DOCS 0d, `MockSettings.error_style="new"`): adds `type`, `code` and `meta.nextStep`.
The edge (Cloudflare) sometimes answers an HTML 400 page instead (`html_edge_errors`).
"""

from __future__ import annotations

from typing import Any, Literal

from paystack_contracts.mock.envelope import Reply

__all__ = ["EDGE_HTML", "ApiError", "Kind", "edge_reply", "error_reply"]

Kind = Literal[
    "missing",
    "invalid",
    "unauthorized",
    "forbidden",
    "not_found",
    "route",
    "method",
    "too_large",
    "rate_limited",
    "server",
    "edge",
]

_NBSP = "\u00a0"
# kind -> (type, code, meta.nextStep). The first two rows and rate_limited are quoted from official samples
# (SNIP sample-error, DOCS 0d, RL); the others are [GUESS]es in the same vocabulary.
_NEW_STYLE: dict[str, tuple[str, str, str]] = {
    "missing": ("validation_error", "missing_params", "Provide all required params" + _NBSP),
    "invalid": ("validation_error", "invalid_params", "Ensure that the value(s) you're passing are valid."),
    "unauthorized": ("validation_error", "invalid_Key", "Ensure that you're passing a valid secret key"),
    "forbidden": ("api_error", "unknown", "Contact support to enable this feature on your integration"),
    "not_found": (
        "validation_error",
        "not_found",
        "Ensure that you're passing the correct reference for the requested resource that exists on this integration",
    ),
    "route": ("api_error", "not_found", "Check the request path"),
    "method": ("api_error", "unknown", "Check the request method"),
    "too_large": ("validation_error", "invalid_params", "Send a smaller request body"),
    "rate_limited": ("api_error", "rate_limited", "Wait a few minutes and try the API call again"),
    "server": ("api_error", "unknown", "Try again later"),
}

EDGE_HTML = (
    b"<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>"
    b"\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"
)


class ApiError(Exception):
    """An error answer: HTTP status, the message the real API uses, and its kind (for new-style fields)."""

    def __init__(self, status: int, message: str, kind: Kind = "invalid", headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.kind: Kind = kind
        self.headers = headers or {}


def error_reply(error: ApiError, *, new_style: bool) -> Reply:
    if error.kind == "edge":
        return edge_reply()
    body: dict[str, Any] = {"status": False, "message": error.message}
    if new_style or error.kind == "rate_limited":
        type_, code, next_step = _NEW_STYLE[error.kind]
        body.update(meta={"nextStep": next_step}, type=type_, code=code)
    return Reply(error.status, body, headers=dict(error.headers))


def edge_reply() -> Reply:
    return Reply(400, raw=EDGE_HTML, media_type="text/html")
