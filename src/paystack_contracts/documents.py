"""Reading YAML and JSON documents safely: every way a file can be unreadable becomes one `DocumentError`.

Used by every gate that reads specs/, contracts/ or a user's file. YAML is parsed with a safe loader that keeps
timestamps as strings (OpenAPI and JSON Schema are JSON data models; `2016-09-21` must stay a string).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from paystack_contracts.errors import DocumentError

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MAX_DOCUMENT_BYTES",
    "iter_document_paths",
    "load_document",
    "parse_document",
]

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""Largest file we parse. Real OpenAPI documents of whole platforms are a few MB; 10 MB keeps memory bounded."""

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _JSONCompatibleLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader without the implicit timestamp type, so dates stay strings as in JSON."""


_JSONCompatibleLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}


def load_document(path: str | Path, *, display: str | None = None, require_mapping: bool = True) -> Any:
    """Read and parse one YAML/JSON file. Raises `DocumentError` naming `display` (default: the path)."""
    path = Path(path)
    name = display or path.as_posix()
    if not path.exists():
        raise DocumentError(name, "no such file")
    if path.is_dir():
        raise DocumentError(name, "is a directory, expected a YAML or JSON file")
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(name, f"is {size:,} bytes, larger than the {MAX_DOCUMENT_BYTES:,}-byte limit")
        raw = path.read_bytes()
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from exc
    return parse_document(raw, display=name, json_only=path.suffix == ".json", require_mapping=require_mapping)


def parse_document(raw: bytes, *, display: str, json_only: bool = False, require_mapping: bool = True) -> Any:
    """Parse bytes as JSON (or YAML, a superset). Binary junk, empty input and non-objects are errors."""
    if b"\x00" in raw:
        raise DocumentError(display, "is binary (contains NUL bytes), expected UTF-8 YAML or JSON text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(display, f"is not UTF-8 text (invalid byte at offset {exc.start})") from exc
    if not text.strip():
        raise DocumentError(display, "is empty")
    data = _parse_json(text, display) if json_only else _parse_yaml(text, display)
    if require_mapping and not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else f"a {type(data).__name__} scalar"
        raise DocumentError(display, f"top level is {kind}, expected a mapping (an object)")
    return data


def _parse_json(text: str, display: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise DocumentError(display, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}") from exc
    except RecursionError as exc:
        raise DocumentError(display, "JSON nested too deeply to parse") from exc


def _parse_yaml(text: str, display: str) -> Any:
    try:
        return yaml.load(text, Loader=_JSONCompatibleLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
        raise DocumentError(display, f"invalid YAML{where}: {exc.problem or exc}") from exc
    except yaml.YAMLError as exc:
        raise DocumentError(display, f"invalid YAML: {exc}") from exc
    except RecursionError as exc:
        raise DocumentError(display, "YAML nested too deeply to parse") from exc


def iter_document_paths(root: Path) -> Iterator[Path]:
    """Every YAML/JSON file under `root`, sorted, skipping hidden directories."""
    for path in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if path.is_file() and path.suffix in DOCUMENT_SUFFIXES and not hidden:
            yield path
