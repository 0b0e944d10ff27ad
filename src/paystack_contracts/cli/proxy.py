"""`paystack-contracts proxy --upstream URL`: a loopback validating proxy. Point your SDK's base URL at it; every
exchange is forwarded unchanged, judged against the contract and recorded (redacted).

The upstream follows `run`'s target policy (https, or plain http to loopback only) and a live key is refused
before anything is forwarded. SIGUSR1 writes the reports so far; Ctrl-C / SIGTERM stops the proxy and writes them.
Exit 0 conforms, 1 findings, 2 usage/config error, 3 nothing checked.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from paystack_contracts.cli.traffic import report, scope_of, usage_option
from paystack_contracts.errors import ConfigError, UsageError
from paystack_contracts.reports import write_reports

__all__ = ["configure", "execute"]

DEFAULT_PORT = 4011


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--upstream", required=True, help="where requests go: the sandbox (https) or a mock")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})")
    parser.add_argument("--report-dir", type=Path, default=Path("reports"), help="where reports go (default: reports/)")
    parser.add_argument(
        "--record", type=Path, help="the redacted recording, appended to (default: <report-dir>/traffic.jsonl)"
    )
    parser.add_argument(
        "--fail-on-violation", action="store_true", help="answer a violating exchange with a 500 naming the finding"
    )
    parser.add_argument(
        "--upstream-timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="the whole upstream answer within this, else a 502 and an inconclusive timeout (default: 30)",
    )
    usage_option(parser)


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from paystack_contracts.proxy import Inspector, ProxyConfig, create_proxy_app, finished, serve_proxy

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    if not (math.isfinite(args.upstream_timeout) and args.upstream_timeout > 0):
        raise UsageError(f"--upstream-timeout must be a positive number of seconds (got {args.upstream_timeout:g})")
    config = ProxyConfig.vetted(args.upstream, fail_on_violation=args.fail_on_violation, timeout=args.upstream_timeout)
    scope = scope_of(args.usage)
    inspector = Inspector.for_target(f"proxy to {config.upstream}")
    record = args.record or args.report_dir / "traffic.jsonl"
    with _opened(record) as recording:
        app = create_proxy_app(config, inspector, recording)

        def ready(url: str) -> None:
            out.write(f"proxy listening on {url}, forwarding to {config.upstream}; recording to {record}\n")
            out.write("SIGUSR1 writes the reports so far; Ctrl-C stops and writes them.\n")
            out.flush()

        with _snapshots(lambda: write_reports(finished(inspector, *scope), args.report_dir)):
            stopped_by = serve_proxy(app, args.port, ready)
    out.write(f"stopped{f' ({stopped_by})' if stopped_by else ''}\n")
    return report(finished(inspector, *scope), args.report_dir, out, err)


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[TextIO]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        stream = path.open("a", encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write the recording {path}: {exc.strerror or exc}") from None
    with stream:
        yield stream


@contextlib.contextmanager
def _snapshots(write: Callable[[], object]) -> Iterator[None]:
    """SIGUSR1 writes the reports, in a thread (a signal handler must not take the inspector's lock)."""
    if not hasattr(signal, "SIGUSR1"):  # Windows: reports only on exit
        yield
        return
    previous = signal.signal(signal.SIGUSR1, lambda *_: threading.Thread(target=write, daemon=True).start())
    try:
        yield
    finally:
        signal.signal(signal.SIGUSR1, previous)
