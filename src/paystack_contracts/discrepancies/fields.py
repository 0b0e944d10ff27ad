"""Rules over parameters, request fields and resource fields: which exist, their spelling, type, required-ness, enum.

Names are matched on their normalized form (`perPage` = `per_page` = `_from`/`from` after an SDK's renaming), so
an SDK's language-level names are compared with the wire names without reporting its naming convention; spelling
differences are reported only between sources that state wire names.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from paystack_contracts.diff.schemas import normalized_name
from paystack_contracts.discrepancies.model import Claim, Discrepancy, Field, Operation, Resource, Source
from paystack_contracts.discrepancies.rules import Family, differ, rule

__all__ = ["compare_fields"]

Stated = list[tuple[Source, str, dict[str, Field]]]  # (source, where the set is stated, fields by name)


def _norm(name: str) -> str:
    return normalized_name(name).lstrip("_")


def _by_norm(fields: dict[str, Field]) -> dict[str, Field]:
    return {_norm(name): f for name, f in fields.items()}


def compare_fields(
    rule_name: str,
    what: str,
    subject: str,
    stated: Stated,
    required_sets: dict[str, tuple[str, frozenset[str]]] | None = None,
) -> Iterator[Discrepancy]:
    """Set of names, then spelling/type/required/enum of each name stated by two or more sources."""
    if len(stated) < 2:
        return
    names = {s.file: ", ".join(sorted(_by_norm(f))) or "none" for s, _, f in stated}
    raw = [Claim(s.file, at, ", ".join(sorted(f, key=_norm)) or "none") for s, at, f in stated]
    yield from differ(f"{rule_name}s", f"{rule_name}s:{subject}", f"{what}s", raw, subject, lambda c: names[c.file])
    for norm in sorted({n for _, _, f in stated for n in _by_norm(f)}):
        present = [(s, _by_norm(f)[norm]) for s, _, f in stated if norm in _by_norm(f)]
        yield from _aspects(
            rule_name, what, f"{subject}:{norm}", subject, present, per_field_required=required_sets is None
        )
    if required_sets is not None:
        claims = [Claim(file, at, ", ".join(sorted(names)) or "none") for file, (at, names) in required_sets.items()]
        yield from differ(
            f"{rule_name}-required", f"{rule_name}-required:{subject}", f"required {what}s", claims, subject
        )


def _aspects(
    rule_name: str, what: str, key: str, subject: str, present: list[tuple[Source, Field]], *, per_field_required: bool
) -> Iterator[Discrepancy]:
    aspects: list[tuple[str, Callable[[Source, Field], str | None]]] = [
        ("spelling", lambda s, f: None if s.language_names else f.name),
        ("type", lambda s, f: f.type),
        ("required", lambda s, f: None if f.required is None or not per_field_required else _required(f.required)),
        ("enum", lambda s, f: (", ".join(f.enum) if f.enum is not None else "any") if s.expresses_enums else None),
    ]
    name = present[0][1].name
    for aspect, says in aspects:
        claims = [Claim(f.file or s.file, f.location, value) for s, f in present if (value := says(s, f)) is not None]
        yield from differ(
            f"{rule_name}-{aspect}", f"{rule_name}-{aspect}:{key}", f"{what} {name} {aspect}", claims, subject
        )


def _required(required: bool) -> str:
    return "required" if required else "optional"


def _stated(family: Family, key: str, pick: Callable[[Operation], dict[str, Field] | None]) -> Stated:
    return [(s, op.location, fields) for s, op in family.groups[key] if (fields := pick(op)) is not None]


@rule("query-param")
def query_params(family: Family) -> Iterator[Discrepancy]:
    for key in family.groups:
        yield from compare_fields("query-param", "query parameter", key, _stated(family, key, lambda op: op.params))


@rule("request-field")
def request_fields(family: Family) -> Iterator[Discrepancy]:
    for key in family.groups:
        yield from compare_fields("request-field", "request field", key, _stated(family, key, lambda op: op.body))


def _overlap(a: Resource, b: Resource) -> float:
    left, right = set(_by_norm(a.fields)), set(_by_norm(b.fields))
    return len(left & right) / max(1, min(len(left), len(right)))


@rule("resource-field")
def resource_fields(family: Family) -> Iterator[Discrepancy]:
    """JSON Schemas of the same resource (most of their fields shared) are compared field by field."""
    resources = [(s, r) for s in family.sources for r in s.resources]
    for index, (source, resource) in enumerate(resources):
        peers = [(s, r) for s, r in resources[index + 1 :] if _overlap(resource, r) >= 0.5]
        if peers:
            members = [(source, resource), *peers]
            stated: Stated = [(s, r.location, r.fields) for s, r in members]
            required = {s.file: (f"{r.location}/required", r.required) for s, r in members}
            subject = _norm(resource.title.split("(")[0].strip()).replace(" ", "-") or "resource"
            yield from compare_fields("resource-field", "resource field", subject, stated, required)
            return


@rule("response-field-name")
def response_field_name(family: Family) -> Iterator[Discrepancy]:
    """One field written two ways (createdAt / created_at) across response `data` schemas and resource schemas."""
    spellings: dict[str, dict[str, dict[str, str]]] = {}  # normalized -> file -> spelling -> first location
    for source in family.sources:
        fields = [f for op in source.operations for f in op.response_fields.values()]
        fields += [f for r in source.resources for f in r.fields.values()]
        for f in fields:
            spellings.setdefault(_norm(f.name), {}).setdefault(source.file, {}).setdefault(f.name, f.location)
    for norm, by_file in sorted(spellings.items()):
        in_responses = any(s.file in by_file and s.kind == "openapi" for s in family.sources)
        if not in_responses or len(by_file) < 2 or len({s for seen in by_file.values() for s in seen}) < 2:
            continue
        claims = [Claim(file, next(iter(seen.values())), ", ".join(sorted(seen))) for file, seen in by_file.items()]
        yield from differ("response-field-name", f"response-field-name:{norm}", f"spellings of {norm}", claims)
