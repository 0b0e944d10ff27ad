"""The common model every kind of source is turned into, and the `Discrepancy` the rules compute from it.

A docs table, an SDK method table, an OpenAPI document and a JSON Schema all say things about the same API:
which operations exist, their names, parameters, request fields, status codes and response fields. Adapters
(`sources.py`) turn each file into one `Source` of `Operation`s and `Resource`s; the rules (`rules.py`) compare
what the sources say about the same operation. Every statement keeps its file and JSON pointer, so a discrepancy
can say exactly where each side says what.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from paystack_contracts.findings import Finding, Severity

__all__ = ["Claim", "Discrepancy", "Field", "Operation", "Resource", "Source"]


@dataclass(frozen=True, slots=True)
class Field:
    """A parameter, request field or resource field as one source describes it. None: the source does not say."""

    name: str
    location: str  # JSON pointer in the source file
    type: str | None = None  # normalized JSON type(s), "|"-joined: "string", "null|object"
    required: bool | None = None
    enum: tuple[str, ...] | None = None
    where: str = "body"  # path | query | header | body | field
    file: str | None = None  # the project-relative file `location` points into, when not the source itself


@dataclass
class Operation:
    """One method + path as a source describes it. A None collection means the source has no such information."""

    method: str
    path: str  # as written: /customer/:code, /customer/{code}
    location: str
    name: str | None = None  # operationId or SDK method name
    name_location: str | None = None
    params: dict[str, Field] | None = None  # query/header parameters
    body: dict[str, Field] | None = None
    media_types: tuple[str, ...] | None = None
    media_location: str | None = None
    success: dict[str, str] | None = None  # status code -> pointer
    errors: dict[str, str] | None = None
    response_fields: dict[str, Field] = field(default_factory=dict)  # top-level fields of the success `data`
    misdirected: dict[str, str] = field(default_factory=dict)  # status -> $ref pointing at another status


@dataclass(frozen=True, slots=True)
class Resource:
    """A JSON Schema of a resource (a Customer): its top-level fields."""

    title: str
    location: str
    fields: dict[str, Field]
    required: frozenset[str]


@dataclass
class Source:
    """One file under specs/ or contracts/ as the detector understood it."""

    file: str  # project-relative, posix
    kind: str  # openapi | json-schema | docs-endpoint-table | sdk-method-table | ...
    api: str  # which API family it describes (paystack, globalstack): only sources of one family are compared
    operations: list[Operation] = field(default_factory=list)
    resources: list[Resource] = field(default_factory=list)
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # (pointer of the $ref, target)
    base_url: tuple[str, str] | None = None  # (url, pointer)
    language_names: bool = False  # an SDK: parameter names are the language's, not the wire's
    expresses_enums: bool = True  # the format can state enums (docs/SDK tables cannot)


@dataclass(frozen=True, slots=True)
class Claim:
    """What one source says, and where: `file#location` says `value`."""

    file: str
    location: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"file": self.file, "at": self.location, "says": self.value}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(str(data.get("file", "")), str(data.get("at", "")), str(data.get("says", "")))


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """A computed disagreement. `key` is stable across runs and is what the ledger records (`detector.key`)."""

    rule: str
    key: str
    message: str
    claims: tuple[Claim, ...]
    operation: str | None = None

    @property
    def files(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.file for c in self.claims))

    def to_finding(self, severity: Severity = Severity.WARNING, rule: str | None = None) -> Finding:
        first = self.claims[0] if self.claims else None
        facts = tuple((f"{c.file}#{c.location}", c.value) for c in self.claims)
        return Finding(
            rule=rule or f"discrepancy-{self.rule}",
            message=self.message,
            source="discrepancies",
            severity=severity,
            file=first.file if first else None,
            pointer=first.location if first else None,
            operation=self.operation,
            extra=(("key", self.key), *facts),
        )
