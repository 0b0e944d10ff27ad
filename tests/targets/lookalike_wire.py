"""The look-alike's wire: auth, bodies, validation and the envelope (see lookalike.py for what it is and why).

Errors: classic `{status, message}` for the documented customer errors (§3), the new style with `type`, `code`
and `meta.nextStep` for validation errors (§5.3, the official SNIP sample-error).
"""

from __future__ import annotations

import json
import re
import secrets
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse

LOOKALIKE_KEY = "sk_test_" + "1a2b3c4d" * 5
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
NEXT_STEP = {
    "missing_params": "Provide all required params\u00a0",
    "invalid_params": "Ensure that the value(s) you're passing are valid.",
}


class Refused(Exception):
    def __init__(self, status: int, message: str, error_code: str | None = None) -> None:
        super().__init__(message)
        self.status, self.message, self.error_code = status, message, error_code


def answer(status: int, message: str, data: Any = None, **extra: Any) -> JSONResponse:
    body: dict[str, Any] = {"status": 200 <= status < 300, "message": message}
    if data is not None:
        body["data"] = data
    headers = {"x-request-id": secrets.token_hex(8)}
    return JSONResponse({**body, **extra}, status, headers=headers)


def refusal(exc: Refused) -> JSONResponse:
    if exc.error_code is None:  # classic: {status, message} (every customer error sample, §3)
        return answer(exc.status, exc.message)
    extra = {"meta": {"nextStep": NEXT_STEP[exc.error_code]}, "type": "validation_error", "code": exc.error_code}
    return answer(exc.status, exc.message, **extra)


def domain_of(request: Request) -> str:
    header = request.headers.get("authorization")
    if header is None:
        raise Refused(401, "No Authorization Header was found")  # §5.8: the Postman pages' casing
    if header != f"Bearer {LOOKALIKE_KEY}":
        raise Refused(401, "Invalid key")
    return "test"


async def body_of(request: Request) -> dict[str, Any]:
    """JSON only with a JSON Content-Type; form bodies in bracket notation (`account[number]=...`)."""
    kind = request.headers.get("content-type", "")
    if "json" in kind:
        try:
            parsed = json.loads(await request.body() or b"{}")
        except ValueError:
            raise Refused(400, "Invalid JSON body", "invalid_params") from None
        return parsed if isinstance(parsed, dict) else {}
    if "form" in kind:
        found: dict[str, Any] = {}
        for key, value in (await request.form()).multi_items():
            outer, _, inner = key.partition("[")
            if inner:
                found.setdefault(outer, {})[inner.rstrip("]")] = value
            else:
                found[key] = value
        return found
    return {}


def text_fields(body: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """Joi-style: each given field must be a string; metadata an object (a string is refused, §5.5)."""
    given = {}
    for name in names:
        if name in body:
            if not isinstance(body[name], str):
                raise Refused(400, f'"{name}" must be a string', "invalid_params")
            given[name] = body[name]
    if "metadata" in body:
        if not isinstance(body["metadata"], dict):
            raise Refused(400, '"metadata" must be of type object')  # laravel-paystack #165 [LIVE]
        given["metadata"] = body["metadata"]
    return given


def valid_email(body: dict[str, Any], field: str = "email") -> str:
    email = body.get(field)
    if email is None or email == "":
        raise Refused(400, "Email Address is required", "missing_params")  # SNIP sample-error
    if not isinstance(email, str) or not EMAIL.match(email):
        raise Refused(400, "Invalid Email Address Passed", "invalid_params")
    return email
