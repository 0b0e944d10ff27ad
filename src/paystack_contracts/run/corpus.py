"""The corpus: the cases the examples, coverage and fuzzing phases generated for an operation, kept in the cache
dir, so that the next run with the same inputs replays them instead of generating them again.

Why it is sound: those phases draw from the contract, the seed and the budget alone. The test body never raises
(`run.generated`), so Hypothesis never shrinks, and no strategy reads an answer: one seed sent the same requests
on every drift profile of the mock and in processes with different hash seeds (measured; `tests/run/test_corpus.py`
holds the findings and exchanges of a replayed run equal to a generated one on the drift profiles). Generating
them was ~42% of a default run's CPU (py-spy); replaying costs ~0.05 s. The state machine is never kept: its steps
follow the target's answers. A run with a random seed (`SuiteOptions.seed` unset), extra headers (`-H`, which
may carry credentials) or `corpus=False` (`--no-corpus`) neither reads nor writes one.

**Key**: sha256 of the generators (the versions of paystack-contracts, Schemathesis, Hypothesis, jsonschema-rs,
Python and its Unicode database, and the bytes of the modules that configure generation), the operation's
contract file, its label, the seed, the fuzzing budget, the phases, and which operations of its path the run
includes (Schemathesis's coverage phase probes a path once; a worker's share of a run has the same ones).
Any change is another file. The directory is kept under 64 MiB: past that, the files used least recently go.

**Stored**: each case's fields as Schemathesis holds them before it is sent (everything but the operation, bound
again on load), pickled. Read back by an unpickler that admits, by name, only the Schemathesis data classes and
enums a case holds and a few containers (`find_class`, the pickle documentation's "restricting globals"): a file
planted in the cache (a poisoned CI cache) cannot name a callable. Anything unreadable is a miss: generated again,
and rewritten.

- Secrets: a header value equal to the plan's `Authorization` is stored as a placeholder and put back from the
  plan that loads it; a blob in which a key of the plan still appears is not written.
- Schemathesis notices edits to a case by `hash()` of its containers, salted per process: stored as "equal to the
  container's hash then, or not", and recomputed on load. `NOT_SET`, compared by identity, stays the singleton.
- Written atomically, and only for an operation whose phases ran to their end (not one stopped by the budget,
  the deadline or Ctrl-C).

Hand-written: neither Hypothesis (its example database keeps failing examples only) nor Schemathesis keeps
generated cases between runs.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import enum
import functools
import hashlib
import io
import json
import os
import pickle
import sys
import tempfile
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import schemathesis
from requests.structures import CaseInsensitiveDict
from schemathesis.core import NOT_SET

from paystack_contracts import __version__
from paystack_contracts.run.plan import RunPlan
from paystack_contracts.seam import Case, Operation, operations

__all__ = ["Corpus", "corpus_for", "prune"]

_HASHED = ("_initial_hashes", "_last_validated_hashes")
_MAGIC = b"paystack-contracts corpus 1\n"
_ADMITTED = {
    ("builtins", "set"): set,
    ("builtins", "frozenset"): frozenset,
    ("collections", "OrderedDict"): OrderedDict,
    ("requests.structures", "CaseInsensitiveDict"): CaseInsensitiveDict,
}
_SCHEMATHESIS_ADMITTED = {
    "schemathesis.core.mutations": frozenset({"Mutation", "MutationChannel", "OperatorKind"}),
    "schemathesis.core.parameters": frozenset({"ParameterLocation"}),
    "schemathesis.generation.meta": frozenset(
        {
            "CaseMetadata",
            "ComponentInfo",
            "CoveragePhaseData",
            "CoverageScenario",
            "ExamplesPhaseData",
            "FuzzingPhaseData",
            "GenerationInfo",
            "PhaseInfo",
            "TestPhase",
        }
    ),
    "schemathesis.generation.modes": frozenset({"GenerationMode"}),
    "schemathesis.generation.overrides": frozenset({"StoredValue"}),
}
"""The Schemathesis classes a case's fields hold (its metadata), by name: plain data classes and enums, whose
unpickling calls no constructor with side effects. A Schemathesis release that adds one makes its corpus a miss
(generated every time) until it is named here; the replay tests say so."""
_MAX_BYTES = 64 * 1024 * 1024
"""The corpus directory's size cap: past it, the files used least recently go (a default set is ~2 MB)."""
_GENERATION_MODULES = ("run/corpus.py", "run/generated.py", "run/session.py", "run/plan.py", "seam.py")
"""Our modules whose code decides what is generated: a development checkout changes them without a new version."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Where one operation's cases are kept for one set of inputs."""

    path: Path
    authorization: str  # the plan's Authorization value, never written
    secrets: tuple[str, ...]  # every key the plan holds: a blob containing one is not written

    def load(self, operation: Operation) -> list[Case] | None:
        """The kept cases bound to `operation`, or None (none kept, or not readable)."""
        try:
            stream = io.BytesIO(self.path.read_bytes())
            if stream.read(len(_MAGIC)) != _MAGIC:
                return None
            states = []
            while stream.tell() < len(stream.getbuffer()):
                states.append(_Unpickler(stream, self.authorization).load())
            cases = [self._case(state, operation) for state in states]
        except Exception:  # a damaged or foreign file is a miss: generated again, rewritten
            return None
        with contextlib.suppress(OSError):
            os.utime(self.path)  # used now: the last to go when the directory is over its cap
        return cases

    def snapshot(self, case: Case) -> bytes:
        """The case as it is now, ready to keep (the case itself is left as it was)."""
        state = {slot: getattr(case, slot) for slot in _slots(type(case)) if slot != "operation"}
        meta = state.get("_meta")
        if meta is not None:
            meta = copy.copy(meta)
            for name in _HASHED:
                hashes = getattr(meta, name)
                setattr(meta, name, {loc: h == _hash(case, loc) for loc, h in hashes.items()})
            state["_meta"] = meta
        return _dumps(state, self.authorization)

    def store(self, snapshots: list[bytes]) -> None:
        """Keep the cases, atomically; nothing is written when a key of the plan appears in them."""
        blob = _MAGIC + b"".join(snapshots)  # one pickle a case, read back one after the other
        text = blob.decode("latin-1")
        if any(secret and secret in text for secret in self.secrets):
            return
        with contextlib.suppress(OSError):  # a cache that cannot be written costs the next run its generation
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(blob)
                os.replace(temporary, self.path)
            except OSError:
                Path(temporary).unlink(missing_ok=True)
                raise
            prune(self.path.parent, keep=self.path)

    def _case(self, state: dict[str, Any], operation: Operation) -> Case:
        case: Case = schemathesis.Case.__new__(schemathesis.Case)
        for slot, value in state.items():  # as they were: `Case.__setattr__` would mark a container edited
            object.__setattr__(case, slot, value)
        object.__setattr__(case, "operation", operation)
        meta = state.get("_meta")
        if meta is not None:
            for name in _HASHED:
                flags = getattr(meta, name)
                setattr(meta, name, {loc: _hash(case, loc) ^ (0 if equal else 1) for loc, equal in flags.items()})
        return case


