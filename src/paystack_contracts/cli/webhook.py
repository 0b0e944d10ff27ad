"""`paystack-contracts webhook send|listen`: test your own webhook handler, or watch events arrive.

`send EVENT --to URL` POSTs a contract-valid event signed with your test key (or `--bad-signature`) and reports
what the handler answered: exit 0 when it behaved (2xx for a good signature, non-2xx for a bad one), 1 when it
did not, 2 for usage errors, 3 when it could not be reached. `listen --port P` receives events (from the mock's
`--webhook-url`, or forwarded by you), verifies each and prints it with its verdict until Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, TextIO

from paystack_contracts.credentials import SecretKey, redact
from paystack_contracts.errors import TargetUnavailableError, UsageError

__all__ = ["configure", "execute"]


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="webhook_command", metavar="ACTION", parser_class=type(parser))
    send = sub.add_parser("send", help="send a signed event to your handler and report its answer")
    send.add_argument("event", metavar="EVENT", help="an event of the contract, e.g. customeridentification.success")
    send.add_argument("--to", required=True, metavar="URL", help="your handler (loopback unless --allow-remote)")
    send.add_argument("--payload", metavar="FILE", help="JSON payload to send instead of the contract's example")
    send.add_argument("--bad-signature", action="store_true", help="sign with a wrong key: the handler must refuse")
    send.add_argument("--repeat", type=int, default=1, metavar="N", help="send the same event N times")
    listen = sub.add_parser("listen", help="receive events, verify them and print each with its verdict")
    listen.add_argument("--port", type=int, default=4011, help="port (default: 4011; 0 picks a free one)")
    listen.add_argument("--host", default="127.0.0.1", help="interface (default: 127.0.0.1)")
    for command in (send, listen):
        command.add_argument(
            "--secret-key", metavar="KEY", help="test key (default: PAYSTACK_SECRET_KEY, else the mock's)"
        )
        command.add_argument("--allow-remote", action="store_true", help="allow a non-loopback host (https for send)")


def _key(args: argparse.Namespace) -> SecretKey:
    from paystack_contracts.mock import DEFAULT_TEST_KEY

    return SecretKey.parse(args.secret_key or os.environ.get("PAYSTACK_SECRET_KEY") or DEFAULT_TEST_KEY)


def execute(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if args.webhook_command == "send":
        return _send(args, out, err)
    if args.webhook_command == "listen":
        return _listen(args, out)
    raise UsageError("webhook needs an action: send or listen")


def _payload(args: argparse.Namespace, contract: Any) -> dict[str, Any]:
    if args.payload:
        try:
            payload = json.loads(Path(args.payload).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise UsageError(f"--payload {args.payload}: {type(exc).__name__}: cannot read a JSON document") from None
        if not isinstance(payload, dict):
            raise UsageError(f"--payload {args.payload}: expected a JSON object")
        return payload
    if args.event not in contract.events:
        raise UsageError(f"unknown event {args.event!r}; the contract declares: {', '.join(contract.events)}")
    return dict(next(iter(contract.examples(args.event).values())))


def _send(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from paystack_contracts.webhooks import judge_delivery, project_contract
    from paystack_contracts.webhooks.events import encode
    from paystack_contracts.webhooks.receiver import Delivery
    from paystack_contracts.webhooks.sending import handler_finding, post_event
    from paystack_contracts.webhooks.urls import vet_url

    if args.repeat < 1:
        raise UsageError("--repeat must be 1 or more")
    url = vet_url(args.to, allow_remote=args.allow_remote, what="--to")
    key, contract = _key(args), project_contract()
    body = encode(_payload(args, contract))
    for problem in judge_delivery(Delivery(body, {}, True, 200), contract):
        out.write(f"note: the payload breaks the contract: {redact(problem.message)}\n")
    failed = 0
    for number in range(1, args.repeat + 1):
        try:
            answer = post_event(url, body, key.reveal(), bad_signature=args.bad_signature)
        except TargetUnavailableError as exc:
            err.write(f"error: {redact(str(exc))}\n")
            return 3
        finding = handler_finding(args.event, answer, bad_signature=args.bad_signature)
        signed = "mis-signed" if args.bad_signature else "signed"
        verdict = "ok" if finding is None else f"MISBEHAVED: {finding.message}"
        line = (
            f"{number}/{args.repeat} {signed} {args.event} -> {answer.status} in {answer.latency_ms:.0f} ms: {verdict}"
        )
        out.write(redact(line, key.reveal()) + "\n")
        failed += finding is not None
    return 1 if failed else 0


def _listen(args: argparse.Namespace, out: TextIO) -> int:
    from paystack_contracts.mock import serve
    from paystack_contracts.webhooks import Delivery, Receiver, judge_delivery, project_contract
    from paystack_contracts.webhooks.urls import is_loopback

    if not is_loopback(args.host) and not args.allow_remote:
        raise UsageError(f"refusing to listen on {args.host}: loopback only unless --allow-remote")
    key, contract = _key(args), project_contract()

    def show(delivery: Delivery) -> None:
        findings = judge_delivery(delivery, contract)
        verdict = "ok" if not findings else "; ".join(f.message for f in findings)
        event = _event_name(delivery.body)
        out.write(redact(f"{event} -> answered {delivery.answered}: {verdict}", key.reveal()) + "\n")
        out.flush()

    receiver = Receiver(key.reveal(), on_delivery=show)

    def ready(url: str) -> None:
        out.write(f"listening for Paystack webhooks on {url} (signatures checked with {key}). Ctrl-C stops it.\n")
        out.flush()

    stopped_by = serve(receiver.app, args.host, args.port, on_ready=ready)
    out.write(f"stopped{f' ({stopped_by})' if stopped_by else ''}; {len(receiver.deliveries)} event(s) received\n")
    return 0


def _event_name(body: bytes) -> str:
    try:
        found = json.loads(body).get("event")
    except (ValueError, AttributeError, RecursionError):
        found = None
    return found if isinstance(found, str) else "(not an event)"
