"""A document whose `$ref`s are followed through `referencing`, never by hand-walking raw dicts.

`ResolvedDocument.deref(value, pointer)` follows a chain of `$ref`s (local pointers and relative files) and returns
the value together with the pointer where it really lives. A reference that does not resolve (the upstream seed
points every response at `#/paths/~1plan/get/responses/200`, a path it does not have) is recorded as an
`UnresolvedRef` and `deref` returns None: callers treat the part as unknown instead of crashing.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from referencing import Registry, Resource
from referencing.exceptions import NoSuchResource, Unresolvable

from paystack_contracts.documents import MAX_REF_FILES, load_document, resolved
from paystack_contracts.errors import DocumentError
from paystack_contracts.findings import pointer as make_pointer

__all__ = ["Node", "ResolvedDocument", "UnresolvedRef"]

_MAX_CHAIN = 32
"""A `$ref` chain longer than this is a cycle or a mistake; it is reported instead of followed."""


@dataclass(frozen=True, slots=True)
class Node:
    """A value and where it lives: `file` is None for the document itself, else the referenced file's name."""

    value: Any
    pointer: str
    file: str | None = None

    def child(self, *tokens: object) -> Node | None:
        value = self.value
        for token in tokens:
            if not _has(value, token):
                return None
            value = value[token]
        return Node(value, self.pointer + make_pointer(*tokens), self.file)

    def where(self, display: str) -> str:
        return f"{self.file or display}#{self.pointer}"


def _has(value: Any, token: object) -> bool:
    if isinstance(value, dict):
        return token in value
    return isinstance(value, list) and isinstance(token, int) and 0 <= token < len(value)


@dataclass(frozen=True, slots=True)
class UnresolvedRef:
    """A `$ref` at `pointer` whose target `ref` does not exist."""

    pointer: str
    ref: str
    reason: str


@dataclass
class ResolvedDocument:
    """One parsed document plus a `referencing` registry able to follow its references."""

    data: dict[str, Any]
    display: str
    base: Path | None = None
    unresolved: list[UnresolvedRef] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._uri = (self.base / "__document__").as_uri() if self.base else "urn:paystack-contracts:document"
        self._files: dict[str, Resource[Any]] = {}
        registry: Registry[Any] = Registry(retrieve=self._retrieve)  # type: ignore[call-arg]
        self._registry = registry.with_resource(self._uri, Resource.opaque(self.data))
        self._seen: set[tuple[str, str]] = set()

    @classmethod
    def load(cls, path: Path, display: str | None = None) -> ResolvedDocument:
        data = load_document(path, display=display)
        return cls(data, display or path.as_posix(), resolved(path).parent)

    @property
    def root(self) -> Node:
        return Node(self.data, "")

    def deref(self, node: Node | None) -> Node | None:
        """Follow `$ref`s from `node` until a non-reference value; None if a reference does not resolve."""
        hops = 0
        while node is not None and isinstance(node.value, dict) and isinstance(node.value.get("$ref"), str):
            hops += 1
            if hops > _MAX_CHAIN:
                self._unresolved(node, node.value["$ref"], "reference chain is circular or too long")
                return None
            node = self._follow(node, node.value["$ref"])
        return node

    def get(self, node: Node | None, *tokens: object) -> Node | None:
        """`deref(child)` one token at a time, so references met along the way are followed too."""
        for token in tokens:
            node = self.deref(node)
            node = node.child(token) if node is not None else None
        return self.deref(node)

    def items(self, node: Node | None) -> Iterator[tuple[str, Node]]:
        """(key, dereferenced child) for a mapping node; unresolvable children are skipped (and recorded)."""
        node = self.deref(node)
        if node is None or not isinstance(node.value, dict):
            return
        for key in node.value:
            child = self.deref(node.child(key))
            if child is not None:
                yield str(key), child

    def check_all_refs(self) -> list[UnresolvedRef]:
        """Try every `$ref` in the document (not only those a walk met); returns `unresolved`."""
        for at, ref in _refs(self.data, ""):
            self.deref(Node({"$ref": ref}, at))
        return self.unresolved

    def _follow(self, node: Node, ref: str) -> Node | None:
        base = self._uri if node.file is None or self.base is None else (self.base / node.file).as_uri()
        try:
            resolved = self._registry.resolver(base).lookup(ref)
        except (Unresolvable, DocumentError) as exc:
            self._unresolved(node, ref, _reason(exc))
            return None
        except (LookupError, TypeError, ValueError):  # referencing walking a pointer through a scalar or list
            self._unresolved(node, ref, "the pointer runs through a value that is not an object or array")
            return None
        file_part, _, fragment = ref.partition("#")
        file = (
            posixpath.normpath(posixpath.join(posixpath.dirname(node.file or ""), file_part))
            if file_part
            else node.file
        )
        return Node(resolved.contents, fragment if fragment.startswith("/") else "", file)

    def _unresolved(self, node: Node, ref: str, reason: str) -> None:
        key = (node.pointer, ref)
        if key not in self._seen:
            self._seen.add(key)
            self.unresolved.append(UnresolvedRef(node.pointer, ref, reason))
        return None

    def _retrieve(self, uri: str) -> Resource[Any]:
        if self.base is None or not uri.startswith("file:"):
            raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
        if uri not in self._files:  # parsed once per document, however many references point into it
            if len(self._files) >= MAX_REF_FILES:
                raise NoSuchResource(ref=uri)  # type: ignore[call-arg]
            path = Path(uri.removeprefix("file://"))
            self._files[uri] = Resource.opaque(load_document(path, require_mapping=False))
        return self._files[uri]


def _refs(value: Any, at: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        if isinstance(value.get("$ref"), str):
            yield at, value["$ref"]
        for key, child in value.items():
            yield from _refs(child, at + make_pointer(key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _refs(child, at + make_pointer(index))


def _reason(exc: Exception) -> str:
    if isinstance(exc, DocumentError):
        return exc.reason
    return "target does not exist in the document" if "does not exist" in str(exc) else type(exc).__name__