def corpus_for(operation: Operation, plan: RunPlan) -> Corpus | None:
    """The corpus of `operation` under this plan, or None when the plan keeps none."""
    options = plan.options
    if plan.corpus_dir is None:
        return None
    contract, generators = _contract_digest(operation), _generators()
    if contract is None or generators is None:
        return None
    parts = {
        "generators": generators,
        "contract": contract,
        "operation": operation.label,
        "seed": plan.seed,
        "max_examples": options.max_examples,
        "phases": sorted(set(options.phases) - {"stateful"}),
        "beside": sorted(o.label for o in operations(operation.schema) if o.path == operation.path),
    }
    key = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    path = plan.corpus_dir / f"{key[:40]}.pickle"
    return Corpus(path, plan.paystack.auth["Authorization"], plan.secrets)


def prune(directory: Path, *, keep: Path | None = None, max_bytes: int = _MAX_BYTES) -> list[Path]:
    """Remove the corpus files used least recently (by modification time: a load touches its file) until the
    directory holds at most `max_bytes`; `keep` stays whatever its age. The removed files."""
    entries = []
    for path in directory.glob("*.pickle"):
        with contextlib.suppress(OSError):
            stat = path.stat()
            entries.append((stat.st_mtime_ns, stat.st_size, path))
    total = sum(size for _, size, _ in entries)
    removed = []
    for _, size, path in sorted(entries):
        if total <= max_bytes:
            break
        if path == keep:
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
            total -= size
    return removed


