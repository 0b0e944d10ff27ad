"""`paystack-contracts mock`: serve the stateful local Paystack sandbox until Ctrl-C / SIGTERM."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import difflib
import ipaddress
from collections.abc import Callable
from typing import Any, TextIO

from paystack_contracts.credentials import redact
from paystack_contracts.errors import UsageError

__all__ = ["configure", "execute"]


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="interface to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=4010, help="port (default: 4010; 0 picks a free one)")
    parser.add_argument("--db", metavar="PATH", help="SQLite file that keeps the data across restarts")
    parser.add_argument("--seed-customers", type=int, default=0, metavar="N", help="create N customers at start")
    parser.add_argument("--drift", action="append", default=[], metavar="NAME", help="switch on a drift profile")
    parser.add_argument("--list-drifts", action="store_true", help="list the drift profiles and exit")
    parser.add_argument(
        "--key", action="append", default=[], metavar="KEY", help="accept only these secret keys (default: any)"
    )
    parser.add_argument("--rate-limit", action="store_true", help="enforce 100/60 s (test) and 600/60 s (live)")
    parser.add_argument("--webhook-url", metavar="URL", help="send signed identification events here (loopback)")
    parser.add_argument(
        "--webhook-time-scale", type=float, default=None, metavar="F", help="multiply webhook retry delays by F"
    )
    parser.add_argument("--setting", action="append", default=[], metavar="NAME=VALUE", help="set a MockSettings field")
    parser.add_argument(
        "--log",
        nargs="?",
        const="-",
        metavar="PATH",
        help="log each request (method, path, status, latency; keys redacted) to PATH, or to stderr without one",
    )


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from paystack_contracts.mock import DRIFT_PROFILES, MockSettings, create_app
    from paystack_contracts.mock.requestlog import RequestLog
    from paystack_contracts.mock.webhook_drift import WEBHOOK_DRIFT_PROFILES

    profiles = {**DRIFT_PROFILES, **WEBHOOK_DRIFT_PROFILES}
    if args.list_drifts:
        width = max(map(len, profiles))
        for profile in profiles.values():
            out.write(f"{profile.name:<{width}}  {profile.area:<13} {profile.description}\n")
        return 0
    for name in args.drift:
        if name not in profiles:
            close = difflib.get_close_matches(name, profiles, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else "; see --list-drifts"
            raise UsageError(f"unknown drift profile {name!r}{hint}")
    if args.seed_customers < 0:
        raise UsageError("--seed-customers must be 0 or more")
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    settings = MockSettings(
        drift=tuple(args.drift),
        seed_customers=args.seed_customers,
        db_path=args.db,
        accepted_keys=frozenset(args.key) if args.key else None,
        rate_limit=args.rate_limit,
    ).with_overrides(dict(_pair(item) for item in args.setting))
    settings = _with_webhooks(settings, args, out)
    app: Any = create_app(settings)
    sandbox = app.state.sandbox
    _warn_if_exposed(args, err)
    with contextlib.ExitStack() as stack:
        if args.log:
            app = RequestLog(app, _log_writer(args.log, err, stack))
        return _serve(app, sandbox, args, out)


def _serve(app: Any, sandbox: Any, args: argparse.Namespace, out: TextIO) -> int:
    settings = sandbox.settings
    from paystack_contracts.mock import serve

    def ready(base_url: str) -> None:
        keys = f"{len(args.key)} accepted key(s)" if args.key else "any well-formed sk_test_/sk_live_ key"
        drift = ", ".join(args.drift) or "none"
        hooks = f"; webhooks to {settings.webhook_url}" if settings.webhook_url else ""
        out.write(f"Paystack mock listening on {base_url} ({keys}; drift: {drift}{hooks}). Ctrl-C stops it.\n")
        out.flush()

    stopped_by = serve(app, args.host, args.port, on_ready=ready)
    sandbox.close()
    out.write(f"stopped{f' ({stopped_by})' if stopped_by else ''}\n")
    return 0


def _warn_if_exposed(args: argparse.Namespace, err: TextIO) -> None:
    if not _is_loopback(args.host) and not args.key:
        err.write(
            f"warning: listening on {args.host}: any well-formed sk_test_/sk_live_ key is accepted from every "
            "interface; pass --key to accept only yours\n"
        )


def _is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _log_writer(target: str, err: TextIO, stack: contextlib.ExitStack) -> Callable[[str], None]:
    if target == "-":
        stream = err
    else:
        try:
            stream = stack.enter_context(open(target, "a", encoding="utf-8", buffering=1))  # noqa: SIM115
        except OSError as exc:
            raise UsageError(f"--log {target}: {exc.strerror}") from None

    def write(line: str) -> None:
        stream.write(line + "\n")
        stream.flush()

    return write


def _pair(item: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not name:
        raise UsageError(f"--setting expects NAME=VALUE, got {item!r}")
    return name.strip(), value


def _with_webhooks(settings: Any, args: argparse.Namespace, out: TextIO) -> Any:
    """--webhook-url / --webhook-time-scale over --setting, and a log line per delivery attempt."""
    changes: dict[str, Any] = {}
    if args.webhook_url:
        changes["webhook_url"] = args.webhook_url
    if args.webhook_time_scale is not None:
        if args.webhook_time_scale <= 0:
            raise UsageError("--webhook-time-scale must be greater than 0")
        changes["webhook_time_scale"] = args.webhook_time_scale

    def log(attempt: object) -> None:
        out.write(f"{redact(str(attempt))}\n")
        out.flush()

    return dataclasses.replace(settings, **changes, webhook_log=log)
