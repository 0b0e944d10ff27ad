"""Reading YAML and JSON documents safely: every way a file can be unreadable becomes one `DocumentError`.

Used by every gate that reads specs/, contracts/ or a user's file. YAML is parsed with a safe loader that keeps
timestamps as strings (OpenAPI and JSON Schema are JSON data models; `2016-09-21` must stay a string) and never
runs a tag. Hostile input is bounded, each limit a one-line error:

- only regular files are read (a FIFO, device or directory is refused before a byte is read, and opening never
  blocks), and the size limit counts the bytes actually read, not what `stat` says;
- a symlink loop is an unreadable file, not a traceback (`resolved()` is the loop-safe `Path.resolve`);
- after parsing, the document's shape is measured once: nesting deeper than `MAX_DEPTH`, YAML aliases that
  expand past `MAX_EXPANDED_NODES` (billion laughs) or that refer to themselves are refused, so no later walker
  (spec validator, diff, deepcopy) meets them;
- numbers with more digits than Python converts (about 4,300) are refused instead of raising ValueError.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from paystack_contracts.errors import DocumentError

__all__ = [
    "DOCUMENT_SUFFIXES",
    "MAX_DEPTH",
    "MAX_DOCUMENT_BYTES",
    "MAX_EXPANDED_NODES",
    "MAX_REF_FILES",
    "iter_document_paths",
    "load_document",
    "parse_document",
    "read_bounded",
    "resolved",
]

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
"""Largest file we parse. Real OpenAPI documents of whole platforms are a few MB; 10 MB keeps memory bounded."""

MAX_DEPTH = 128
"""Deepest nesting we accept. Real OpenAPI documents stay under 40; validators recurse several frames a level."""

MAX_EXPANDED_NODES = 5_000_000
"""Most values a document may hold once YAML aliases are expanded: a 10 MB JSON array holds at most ~5 million."""

MAX_REF_FILES = 64
"""Most other files one document's `$ref`s may pull in (each at most MAX_DOCUMENT_BYTES): bounds the memory of
`$ref` resolution to what 64 documents take, whatever a document names."""

DOCUMENT_SUFFIXES = (".yaml", ".yml", ".json")
_CHUNK = 1024 * 1024

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
    raw = read_bounded(path, display or path.as_posix())
    return parse_document(
        raw, display=display or path.as_posix(), json_only=path.suffix == ".json", require_mapping=require_mapping
    )


def read_bounded(path: Path, display: str, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The bytes of a regular file, at most `limit` of them. Never blocks on a FIFO, never reads a device."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise DocumentError(display, _open_failure(exc)) from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise DocumentError(display, f"is {_file_kind(mode)}, expected a YAML or JSON file")
        chunks, total = [], 0
        while total <= limit and (chunk := os.read(fd, min(_CHUNK, limit + 1 - total))):
            chunks.append(chunk)
            total += len(chunk)
    except OSError as exc:
        raise DocumentError(display, _open_failure(exc)) from exc
    finally:
        os.close(fd)
    if total > limit:
        raise DocumentError(display, f"is larger than the {limit:,}-byte limit")
    return b"".join(chunks)


def _open_failure(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file"
    if exc.errno == errno.ELOOP:
        return "cannot be read (a symbolic link loop)"
    return f"cannot be read ({exc.strerror or exc})"


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISDIR: "a directory", stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISSOCK: "a socket"}
    found = next((name for test, name in kinds.items() if test(mode)), None)
    return found or "a device, not a regular file"


def resolved(path: Path) -> Path:
    """`path.resolve()`, except that a symlink loop yields the absolute path instead of raising RuntimeError."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return Path(os.path.abspath(path))


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
    _check_shape(data, display)
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
    except ValueError as exc:  # int() refuses numbers with more digits than sys.get_int_max_str_digits()
        raise DocumentError(display, f"holds a number too long to read ({_first_clause(exc)})") from exc


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
    except ValueError as exc:
        raise DocumentError(display, f"holds a number too long to read ({_first_clause(exc)})") from exc


def _first_clause(exc: BaseException) -> str:
    return " ".join(str(exc).split(";")[0].split())[:120]


def _check_shape(data: Any, display: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH and aliases that expand too far or contain themselves.

    One cheap pass checks depth and notes whether any container is reached twice (only YAML aliases do that);
    only then is the expanded size computed, over the object graph with a memo per container (linear in the
    document's real size, however far the aliases would expand).
    """
    seen: set[int] = set()
    stack: list[tuple[Any, int]] = [(data, 1)]
    shared = False
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise DocumentError(display, f"is nested more than {MAX_DEPTH} levels deep")
        if id(node) in seen:
            shared = True
            continue
        seen.add(id(node))
        stack.extend((c, depth + 1) for c in _children(node) if isinstance(c, (dict, list)))
    if shared:
        _check_expansion(data, display)


def _check_expansion(data: Any, display: str) -> None:
    sizes: dict[int, int] = {}
    open_: set[int] = set()
    stack: list[tuple[Any, bool]] = [(data, False)]
    while stack:
        node, done = stack.pop()
        if done:
            open_.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes.get(id(c), 1) for c in _children(node))
            if sizes[id(node)] > MAX_EXPANDED_NODES:
                raise DocumentError(display, f"expands to more than {MAX_EXPANDED_NODES:,} values (YAML aliases)")
        elif id(node) in open_:
            raise DocumentError(display, "holds a YAML alias that refers to itself (a recursive structure)")
        elif id(node) not in sizes:
            open_.add(id(node))
            stack.append((node, True))
            stack.extend((c, False) for c in _children(node) if isinstance(c, (dict, list)))


def _children(node: Any) -> Any:
    if isinstance(node, dict):
        return node.values()
    return node if isinstance(node, list) else ()


def iter_document_paths(root: Path) -> Iterator[Path]:
    """Every YAML/JSON file under `root`, sorted, skipping hidden directories."""
    for path in sorted(root.rglob("*")):
        hidden = any(part.startswith(".") for part in path.relative_to(root).parts)
        if path.suffix in DOCUMENT_SUFFIXES and not hidden and not path.is_dir():
            yield path  # FIFOs, devices and broken links too: reading them is a one-line `unreadable` finding
