"""The catalogue of change classes a spec diff (and a response fingerprint) can report, and the `Change` record.

Each class says whether it breaks a client that was written against the OLD document. The drift policy
(`policy.py`) maps classes to fail | warn | ignore; a class the policy does not mention fails when it is breaking
and warns otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CHANGE_CLASSES", "Change", "ChangeClass", "is_breaking"]


@dataclass(frozen=True, slots=True)
class ChangeClass:
    name: str
    breaking: bool
    summary: str


def _catalogue(*rows: tuple[str, bool, str]) -> dict[str, ChangeClass]:
    return {name: ChangeClass(name, breaking, summary) for name, breaking, summary in rows}


CHANGE_CLASSES: dict[str, ChangeClass] = _catalogue(
    ("server-changed", True, "a base URL of OLD is gone from NEW"),
    ("security-changed", True, "the security requirements of an operation changed"),
    ("path-removed", True, "a path of OLD is gone"),
    ("path-added", False, "a new path"),
    ("path-parameter-renamed", False, "a path template parameter was renamed (same URL shape)"),
    ("operation-removed", True, "an operation of OLD is gone"),
    ("operation-added", False, "a new operation"),
    ("operation-moved", False, "an operation id now lives at another method/path"),
    ("operation-id-changed", True, "operationId renamed: generated SDK methods change name"),
    ("operation-deprecated", False, "an operation became deprecated"),
    ("parameter-added-required", True, "a new required parameter"),
    ("parameter-added-optional", False, "a new optional parameter"),
    ("parameter-removed", False, "a parameter is gone (servers usually ignore it)"),
    ("parameter-became-required", True, "an optional parameter became required"),
    ("parameter-became-optional", False, "a required parameter became optional"),
    ("parameter-location-changed", True, "a parameter moved (query/header/path/cookie)"),
    ("parameter-type-changed", True, "a parameter no longer accepts a type it accepted"),
    ("parameter-type-widened", False, "a parameter accepts more types"),
    ("parameter-enum-narrowed", True, "a parameter no longer accepts a value it accepted"),
    ("parameter-enum-widened", False, "a parameter accepts more values"),
    ("request-body-became-required", True, "the request body became required"),
    ("request-content-type-removed", True, "a request media type is no longer accepted"),
    ("request-content-type-added", False, "a new request media type"),
    ("request-field-added-required", True, "a new required request field"),
    ("request-field-added-optional", False, "a new optional request field"),
    ("request-field-removed", False, "a request field is gone"),
    ("request-field-became-required", True, "an optional request field became required"),
    ("request-field-became-optional", False, "a required request field became optional"),
    ("request-type-changed", True, "a request field no longer accepts a type it accepted"),
    ("request-type-widened", False, "a request field accepts more types"),
    ("request-enum-narrowed", True, "a request field no longer accepts a value it accepted"),
    ("request-enum-widened", False, "a request field accepts more values"),
    ("success-status-changed", True, "the success status code changed (e.g. 201 -> 200)"),
    ("success-status-removed", True, "a success status code is gone"),
    ("success-status-added", False, "an additional success status code"),
    ("response-status-removed", False, "an error status code is no longer declared"),
    ("response-status-added", False, "a new error status code is declared"),
    ("response-content-type-removed", True, "a response media type is gone"),
    ("response-content-type-added", False, "a new response media type"),
    ("response-field-removed", True, "a response field is gone"),
    ("response-field-renamed", True, "a response field changed its spelling (createdAt -> created_at)"),
    ("response-field-added", False, "a new response field"),
    ("response-field-became-optional", True, "a response field is no longer guaranteed"),
    ("response-field-became-required", False, "a response field is now guaranteed"),
    ("response-type-changed", True, "a response field can now have a type clients did not expect"),
    ("response-type-narrowed", False, "a response field has fewer possible types"),
    ("response-enum-widened", True, "a response field can now have a value clients did not expect"),
    ("response-enum-narrowed", False, "a response field has fewer possible values"),
    ("unresolvable-ref-new", True, "NEW has a $ref that does not resolve"),
    ("unresolvable-ref-old", False, "OLD has a $ref that does not resolve (that part could not be compared)"),
    ("response-new-status", False, "fingerprints: a status code never seen in the baseline"),
)


def is_breaking(kind: str) -> bool:
    found = CHANGE_CLASSES.get(kind)
    return found is not None and found.breaking


@dataclass(frozen=True, slots=True)
class Change:
    """One classified difference. `old`/`new` are `file#/pointer` locations (None when the side has none)."""

    kind: str
    message: str
    operation: str | None = None
    old: str | None = None
    new: str | None = None
    before: str | None = None  # the OLD value, rendered
    after: str | None = None  # the NEW value, rendered

    @property
    def breaking(self) -> bool:
        return is_breaking(self.kind)
