"""`create_app(settings)`: the Starlette app that serves the classic Customers API and GlobalStack create.

Every operation goes through one wrapper (`_endpoint`) instead of middleware, which keeps a request to one
coroutine: authenticate -> rate limit -> read and parse the body -> handler -> drift rewrites -> render. Unknown
paths (404) and wrong methods (405, with Allow) answer in the JSON envelope too; a trailing slash is ignored
(real clients call `/customer/`); an unexpected exception becomes a 500 envelope, never a dropped connection.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from paystack_contracts.errors import ConfigError
from paystack_contracts.mock import authorizations, customers, directdebit, globalstack
from paystack_contracts.mock.auth import authenticate
from paystack_contracts.mock.context import Call, Sandbox
from paystack_contracts.mock.drift import DRIFT_PROFILES, apply_drift
from paystack_contracts.mock.envelope import Reply, render
from paystack_contracts.mock.errors import ApiError, error_reply
from paystack_contracts.mock.ids import IdFactory
from paystack_contracts.mock.outbox import Outbox
from paystack_contracts.mock.ratelimit import RateLimiter
from paystack_contracts.mock.seeding import seed_customers
from paystack_contracts.mock.settings import MockSettings
from paystack_contracts.mock.store import Store
from paystack_contracts.mock.validation import parse_body
from paystack_contracts.mock.webhook_drift import WEBHOOK_DRIFT_PROFILES

__all__ = ["OPERATIONS", "Operation", "create_app"]

Handler = Callable[[Call], Reply]
ErrorRenderer = Callable[[Sandbox, ApiError], Reply]


@dataclass(frozen=True, slots=True)
class Operation:
    method: str
    path: str
    label: str
    handler: Handler
    has_body: bool = False
    errors: ErrorRenderer | None = None
    """How errors raised before the handler look; None is the classic Paystack envelope."""


def _op(
    method: str, path: str, handler: Handler, label_path: str | None = None, errors: ErrorRenderer | None = None
) -> Operation:
    return Operation(method, path, f"{method} {label_path or path}", handler, method in {"POST", "PUT"}, errors)


# Starlette tries routes in order. Literal one-segment paths must precede `/customer/{email_or_code}`, which would
# also match them; fetch and update come next because they are the busiest; deeper paths cannot clash with it.
OPERATIONS: tuple[Operation, ...] = (
    _op("POST", "/customer", customers.create_customer),
    _op("GET", "/customer", customers.list_customers),
    _op("POST", "/customer/set_risk_action", customers.set_risk_action),
    _op("POST", "/customer/deactivate_authorization", authorizations.deactivate_authorization),
    _op("GET", "/customer/{email_or_code}", customers.fetch_customer),
    _op("PUT", "/customer/{email_or_code}", customers.update_customer),
    _op("POST", "/customer/authorization/initialize", authorizations.initialize_authorization),
    _op("GET", "/customer/authorization/verify/{reference}", authorizations.verify_authorization),
    _op("POST", "/customer/authorization/deactivate", authorizations.deactivate_authorization),
    _op("POST", "/customer/{id}/initialize-direct-debit", directdebit.initialize_direct_debit),
    _op("PUT", "/customer/{id}/directdebit-activation-charge", directdebit.activation_charge),
    _op("GET", "/customer/{id}/directdebit-mandate-authorizations", directdebit.mandate_authorizations),
    _op("POST", "/customer/{code}/identification", customers.validate_customer),
    _op("POST", "/v1/customers", globalstack.create_globalstack_customer, "/customers", globalstack.globalstack_reply),
)


def create_app(settings: MockSettings | None = None) -> Starlette:
    """A fresh sandbox. `app.state.sandbox` holds its state; `app.state.sandbox.close()` releases it."""
    settings = settings or MockSettings()
    unknown = [name for name in settings.drift if name not in DRIFT_PROFILES and name not in WEBHOOK_DRIFT_PROFILES]
    if unknown:
        raise ConfigError(f"unknown drift profile {unknown[0]!r}")
    sandbox = Sandbox(
        settings,
        Store(settings.db_path),
        IdFactory(settings.random_seed),
        RateLimiter(settings),
        frozenset(settings.drift),
    )
    if settings.webhook_url:
        sandbox.outbox = Outbox(settings, sandbox.store, sandbox.drift)
    if settings.seed_customers:
        seed_customers(sandbox, settings.seed_customers)
    routes = [Route(path, _dispatch(sandbox, ops), methods=list(ops)) for path, ops in _by_path().items()]
    app = Starlette(routes=routes, exception_handlers={HTTPException: _http_error(sandbox)})
    app.router.redirect_slashes = False
    app.state.sandbox = sandbox
    if "trailing-slash-404" not in sandbox.drift:
        app.add_middleware(_StripTrailingSlash)
    return app


def _by_path() -> dict[str, dict[str, Operation]]:
    """Operations grouped by path, so a 405's Allow lists every method of the path."""
    grouped: dict[str, dict[str, Operation]] = {}
    for op in OPERATIONS:
        grouped.setdefault(op.path, {})[op.method] = op
    return grouped


