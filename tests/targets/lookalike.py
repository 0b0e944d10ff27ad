"""An independent look-alike of the Paystack Customers API, for running the suite against a target we did not
write as our mock. Everything here was written from the reference note (paystack-behaviour.md, cited as §N) and
Paystack's official OpenAPI description (OAS); where the note leaves a question open (§5), it takes the other
plausible side from our mock:

- §5.1 a duplicate email creates another customer; §5.2 "A customer with the specified email or code was not
  found" (the official wording on POST /subscription); §5.3 validation errors in the new style (type, code,
  meta.nextStep, SNIP sample-error); §5.4 `perPage` echoed as an integer (DOCS 0a/0c); §5.5 stringified metadata
  rejected; §5.6 email on PUT applied; §5.7 an `x-request-id` header; §5.8 "No Authorization Header was found";
  §5.9 perPage clamped at 100; §5.10 `dedicated_accounts: []` on fetch; ledger #17 cursor meta for a plain list;
- create answers the docs' 9-field body (plus what was sent), update leaves out `risk_action`, nullable fields
  are null, `identifications` null, mandate `bank_name` null, a non-numeric mandate id is 404, a JSON body
  without a JSON Content-Type is not read, and nothing is served at `/v1` (no GlobalStack).

    with serve() as base_url: ...   # "http://127.0.0.1:PORT", key LOOKALIKE_KEY
"""

from __future__ import annotations

import base64
import contextlib
import re
from collections.abc import Iterator
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from tests.targets.lookalike_records import Authorization, Customer, Mandate, Records, code, now
from tests.targets.lookalike_wire import (
    LOOKALIKE_KEY,
    Refused,
    answer,
    body_of,
    domain_of,
    refusal,
    text_fields,
    valid_email,
)

from paystack_contracts.mock import serve_in_thread

__all__ = ["LOOKALIKE_KEY", "create_app", "serve"]

MAX_PER_PAGE = 100


