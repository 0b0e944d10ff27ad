"""The comparison rules: each is a plain function over one API family's sources, registered with `@rule`.

Operations are grouped by method and path shape (`/customer/{code}` = `/customer/:email_or_code`). A rule
compares what the sources that *state* something say about it (a docs table without a status column takes part
in no status comparison) and yields one `Discrepancy` per disagreement, keyed stably by rule and subject.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from paystack_contracts.diff.schemas import normalized_name
from paystack_contracts.discrepancies.aliases import AliasSet, operation_key
from paystack_contracts.discrepancies.model import Claim, Discrepancy, Operation, Source

__all__ = ["RULES", "Family", "edit_distance", "rule"]


@dataclass
class Family:
    """The sources of one API family, with their operations grouped by key ("POST /customer/{}")."""

    name: str
    sources: list[Source]
    aliases: list[AliasSet]
    groups: dict[str, list[tuple[Source, Operation]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for source in self.sources:
            for op in source.operations:
                self.groups.setdefault(operation_key(op.method, op.path), []).append((source, op))


Rule = Callable[[Family], Iterator[Discrepancy]]
RULES: dict[str, Rule] = {}


def rule(name: str) -> Callable[[Rule], Rule]:
    def register(function: Rule) -> Rule:
        RULES[name] = function
        return function

    return register


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance; twenty lines of stdlib beat a dependency for names of a few dozen characters."""
    previous = list(range(len(b) + 1))
    for i, left in enumerate(a, 1):
        current = [i]
        for j, right in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (left != right)))
        previous = current
    return previous[-1]


def differ(
    rule_name: str,
    key: str,
    what: str,
    claims: Iterable[Claim],
    operation: str | None = None,
    group_by: Callable[[Claim], str] | None = None,
) -> Iterator[Discrepancy]:
    """One discrepancy when the claims say more than one thing (compared via `group_by`, default the value)."""
    claims = tuple(sorted(claims, key=lambda c: (c.file, c.location)))
    values: dict[str, list[str]] = {}
    for claim in claims:
        values.setdefault(group_by(claim) if group_by else claim.value, []).append(claim.file)
    if len(values) > 1:
        said = "; ".join(f"{value} ({', '.join(dict.fromkeys(files))})" for value, files in values.items())
        prefix = f"{operation}: " if operation else ""
        yield Discrepancy(rule_name, key, f"{prefix}{what} disagree: {said}", claims, operation)


def _label(op: Operation) -> str:
    return f"{op.method} {op.path}"


def _alias_of(family: Family, key: str) -> AliasSet | None:
    return next((a for a in family.aliases if key in a.keys), None)


@rule("endpoint-missing")
def endpoint_missing(family: Family) -> Iterator[Discrepancy]:
    describing = [s for s in family.sources if s.operations]
    for key, members in family.groups.items():
        having = {s.file for s, _ in members}
        aliases = _alias_of(family, key)
        alias_keys = set(aliases.keys) - {key} if aliases else set()
        lacking = [
            s
            for s in describing
            if s.file not in having and not any(operation_key(o.method, o.path) in alias_keys for o in s.operations)
        ]
        if lacking:
            claims = [Claim(s.file, op.location, f"has {_label(op)}") for s, op in members]
            claims += [Claim(s.file, "", "does not have it") for s in lacking]
            yield from differ(
                "endpoint-missing", f"endpoint-missing:{key}", "sources listing this endpoint", claims, key
            )


@rule("path-alias")
def path_alias(family: Family) -> Iterator[Discrepancy]:
    for aliases in family.aliases:
        claims = []
        for source in (s for s in family.sources if s.operations):
            used = [op for op in source.operations if operation_key(op.method, op.path) in aliases.keys]
            if used:
                value = " + ".join(sorted(op.path for op in used))
                claims.append(Claim(source.file, used[0].location, value))
        yield from differ(
            "path-alias", f"path-alias:{aliases.canonical}", "alias paths used", claims, aliases.canonical
        )


def _short_name(source: Source, name: str) -> str:
    """operationId `customer_riskAction` and SDK method `risk_action` both become `risk_action`."""
    if not source.language_names and "_" in name:
        name = name.split("_", 1)[1]
    return normalized_name(name)


@rule("operation-name")
def operation_name(family: Family) -> Iterator[Discrepancy]:
    for key, members in family.groups.items():
        named = [(s, op, op.name, op.name_location) for s, op in members if op.name and op.name_location]
        claims = [Claim(s.file, at, name) for s, _, name, at in named]
        short = {(s.file, at): _short_name(s, name) for s, _, name, at in named}
        by_short = differ(
            "operation-name",
            f"operation-name:{key}",
            "operation names",
            claims,
            key,
            group_by=_located(short),
        )
        for found in by_short:
            yield replace(found, message=found.message + _typo_hint(short.values()))