def _hash(case: Case, location: Any) -> int:
    return int(case._hash_container(case.get_container(location)))


def _slots(kind: type) -> list[str]:
    return [slot for klass in kind.__mro__ for slot in getattr(klass, "__slots__", ())]


def _dumps(value: Any, authorization: str) -> bytes:
    out = io.BytesIO()
    _Pickler(out, authorization).dump(value)
    return out.getvalue()


class _Pickler(pickle.Pickler):
    """Writes `NOT_SET` and the plan's Authorization value, wherever they are (headers, Schemathesis's snapshots
    of them), as names the unpickler puts back."""

    def __init__(self, out: io.BytesIO, authorization: str) -> None:
        super().__init__(out, protocol=5)
        self.authorization = authorization

    def persistent_id(self, obj: Any) -> str | None:
        if obj is NOT_SET:
            return "NOT_SET"
        if type(obj) is str and obj == self.authorization:
            return "AUTHORIZATION"
        return None


class _Unpickler(pickle.Unpickler):
    def __init__(self, stream: io.BytesIO, authorization: str) -> None:
        super().__init__(stream)
        self.authorization = authorization

    def persistent_load(self, pid: Any) -> Any:
        if pid == "NOT_SET":
            return NOT_SET
        if pid == "AUTHORIZATION":
            return self.authorization
        raise pickle.UnpicklingError("unknown persistent id")

    def find_class(self, module: str, name: str) -> Any:
        admitted = _ADMITTED.get((module, name))
        if admitted is not None:
            return admitted
        if name in _SCHEMATHESIS_ADMITTED.get(module, ()):
            found = getattr(sys.modules.get(module), name, None)
            if isinstance(found, type) and (issubclass(found, enum.Enum) or dataclasses.is_dataclass(found)):
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not admitted in a corpus")


def _contract_digest(operation: Operation) -> str | None:
    location = operation.schema.location
    if not location or not location.startswith("file:"):
        return None
    path = Path(unquote(urlsplit(location).path))
    try:
        stat = path.stat()
        return _file_digest(path, stat.st_mtime_ns, stat.st_size)
    except OSError:
        return None


@functools.cache
def _file_digest(path: Path, mtime_ns: int, size: int) -> str:
    """Read once per version of the file: a long-lived host (pytest) that edits the contract gets a new key."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@functools.cache
def _generators() -> dict[str, str] | None:
    """What generated the cases; None (no corpus) where our own sources cannot be read (a bytecode-only install)."""
    versions = {name: _version(name) for name in ("schemathesis", "hypothesis", "jsonschema_rs")}
    package = Path(__file__).resolve().parent.parent
    try:
        code = hashlib.sha256(b"".join((package / name).read_bytes() for name in _GENERATION_MODULES)).hexdigest()
    except OSError:
        return None
    return {
        **versions,
        "paystack-contracts": __version__,
        "code": code,
        "python": sys.version,
        "unicode": unicodedata.unidata_version,
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "unknown"