class Lookalike:
    def __init__(self) -> None:
        self.records = Records()

    def customer(self, key: str, domain: str) -> Customer:
        found = self.records.find(key, domain)
        if found is None:
            raise Refused(404, "A customer with the specified email or code was not found")
        return found

    async def create(self, request: Request, domain: str) -> JSONResponse:
        body = await body_of(request)
        email = valid_email(body)
        given = text_fields(body, ("first_name", "last_name", "phone"))
        return answer(200, "Customer created", self.records.create(email, domain, given).created_body())

    async def list(self, request: Request, domain: str) -> JSONResponse:
        query = request.query_params
        per_page = min(_integer(query.get("perPage"), 50), MAX_PER_PAGE)
        page = _integer(query.get("page"), 1)
        found = self.records.listed(domain, _stamp(query.get("from")), _stamp(query.get("to"), end=True))
        if query.get("use_cursor") == "true" or "page" not in query:
            return _cursor_page(found, per_page, query.get("next"))
        skipped = (page - 1) * per_page
        items = [c.core() for c in found[skipped : skipped + per_page]]
        meta = {"total": len(found), "skipped": skipped, "perPage": per_page, "page": page}
        meta["pageCount"] = -(-len(found) // per_page)
        return answer(200, "Customers retrieved", items, meta=meta)

    async def fetch(self, request: Request, domain: str) -> JSONResponse:
        customer = self.customer(request.path_params["key"], domain)
        return answer(200, "Customer retrieved", customer.fetched())

    async def update(self, request: Request, domain: str) -> JSONResponse:
        customer = self.customer(request.path_params["key"], domain)
        body = await body_of(request)
        given = text_fields(body, ("first_name", "last_name", "phone"))
        if "email" in body:
            customer.email = valid_email(body)  # §5.6: applied (the mock ignores it)
        customer.given |= given
        customer.updated = now()
        return answer(200, "Customer updated", customer.updated_body())

    async def identify(self, request: Request, domain: str) -> JSONResponse:
        self.customer(request.path_params["key"], domain)
        body = await body_of(request)
        for name in ("country", "type", "account_number", "bvn", "bank_code", "first_name", "last_name"):
            if not isinstance(body.get(name), str) or not body[name]:
                raise Refused(400, f'"{name}" is required', "missing_params")
        if not body["bvn"].isdigit():
            raise Refused(400, "Invalid BVN")  # SNIP [DOC]
        return answer(202, "Customer Identification in progress")

    async def risk(self, request: Request, domain: str) -> JSONResponse:
        body = await body_of(request)
        key, action = body.get("customer"), body.get("risk_action", "default")
        if not isinstance(key, str) or not key:
            raise Refused(400, '"customer" is required', "missing_params")
        if action not in ("default", "allow", "deny"):
            raise Refused(400, '"risk_action" must be one of [default, allow, deny]', "invalid_params")
        customer = self.customer(key, domain)
        customer.risk_action, customer.updated = action, now()
        return answer(200, "Customer updated", customer.risk_body())

    async def initialize(self, request: Request, domain: str) -> JSONResponse:
        body = await body_of(request)
        email = valid_email(body)
        if body.get("channel") not in ("direct_debit", "direct-debit"):
            raise Refused(400, "Invalid channel", "invalid_params")
        if self.records.find(email, domain) is None:  # [GUESS] like transaction/initialize, an unknown email
            self.records.create(email, domain, {})  # becomes a customer
        access = code("", 15)
        self.records.authorizations[access + "r"] = Authorization(access + "r", access, email)
        data = {"redirect_url": f"https://checkout.paystack.com/{access}", "access_code": access}
        return answer(200, "Authorization initialized", data | {"reference": access + "r"})

    async def verify(self, request: Request, domain: str) -> JSONResponse:
        found = self.records.authorizations.get(request.path_params["reference"])
        if found is None:
            raise Refused(404, "Authorization does not exist or does not belong to integration")
        owner = self.records.find(found.email, domain)
        customer = {"code": owner.customer_code if owner else code("CUS_", 15), "email": found.email}
        if owner is not None and found.card not in owner.authorizations:
            owner.authorizations.append(found.card)
        data = {"authorization_code": found.authorization_code, "channel": "direct_debit", "bank": "Zenith Bank"}
        return answer(
            200, "Authorization retrieved successfully", data | {"active": found.active, "customer": customer}
        )

    async def deactivate(self, request: Request, domain: str) -> JSONResponse:
        auth_code = (await body_of(request)).get("authorization_code")
        if not isinstance(auth_code, str) or not auth_code:
            raise Refused(400, '"authorization_code" is required', "missing_params")
        for found in self.records.authorizations.values():
            if found.authorization_code == auth_code and found.active:
                found.active = False
                found.card["reusable"] = 0
                return answer(200, "Authorization has been deactivated")
        raise Refused(404, "Authorization code not found.")  # SNIP, with its full stop

    async def direct_debit(self, request: Request, domain: str) -> JSONResponse:
        customer = self._by_id(request, domain)
        body = await body_of(request)
        account, address = body.get("account"), body.get("address")
        if not _complete(account, ("number", "bank_code")) or not _complete(address, ("street", "city", "state")):
            raise Refused(400, '"account" and "address" are required', "missing_params")  # OAS: both required
        number, bank = account["number"], account["bank_code"]
        self.records.mandates.append(Mandate(customer, self.records.new_id(), self.records.new_id(), number, bank))
        access = code("", 15)
        data = {"redirect_url": f"https://link.paystack.com/{access}", "access_code": access, "reference": access}
        return answer(200, "Authorization initialized", data)

    async def mandates(self, request: Request, domain: str) -> JSONResponse:
        customer = self._by_id(request, domain)
        found = [m.body() for m in self.records.mandates if m.customer is customer]
        meta = {"per_page": 50, "next": None, "count": len(found), "total": len(found)}  # snake_case (SNIP)
        return answer(200, "Mandate authorizations retrieved successfully", found, meta=meta)

    async def activation_charge(self, request: Request, domain: str) -> JSONResponse:
        customer = self._by_id(request, domain)
        wanted = (await body_of(request)).get("authorization_id")
        if not isinstance(wanted, int) or isinstance(wanted, bool):
            raise Refused(400, '"authorization_id" must be a number', "invalid_params")
        if not any(m.customer is customer and m.authorization_id == wanted for m in self.records.mandates):
            raise Refused(404, "Authorization not found")
        return answer(200, "Mandate is queued for retry")

    def _by_id(self, request: Request, domain: str) -> Customer:
        found = self.records.by_id(request.path_params["id"], domain)
        if found is None:  # a non-numeric id is simply not a customer here (the mock answers 400)
            raise Refused(404, "Customer not found")
        return found


def _integer(raw: str | None, default: int) -> int:
    """A non-numeric or non-positive value falls back to the default (the note's "it is a query string")."""
    return int(raw) if raw is not None and raw.isdigit() and int(raw) > 0 else default


def _stamp(raw: str | None, *, end: bool = False) -> str | None:
    if raw is None or not re.match(r"^\d{4}-\d{2}-\d{2}", raw):
        return None
    return raw + "T23:59:59.999Z" if end and len(raw) == 10 else raw  # a date means the whole day (DOCS 5)


def _complete(value: Any, names: tuple[str, ...]) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(n), str) and value[n] for n in names)


