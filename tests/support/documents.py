"""Hostile documents, written into a directory: each one must end in a finding or a one-line error.

`write_hostile(directory)` returns {name: path to validate}. The bench script `bench/hostile_bench.py` measures
time and memory for each; the tests only check what each one ends in (no timed tests).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

__all__ = ["HEADER", "write_hostile"]

HEADER = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n"


def write_hostile(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    writers = {
        "billion-laughs": _billion_laughs,
        "recursive-alias": lambda p: p.write_text(HEADER + "paths: &a {x: *a}\n"),
        "deep-nesting": lambda p: p.write_text(HEADER + "x-deep: " + "[" * 5000 + "]" * 5000 + "\n"),
        "huge-int": lambda p: p.write_text(HEADER + "x-n: " + "9" * 100_000 + "\npaths: {}\n"),
        "huge-int-json": lambda p: p.with_suffix(".json").write_text('{"openapi": ' + "9" * 100_000 + "}"),
        "ref-dev-zero": lambda p: p.write_text(HEADER + _ref_paths("/dev/zero")),
        "ref-fifo": _ref_fifo,
        "ref-huge-file": _ref_huge_file,
        "ref-remote": lambda p: p.write_text(HEADER + _ref_paths("https://example.invalid/s.yaml#/S")),
        "fifo": lambda p: os.mkfifo(p),
        "symlink-loop": _symlink_loop,
        "directory": lambda p: p.mkdir(),
        "catastrophic-pattern": _catastrophic_pattern,
        "big-json": _big_json,
    }
    paths = {}
    for name, write in writers.items():
        path = directory / f"{name}.yaml"
        write(path)
        paths[name] = path.with_suffix(".json") if name.endswith("-json") or name == "big-json" else path
    paths["dev-zero"] = Path("/dev/zero")
    return paths


def _billion_laughs(path: Path) -> None:
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    path.write_text(HEADER + "x-lol:\n" + "".join(f"  {line}\n" for line in lines) + "paths: {}\n")


def _ref_paths(ref: str) -> str:
    response = f"{{description: ok, content: {{application/json: {{schema: {{$ref: '{ref}'}}}}}}}}"
    return f"paths:\n  /x:\n    get:\n      responses:\n        '200': {response}\n"


def _ref_fifo(path: Path) -> None:
    os.mkfifo(path.with_name("pipe.yaml"))
    path.write_text(HEADER + _ref_paths("pipe.yaml#/S"))


def _ref_huge_file(path: Path) -> None:
    with path.with_name("huge.yaml").open("wb") as handle:
        handle.truncate(64 * 1024 * 1024)  # sparse: 64 MB of NULs that cost no disk
    path.write_text(HEADER + _ref_paths("huge.yaml#/S"))


def _symlink_loop(path: Path) -> None:
    other = path.with_name("loop-b.yaml")
    os.symlink(other.name, path)
    os.symlink(path.name, other)


def _catastrophic_pattern(path: Path) -> None:
    schema = "{type: string, pattern: '^(a|aa)+$', example: '" + "a" * 60 + "!'}"
    path.write_text(HEADER + f"paths: {{}}\ncomponents:\n  schemas:\n    S: {schema}\n")


def _big_json(path: Path) -> None:
    """About 9.6 MB of OpenAPI: many small schemas and paths, as a generated spec of a whole platform looks."""
    schemas = {
        f"S{i}": {"type": "object", "properties": {f"p{j}": {"type": "string", "example": "x" * 20} for j in range(8)}}
        for i in range(14_000)
    }
    paths = {f"/r{i}": {"get": {"responses": {"200": {"description": "ok", "content": {"application/json": {
        "schema": {"$ref": f"#/components/schemas/S{i}"}}}}}}} for i in range(14_000)}  # fmt: skip
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": paths,
                "components": {"schemas": schemas}}  # fmt: skip
    path.with_suffix(".json").write_text(json.dumps(document))
