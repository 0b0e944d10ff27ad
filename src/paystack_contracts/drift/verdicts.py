"""Live verdicts: which source the target agreed with, for each ledger entry that a run can observe.

A ledger entry's `observe` says which exchanges settle it and what each side expects:

    observe:
      operation: POST /customer            # "METHOD /path/{template}", or "*" for any operation
      when: {status: [200, 201, 202]}      # which recorded exchanges are relevant
      sides:
        upstream-openapi: {status: 201}
        contract: {status: 200}
      recorded: contract                   # the side the live API follows according to the evidence

`evaluate(entries, exchanges)` returns one `results.Verdict` per observable entry: `observed` is the set of sides
consistent with every relevant exchange ("+"-joined), "neither" when no side held, "not observed" when no exchange
was relevant. `drift` is set when the target was observed and does not agree with the recorded side.

Expectations (usable in `when` and in each side): status (int or list), message (regex searched in the body's
`message`), present / absent (field paths like `data.customer_code`, `data[].id`), types ({path: json type or
list}), matches ({path: regex}), headers (response header names); `when` also takes path_matches (regex on the
URL path), request_types ({field: json type} of the JSON request body), request_query ({name: regex}) and
request_query_absent ([names]); any_of ([expectations], one must hold) in either.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from paystack_contracts.discrepancies.ledger import LedgerEntry, load_ledger
from paystack_contracts.drift.fingerprints import json_type
from paystack_contracts.results import Exchange, Verdict

__all__ = ["EXPECTATIONS", "NOT_OBSERVED", "evaluate", "evaluate_ledger", "values_at"]

NOT_OBSERVED = "not observed"
NEITHER = "neither"
_INCONCLUSIVE = frozenset({429, 502, 503, 504})

_MISSING = object()


def values_at(document: Any, path: str) -> list[Any] | None:
    """Values at a field path (`data[].id`); None when any branch lacks it (or an array on the way is empty)."""
    values = [document]
    for token in filter(None, path.split(".")):
        key, many = (token[:-2], True) if token.endswith("[]") else (token, False)
        found: list[Any] = []
        for value in values:
            item: Any = value.get(key, _MISSING) if isinstance(value, dict) else _MISSING
            if item is _MISSING or (many and not isinstance(item, list)):
                return None
            found.extend(item if many else [item])
        if not found and many:
            return None
        values = found
    return values


class _Seen:
    """One exchange as the expectations read it: status, parsed bodies, path, query, headers."""

    def __init__(self, exchange: Exchange) -> None:
        self.status = exchange.status_code
        self.body = _parse(exchange.response_body)
        self.request = _parse(exchange.request_body)
        parts = urlsplit(exchange.url)
        self.path = parts.path
        self.query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        self.headers = {k.lower() for k in exchange.response_headers}


def _parse(text: str | None) -> Any:
    try:
        return json.loads(text) if text else None
    except (ValueError, RecursionError):
        return None


def _types_hold(document: Any, wanted: dict[str, Any]) -> bool:
    for path, types in wanted.items():
        allowed = {types} if isinstance(types, str) else set(types)
        values = values_at(document, path)
        if values is None or any(json_type(v) not in allowed for v in values):
            return False
    return True


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else [value]


Expectation = Callable[[_Seen, Any], bool]
EXPECTATIONS: dict[str, Expectation] = {
    "status": lambda seen, want: seen.status in _as_list(want),
    "message": lambda seen, want: (
        isinstance(seen.body, dict) and re.search(str(want), str(seen.body.get("message", ""))) is not None
    ),
    "present": lambda seen, want: all(values_at(seen.body, p) is not None for p in _as_list(want)),
    "absent": lambda seen, want: all(values_at(seen.body, p) is None for p in _as_list(want)),
    "types": lambda seen, want: _types_hold(seen.body, want),
    "matches": lambda seen, want: all(
        (vs := values_at(seen.body, p)) is not None and all(re.search(str(rx), str(v)) for v in vs)
        for p, rx in want.items()
    ),
    "headers": lambda seen, want: all(str(h).lower() in seen.headers for h in _as_list(want)),
    "path_matches": lambda seen, want: re.search(str(want), seen.path) is not None,
    "request_types": lambda seen, want: _types_hold(seen.request, want),
    "request_query": lambda seen, want: all(re.search(str(rx), seen.query.get(k, "\0")) for k, rx in want.items()),
    "request_query_absent": lambda seen, want: all(k not in seen.query for k in _as_list(want)),
    "any_of": lambda seen, want: any(_holds(seen, expectation) for expectation in _as_list(want)),
}


def _holds(seen: _Seen, expectation: dict[str, Any]) -> bool:
    return all(EXPECTATIONS[name](seen, want) for name, want in expectation.items() if name in EXPECTATIONS)


def _operation_matcher(label: str) -> Callable[[str, str], bool]:
    """(method, path) -> whether an exchange is of the operation `label` (`*`: any)."""
    if label.strip() == "*":
        return lambda method, path: True
    wanted, _, template = label.partition(" ")
    pattern = re.compile("(?:^|.*)" + re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template.rstrip("/"))) + "/?$")
    return lambda method, path: method.upper() == wanted.upper() and bool(pattern.fullmatch(path))


class _Exchanges:
    """A run's exchanges as the verdicts read them: each one's method and path split once, its bodies parsed once
    and only if a verdict looks at it (35 verdicts over 1,300 exchanges parsed every body 35 times)."""

    def __init__(self, exchanges: Sequence[Exchange]) -> None:
        self.exchanges = exchanges
        self.routes = [(e.method, urlsplit(e.url).path) for e in exchanges]
        self._seen: dict[int, _Seen] = {}

    def judged(self, matches: Callable[[str, str], bool]) -> Iterable[_Seen]:
        for index, (method, path) in enumerate(self.routes):
            exchange = self.exchanges[index]
            if exchange.status_code in _INCONCLUSIVE or exchange.status_code is None or not matches(method, path):
                continue
            if index not in self._seen:
                self._seen[index] = _Seen(exchange)
            yield self._seen[index]


def evaluate(entries: Iterable[LedgerEntry], exchanges: Sequence[Exchange]) -> list[Verdict]:
    """One verdict per ledger entry with an `observe` block, from the exchanges a run recorded (redacted)."""
    views = _Exchanges(exchanges)
    return [_verdict(entry, views) for entry in entries if entry.observe and entry.observe.get("sides")]


def _verdict(entry: LedgerEntry, exchanges: _Exchanges) -> Verdict:
    observe = entry.observe or {}
    sides: dict[str, dict[str, Any]] = {str(k): v or {} for k, v in observe["sides"].items()}
    recorded = str(observe.get("recorded", ""))
    matches = _operation_matcher(str(observe.get("operation", "*")))
    when = observe.get("when") or {}
    relevant = [seen for seen in exchanges.judged(matches) if _holds(seen, when)]
    agreeing = set(sides)
    for seen in relevant:
        agreeing &= {name for name, expectation in sides.items() if _holds(seen, expectation)}
    observed = NOT_OBSERVED if not relevant else "+".join(sorted(agreeing)) or NEITHER
    drift = bool(relevant) and recorded not in agreeing
    evidence = f"{len(relevant)} exchange(s) of {observe.get('operation', '*')} matching {json.dumps(when)}"
    return Verdict(entry.id, entry.topic, recorded, observed, evidence, drift)


def evaluate_ledger(ledger_path: Path, exchanges: Sequence[Exchange]) -> list[Verdict]:
    """`evaluate` over the entries of a ledger file; no ledger file, no verdicts. A broken one is a DocumentError."""
    if not ledger_path.is_file():
        return []
    return evaluate(load_ledger(ledger_path).entries, exchanges)
