"""`$ref`s: find every one, resolve each, and report those that dangle or loop, one finding per `$ref` site.

openapi-spec-validator (via `referencing`) raises on the first unresolvable reference, which hides the rest of
a document's problems. We therefore resolve every `$ref` ourselves first, then hand the spec validator a copy in
which the broken ones are neutralised (`neutralised`). Resolution is hand-written JSON-pointer logic rather than
`referencing` lookups so that a finding can say *which* segment is missing, and so that a malformed pointer (a
non-numeric index into a list) is a finding instead of a ValueError.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from paystack_contracts.documents import MAX_REF_FILES, load_document, resolved
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import Finding, Severity, pointer

__all__ = ["RefSite", "check_refs", "is_data", "iter_ref_sites", "neutralised", "resolve_pointer"]


@dataclass(frozen=True, slots=True)
class RefSite:
    """A mapping that holds `$ref`: its JSON pointer in the document and the reference string."""

    pointer: str
    ref: str


class _Missing(Exception):
    """A reference does not resolve; the message says why, in one line."""


def is_data(path: tuple[object, ...], key: object, value: Any) -> bool:
    """True for values that are example data or extensions, where a `$ref` key is not a reference."""
    if not isinstance(key, str):
        return False
    if key == "example" or key.startswith("x-") or (key == "examples" and isinstance(value, list)):
        return True
    return key == "value" and len(path) >= 2 and path[-2] == "examples"


def iter_ref_sites(document: Any) -> Iterator[RefSite]:
    """Every `{"$ref": "..."}` in `document` outside example data, depth first, without recursion."""
    stack: list[tuple[Any, tuple[object, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield RefSite(pointer(*path), node["$ref"])
            children = [(k, v) for k, v in node.items() if not is_data(path, k, v)]
        elif isinstance(node, list):
            children = list(enumerate(node))
        else:
            continue
        stack.extend((value, (*path, key)) for key, value in reversed(children))


def resolve_pointer(document: Any, json_pointer: str) -> Any:
    """The value at `json_pointer` (RFC 6901). Raises `_Missing` naming the first segment that is not there."""
    if json_pointer == "":
        return document
    if not json_pointer.startswith("/"):
        raise _Missing(f"'{json_pointer}' is not a JSON pointer (must start with '/')")
    node, walked = document, ""
    for raw in json_pointer[1:].split("/"):
        token = raw.replace("~1", "/").replace("~0", "~")
        node = _step(node, token, walked or "the document root")
        walked += "/" + raw
    return node


def _step(node: Any, token: str, where: str) -> Any:
    if isinstance(node, dict):
        if token not in node:
            raise _Missing(f"{where} has no '{token}'")
        return node[token]
    if isinstance(node, list):
        if not _is_index(token) or int(token) >= len(node):
            raise _Missing(f"{where} is a list of {len(node)} and has no item '{token}'")
        return node[int(token)]
    raise _Missing(f"{where} is a {type(node).__name__}, not an object or list")


def _is_index(token: str) -> bool:
    return token.isascii() and token.isdigit()


class _Resolver:
    """Follows references from one document, loading sibling files that relative refs name (never the network)."""

    def __init__(self, document: Any, path: Path) -> None:
        self.path = path
        self._files: dict[Path, Any] = {resolved(path): document}
        own_id = document.get("$id") if isinstance(document, dict) else None
        self._own_ids = {own_id.split("#")[0]} if isinstance(own_id, str) else set()

    def target(self, ref: str, base: Path) -> tuple[Path, str, Any] | None:
        """(file, pointer, value) of `ref` seen from file `base`; None for remote refs we do not follow."""
        try:
            parts = urlsplit(ref)
        except ValueError as exc:
            raise _Missing(f"not a valid URI reference ({exc})") from exc
        fragment = unquote(parts.fragment)
        location = ref.split("#", 1)[0]
        if location and (parts.scheme or parts.netloc):
            if location not in self._own_ids:
                return None
            location = ""
        file = resolved(base.parent / unquote(location)) if location else resolved(base)
        document = self._load(file, location)
        if fragment and not fragment.startswith("/"):
            return file, fragment, _find_anchor(document, fragment)
        return file, fragment, resolve_pointer(document, fragment)

    def _load(self, file: Path, location: str) -> Any:
        if file not in self._files:
            if len(self._files) > MAX_REF_FILES:
                raise _Missing(f"more than {MAX_REF_FILES} files are referenced; the rest are not read")
            try:
                self._files[file] = load_document(file, display=location, require_mapping=False)
            except DocumentError as exc:
                raise _Missing(f"file {exc.reason}" if exc.reason.startswith("no such") else str(exc)) from exc
        return self._files[file]


def _find_anchor(document: Any, anchor: str) -> Any:
    stack = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("$anchor") == anchor or node.get("$id") == f"#{anchor}":
                return node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    raise _Missing(f"no $anchor '{anchor}' in the document")


@dataclass(frozen=True, slots=True)
class RefReport:
    """What `check_refs` found: findings, and the `$ref` sites the spec validator must not follow."""

    findings: list[Finding]
    broken: frozenset[str]


_MAX_HOPS = 64


def check_refs(document: Any, path: Path, display: str) -> RefReport:
    """One finding per `$ref` that dangles or never reaches a value (a cycle of pure refs)."""
    resolver = _Resolver(document, path)
    findings: list[Finding] = []
    broken: set[str] = set()
    for site in iter_ref_sites(document):
        finding = _follow(resolver, site, display)
        if finding is not None:
            findings.append(finding)
            broken.add(site.pointer)
    return RefReport(findings, frozenset(broken))


def _follow(resolver: _Resolver, site: RefSite, display: str) -> Finding | None:
    here = resolved(resolver.path)
    visited: list[tuple[Path, str]] = [(here, site.pointer)]
    ref, base = site.ref, here
    for hop in range(_MAX_HOPS):
        try:
            target = resolver.target(ref, base)
        except _Missing as exc:
            return _dangling(site, display, str(exc)) if hop == 0 else None
        if target is None:
            return _remote(site, display) if hop == 0 else None
        file, fragment, value = target
        if (file, fragment) in visited:
            return _cycle(site, display, [*visited, (file, fragment)], here)
        visited.append((file, fragment))
        if not (isinstance(value, dict) and isinstance(value.get("$ref"), str)):
            return None
        ref, base = value["$ref"], file
    return _cycle(site, display, visited, here)


def _dangling(site: RefSite, display: str, why: str) -> Finding:
    return Finding(
        rule="ref-unresolved",
        file=display,
        pointer=site.pointer,
        message=f"$ref '{site.ref}' does not resolve",
        expected="a $ref to an existing location",
        actual=why,
    )


def _remote(site: RefSite, display: str) -> Finding:
    """A warning, not a note: what the remote document says was not checked, and the result must not look clean."""
    return Finding(
        rule="ref-remote",
        severity=Severity.WARNING,
        file=display,
        pointer=site.pointer,
        message=f"$ref '{site.ref}' is remote and was not checked (remote references are never fetched)",
        expected="a $ref to a local file, so that what it points to can be checked",
        actual="to check it offline, download the document it names next to this one and point the $ref at "
        "the local copy (a relative path), then validate again",
    )


def _cycle(site: RefSite, display: str, chain: list[tuple[Path, str]], here: Path) -> Finding:
    hops = " -> ".join(f"#{p}" if f == here else f"{f.name}#{p}" for f, p in chain)
    return Finding(
        rule="ref-cycle",
        file=display,
        pointer=site.pointer,
        message=f"$ref '{site.ref}' never reaches a value: it is a cycle of $refs",
        expected="a chain of $refs that ends in a value",
        actual=hops,
    )


def neutralised(document: Any, sites: frozenset[str]) -> Any:
    """A deep copy of `document` where each `$ref` mapping at `sites` is replaced by an empty mapping.

    With nothing to replace, `document` itself (nothing downstream mutates it; a copy of 10 MB costs seconds)."""
    if not sites:
        return document
    result = copy.deepcopy(document)
    for site in sorted(sites, key=len, reverse=True):
        if not site:
            continue  # a document that is itself one $ref: nothing sensible to put in its place
        parent_pointer, _, last = site.rpartition("/")
        try:
            parent = resolve_pointer(result, parent_pointer)
        except _Missing:
            continue
        token = last.replace("~1", "/").replace("~0", "~")
        if isinstance(parent, dict):
            parent[token] = {}
        elif isinstance(parent, list) and _is_index(token) and int(token) < len(parent):
            parent[int(token)] = {}
    return result