def _located(values: dict[tuple[str, str], str]) -> Callable[[Claim], str]:
    return lambda claim: values[(claim.file, claim.location)]


def _typo_hint(short_names: Iterable[str]) -> str:
    names = sorted(set(short_names))
    close = [(a, b, edit_distance(a, b)) for i, a in enumerate(names) for b in names[i + 1 :]]
    typos = [f"{a} ~ {b} (edit distance {d})" for a, b, d in close if 0 < d <= 2]
    return f" — likely typo: {', '.join(typos)}" if typos else ""


def path_params(path: str) -> list[str]:
    return [a or b for a, b in re.findall(r"\{([^}/]*)\}|(?<=/):([A-Za-z_][A-Za-z0-9_]*)", path)]


@rule("path-param-name")
def path_param_name(family: Family) -> Iterator[Discrepancy]:
    for key, members in family.groups.items():
        claims = [
            Claim(s.file, op.location, ", ".join(path_params(op.path))) for s, op in members if path_params(op.path)
        ]
        yield from differ("path-param-name", f"path-param-name:{key}", "path parameter names", claims, key)


def _codes(codes: dict[str, str] | None) -> str:
    return ", ".join(sorted(codes or {})) or "none"


@rule("success-status")
def success_status(family: Family) -> Iterator[Discrepancy]:
    yield from _status_rule(family, "success-status", "success status codes", lambda op: op.success)


@rule("error-status")
def error_status(family: Family) -> Iterator[Discrepancy]:
    yield from _status_rule(family, "error-status", "declared error status codes", lambda op: op.errors)


def _status_rule(
    family: Family, name: str, label: str, codes_of: Callable[[Operation], dict[str, str] | None]
) -> Iterator[Discrepancy]:
    """Sources that declare different status codes for the same operation (success or error, per `codes_of`)."""
    for key, members in family.groups.items():
        claims = [
            Claim(s.file, _first(codes_of(op), op.location), _codes(codes_of(op)))
            for s, op in members
            if codes_of(op) is not None
        ]
        yield from differ(name, f"{name}:{key}", label, claims, key)


def _first(codes: dict[str, str] | None, fallback: str) -> str:
    if not codes:
        return fallback
    return codes[sorted(codes)[0]].rsplit("/", 1)[0] if len(codes) > 1 else next(iter(codes.values()))


@rule("status-misdirected")
def status_misdirected(family: Family) -> Iterator[Discrepancy]:
    """An error status whose `$ref` names another status' response (404 -> …/responses/401)."""
    for key, members in family.groups.items():
        for status in sorted({c for _, op in members for c in op.misdirected}):
            claims = [
                Claim(s.file, f"{op.location}/responses/{status}", f"{status} -> {op.misdirected[status]}")
                for s, op in members
                if status in op.misdirected
            ]
            claims += [
                Claim(s.file, (op.errors or {})[status], f"{status} is its own response")
                for s, op in members
                if status not in op.misdirected and status in (op.errors or {})
            ]
            subject, what = f"status-misdirected:{key}:{status}", f"the {status} response"
            if all("->" in c.value for c in claims):
                message = f"{key}: {what} is another status' response ({claims[0].value})"
                yield Discrepancy("status-misdirected", subject, message, tuple(claims), key)
            else:
                yield from differ("status-misdirected", subject, what, claims, key)


@rule("unresolvable-ref")
def unresolvable_ref(family: Family) -> Iterator[Discrepancy]:
    targets: dict[str, list[Claim]] = {}
    for source in family.sources:
        for at, ref in source.unresolved:
            targets.setdefault(ref, []).append(Claim(source.file, at, f"$ref {ref} does not resolve"))
    for ref, claims in sorted(targets.items()):
        files = ", ".join(dict.fromkeys(c.file for c in claims))
        message = f"{len(claims)} reference(s) to {ref} do not resolve in {files}"
        yield Discrepancy("unresolvable-ref", f"unresolvable-ref:{ref}", message, tuple(claims))


@rule("base-url")
def base_url(family: Family) -> Iterator[Discrepancy]:
    claims = [Claim(s.file, s.base_url[1], s.base_url[0].rstrip("/")) for s in family.sources if s.base_url]
    yield from differ("base-url", f"base-url:{family.name}", "base URLs", claims)


@rule("request-media-types")
def request_media_types(family: Family) -> Iterator[Discrepancy]:
    for key, members in family.groups.items():
        claims = [
            Claim(s.file, op.media_location or op.location, ", ".join(sorted(op.media_types)))
            for s, op in members
            if op.media_types is not None
        ]
        yield from differ("request-media-types", f"request-media-types:{key}", "request media types", claims, key)