def _cursor_page(found: list[Customer], per_page: int, after: str | None) -> JSONResponse:
    """Cursor meta `{next, previous, perPage}`, cursors base64 `customer:<id>` (SNIP list)."""
    start = 0
    if after:
        with contextlib.suppress(ValueError):
            last = int(base64.b64decode(after).decode().partition(":")[2])
            start = next((i for i, c in enumerate(found) if c.id < last), len(found))
    page = found[start : start + per_page]
    more = start + per_page < len(found)
    token = base64.b64encode(f"customer:{page[-1].id}".encode()).decode() if page and more else None
    meta = {"next": token, "previous": None, "perPage": per_page}
    return answer(200, "Customers retrieved", [c.core() for c in page], meta=meta)


def create_app() -> Starlette:
    target = Lookalike()
    table = [
        ("/customer", "POST", target.create),
        ("/customer", "GET", target.list),
        ("/customer/set_risk_action", "POST", target.risk),
        ("/customer/authorization/initialize", "POST", target.initialize),
        ("/customer/authorization/verify/{reference}", "GET", target.verify),
        ("/customer/authorization/deactivate", "POST", target.deactivate),
        ("/customer/deactivate_authorization", "POST", target.deactivate),
        ("/customer/{id}/initialize-direct-debit", "POST", target.direct_debit),
        ("/customer/{id}/directdebit-mandate-authorizations", "GET", target.mandates),
        ("/customer/{id}/directdebit-activation-charge", "PUT", target.activation_charge),
        ("/customer/{key}/identification", "POST", target.identify),
        ("/customer/{key}", "GET", target.fetch),
        ("/customer/{key}", "PUT", target.update),
    ]
    routes = []
    for path, method, handler in table:
        for variant in (path, path + "/"):  # trailing slashes are tolerated (§1, PYP2 [LIVE])
            routes.append(Route(variant, _guarded(handler), methods=[method], name=None))
    return Starlette(routes=routes, exception_handlers={HTTPException: _http_error})


def _guarded(handler: Any) -> Any:
    async def endpoint(request: Request) -> JSONResponse:
        try:
            return await handler(request, domain_of(request))
        except Refused as exc:
            return refusal(exc)

    return endpoint


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    """Routing and body-parsing refusals (unknown path, wrong method, a malformed form) in the JSON envelope."""
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    return answer(status, str(getattr(exc, "detail", "")) or "Request failed")


@contextlib.contextmanager
def serve() -> Iterator[str]:
    """The look-alike on an ephemeral loopback port; yields its base URL (use LOOKALIKE_KEY)."""
    with serve_in_thread(create_app()) as base_url:
        yield base_url