def _dispatch(sandbox: Sandbox, ops: dict[str, Operation]) -> Callable[[Request], Awaitable[Response]]:
    endpoints = {method: _endpoint(sandbox, op) for method, op in ops.items()}
    if "GET" in endpoints:
        endpoints["HEAD"] = endpoints["GET"]

    async def dispatch(request: Request) -> Response:
        return await endpoints[request.method](request)

    return dispatch


def _endpoint(sandbox: Sandbox, op: Operation) -> Callable[[Request], Awaitable[Response]]:
    settings = sandbox.settings
    new_style = settings.error_style == "new"

    def render_error(error: ApiError) -> Reply:
        return op.errors(sandbox, error) if op.errors else error_reply(error, new_style=new_style)

    async def endpoint(request: Request) -> Response:
        headers: dict[str, str] = {}
        try:
            call = await _prepare(sandbox, op, request, headers)
            reply = op.handler(call)
        except ApiError as error:
            reply = render_error(error)
        except Exception:  # a bug must still answer in the envelope, never drop the connection
            reply = render_error(ApiError(500, "An error occurred", "server"))
        if sandbox.drift:
            reply = apply_drift(sandbox.drift, op.label, reply)
        reply.headers.update(headers)
        if settings.request_id_header:
            reply.headers[settings.request_id_header] = "req_" + sandbox.ids.ulid(sandbox.now_ms())
        return render(reply)

    return endpoint


async def _prepare(sandbox: Sandbox, op: Operation, request: Request, headers: dict[str, str]) -> Call:
    """Authenticate, count, read the body: a ready `Call`, or ApiError."""
    settings = sandbox.settings
    mode = authenticate(request.headers, settings, required=not sandbox.drifted("auth-not-required"))
    if settings.rate_limit:
        try:
            headers.update(sandbox.limiter.admit(mode))
        except ApiError as error:
            headers.update(error.headers)
            raise
    call = Call(sandbox, mode, dict(request.path_params), dict(request.query_params))
    if op.has_body:
        call.raw_body = await _read_body(request, settings)
        try:
            kind = request.headers.get("content-type", "")
            call.body = parse_body(call.raw_body, kind, json_without_content_type=settings.json_without_content_type)
        except ApiError:
            if settings.html_edge_errors:
                raise ApiError(400, "edge", "edge") from None
            raise
        call.headers = dict(request.headers)
        call.form = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
    return call


async def _read_body(request: Request, settings: MockSettings) -> bytes:
    limit = settings.max_body_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(settings)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise _too_large(settings)
        chunks.append(chunk)
    return b"".join(chunks)


def _too_large(settings: MockSettings) -> ApiError:
    if settings.html_edge_errors:
        return ApiError(400, "edge", "edge")
    return ApiError(413, "Request body is too large", "too_large")


def _http_error(sandbox: Sandbox) -> Callable[[Request, Exception], Awaitable[Response]]:
    new_style = sandbox.settings.error_style == "new"

    async def handler(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        if exc.status_code == 405:
            error = ApiError(405, "Method not allowed", "method", headers=dict(exc.headers or {}))
        else:
            error = ApiError(404, "Route not found", "route")
        if request.url.path.startswith("/v1/"):
            return render(globalstack.globalstack_reply(sandbox, error))
        return render(apply_drift(sandbox.drift, "", error_reply(error, new_style=new_style)))

    return handler


class _StripTrailingSlash:
    """`/customer/` and `/customer` are the same resource (PYP2's live tests call `/customer/`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path: str = scope["path"]
            if len(path) > 1 and path.endswith("/"):
                scope = {**scope, "path": path.rstrip("/") or "/"}
        await self.app(scope, receive, send)
