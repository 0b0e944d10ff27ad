"""Hostile documents (issue 11, items 8 and 12): each ends in a finding or a one-line error, in bounded memory.

Figures (time and memory of each) come from `bench/hostile_bench.py`; here a generous subprocess timeout only
keeps a regression from hanging the suite, and the memory bound is checked from the child's own rusage.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from tests.support.documents import HEADER, write_hostile

from paystack_contracts.documents import load_document
from paystack_contracts.errors import DocumentError
from paystack_contracts.validation import check_paths

EXPECTED = {
    "billion-laughs": ("unreadable", "expands to more than"),
    "recursive-alias": ("unreadable", "refers to itself"),
    "deep-nesting": ("unreadable", "nest"),
    "huge-int": ("unreadable", "number too long"),
    "huge-int-json": ("unreadable", "number too long"),
    "ref-dev-zero": ("ref-unresolved", "a device"),
    "ref-fifo": ("ref-unresolved", "a FIFO"),
    "ref-huge-file": ("ref-unresolved", "larger than the"),
    "ref-remote": ("ref-remote", "to check it offline"),
    "fifo": ("unreadable", "a FIFO"),
    "symlink-loop": ("unreadable", "symbolic link loop"),
    "directory": ("unreadable", "no YAML or JSON documents"),
    "catastrophic-pattern": ("pattern-too-slow", "catastrophic backtracking"),
    "big-json": ("spec-too-large", "structure check was skipped"),
    "dev-zero": ("unreadable", "a device"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_hostile(tmp_path_factory.mktemp("hostile"))


def test_every_hostile_document_has_an_expected_outcome(hostile: dict[str, Path]) -> None:
    assert set(hostile) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_hostile_document_ends_in_a_finding_that_says_why(hostile: dict[str, Path], name: str) -> None:
    rule, words = EXPECTED[name]
    findings = [f for result in check_paths([hostile[name]], root=hostile[name].parent) for f in result.findings]
    matching = [f for f in findings if f.rule == rule]
    assert matching, findings
    text = " ".join(f"{f.message} {f.expected} {f.actual}" for f in matching)
    assert words in text
    assert all("\n" not in f.message for f in findings)


_CHILD = """
import sys
from pathlib import Path
from paystack_contracts.validation import check_paths
from paystack_contracts.diff import diff_files
from paystack_contracts.errors import ContractsError
path = Path(sys.argv[1])
check_paths([path], root=path.parent)
try:
    diff_files(Path(sys.argv[2]), path)
except ContractsError:
    pass
# VmHWM is this process's own peak: getrusage's ru_maxrss survives execve on Linux, so a child forked from a big
# pytest worker would report the worker's peak instead of its own.
hwm = next(line for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
print(int(hwm.split()[1]) // 1024)
"""


@pytest.mark.parametrize("name", ["billion-laughs", "ref-dev-zero", "dev-zero", "big-json", "ref-huge-file"])
def test_validate_and_diff_stay_under_300_mb_on_a_hostile_document(
    hostile: dict[str, Path], repo_root: Path, name: str
) -> None:
    good = repo_root / "contracts" / "paystack-customers.openapi.yaml"
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(hostile[name]), str(good)],
        capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    assert int(done.stdout.strip()) < 300


def test_yaml_tags_are_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "executed"
    path = tmp_path / "tag.yaml"
    path.write_text(HEADER + f"x: !!python/object/apply:os.system ['touch {marker}']\n")
    with pytest.raises(DocumentError, match="invalid YAML"):
        load_document(path)
    assert not marker.exists()


def test_remote_refs_are_never_fetched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args: object, **kwargs: object) -> None:
        raise AssertionError("a remote $ref was fetched")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    path = tmp_path / "remote.json"
    ref = {"$ref": "http://127.0.0.1:9/s.json#/S"}
    document = {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "paths": {},
                "components": {"schemas": {"A": ref, "B": {"type": "string", "example": 1}}}}  # fmt: skip
    path.write_text(json.dumps(document))
    rules = {f.rule for result in check_paths([path], root=tmp_path) for f in result.findings}
    assert "ref-remote" in rules


def test_a_document_just_inside_the_limits_still_loads(tmp_path: Path) -> None:
    path = tmp_path / "anchors.yaml"
    path.write_text(HEADER + "x-shared: &s {type: string}\npaths: {}\nx-a: *s\nx-b: [*s, *s]\n")
    assert load_document(path)["x-b"] == [{"type": "string"}, {"type": "string"}]
