"""Source discovery and adapters: every YAML/JSON file under specs/ and contracts/ whose kind we understand.

The kind of a document decides its adapter, never its name: `openapi:` -> OpenAPI, a `kind:` field ->
that kind (`docs-endpoint-table`, `sdk-method-table`), `$schema` or a top-level object schema -> JSON Schema.
Files of other kinds (the ledger, the drift policy, baselines) are not sources and are skipped. A new docs table
or spec version dropped into specs/ is therefore compared with no code change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from paystack_contracts.discrepancies.model import Source
from paystack_contracts.documents import iter_document_paths, parse_document
from paystack_contracts.errors import DocumentError

__all__ = ["ADAPTERS", "adapter", "api_family", "document_kind", "iter_records", "load_sources", "normalize_type"]

Adapter = Callable[[Any, str, str, Path], Source]
ADAPTERS: dict[str, Adapter] = {}

_TYPE_WORDS = {
    "str": "string",
    "datetime": "string",
    "date": "string",
    "bool": "boolean",
    "int": "integer",
    "float": "number",
    "dict": "object",
    "list": "array",
}


def adapter(kind: str) -> Callable[[Adapter], Adapter]:
    def register(function: Adapter) -> Adapter:
        ADAPTERS[kind] = function
        return function

    return register


def document_kind(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    if isinstance(data.get("openapi"), str):
        return "openapi"
    if isinstance(data.get("kind"), str):
        return str(data["kind"])
    if "$schema" in data or (data.get("type") == "object" and isinstance(data.get("properties"), dict)):
        return "json-schema"
    return None


def normalize_type(written: Any) -> str | None:
    """`str` -> string, `datetime` -> string, ["string", "null"] -> null|string; None when unknown."""
    if written is None:
        return None
    words = written if isinstance(written, list | tuple | set | frozenset) else [written]
    return "|".join(sorted({_TYPE_WORDS.get(str(w).lower(), str(w).lower()) for w in words})) or None


def api_family(relative: Path) -> str:
    """specs/<family>/… -> family; contracts/<family>-… -> family; anything else -> the file's first word."""
    parts = relative.parts
    if len(parts) > 2 and parts[0] == "specs":
        return parts[1]
    return relative.name.split("-", 1)[0].split(".", 1)[0]


def load_sources(root: Path | Mapping[str, Path], folders: tuple[str, ...] = ("specs", "contracts")) -> list[Source]:
    """Every source under `root`/specs and `root`/contracts, in path order. `root` may instead map each label to
    its directory (`Project.source_dirs`: a user's contracts/ beside the bundled specs/); files are shown and
    families named as `<label>/<path>` either way, so the ledger's claims read the same in every layout."""
    dirs = root if isinstance(root, Mapping) else {folder: root / folder for folder in folders}
    sources: list[Source] = []
    for label, base in dirs.items():
        if not base.is_dir():
            continue
        for path in iter_document_paths(base):
            source = _load(path, Path(label) / path.relative_to(base))
            if source is not None:
                sources.append(source)
    return sources


_NOT_SOURCES = re.compile(
    rb"^kind:\s*['\"]?(discrepancy-ledger|drift-policy|response-fingerprint|path-aliases)\b", re.MULTILINE
)
"""This tool's own files. Recognized from their `kind` line without a full parse: the ledger is the largest YAML
file of the project and the pure-Python YAML parser would spend most of a run on it."""


@functools.lru_cache(maxsize=64)
def _parsed(raw: bytes, display: str, json_only: bool) -> Any:
    """Parsed once per content: adapters only read the data, and check/update/list runs reread the same files."""
    return parse_document(raw, display=display, json_only=json_only)


def _load(path: Path, relative: Path) -> Source | None:
    display = relative.as_posix()
    try:
        raw = path.read_bytes()
        if _NOT_SOURCES.search(raw[:4096]):
            return None
        data = _parsed(raw, display, path.suffix == ".json")
    except (DocumentError, OSError):
        return None  # unreadable files are `validate`'s business, not a discrepancy
    kind = document_kind(data)
    make = ADAPTERS.get(kind or "")
    if make is None:
        return None
    try:
        return make(data, display, api_family(relative), path)
    except (LookupError, TypeError, ValueError, AttributeError) as exc:  # a shape no adapter guard foresaw
        raise DocumentError(display, f"the {kind} adapter cannot read it ({type(exc).__name__}: {exc})") from exc


def iter_records(data: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, mapping) for each mapping in the list `data[key]`; anything else is skipped."""
    items = data.get(key) if isinstance(data, dict) else None
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict):
            yield index, item
