"""The corpus: a replayed run judges exactly what a generated one did, on the drift profiles; the kept cases are the
generated ones field for field; and only what is safe to keep is kept, or read back."""

from __future__ import annotations

import base64
import dataclasses
import importlib
import io
import os
import pickle
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

import pytest

from paystack_contracts.results import RunResult, Target
from paystack_contracts.run import generated
from paystack_contracts.run.corpus import Corpus, _contract_digest, _Unpickler, corpus_for, prune
from paystack_contracts.run.plan import RunPlan, SuiteOptions, TargetSpec
from paystack_contracts.run.recorder import Recorder
from paystack_contracts.run.runner import run_suite
from paystack_contracts.run.session import open_session
from paystack_contracts.seam import Case, operations

OPERATIONS = ("customer_create", "customer_list", "customer_fetch", "customer_update")
_CLOCK = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?")
PROFILES = [None, "status-as-string", "id-as-string", "risk-action-missing", "wrong-total", "undocumented-field"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache dir of this test's own; the corpus lands in its `corpus/`."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "paystack-contracts" / "corpus"


@pytest.fixture(scope="module")
def kept_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache dir holding the corpus of `_options()`, generated once for the module (against the mock without
    drift: the key does not depend on the target's answers)."""
    root = tmp_path_factory.mktemp("kept")
    with pytest.MonkeyPatch.context() as env:
        for name in ("PAYSTACK_SECRET_KEY", "PAYSTACK_BASE_URL", "PAYSTACK_CONTRACTS_ROOT"):
            env.delenv(name, raising=False)
        env.setenv("XDG_CACHE_HOME", str(root))
        run_suite(_options())
    assert len(list((root / "paystack-contracts" / "corpus").iterdir())) == len(OPERATIONS)
    return root


@pytest.fixture
def generations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The operations whose phases were generated (not replayed), in order."""
    built: list[str] = []
    real = generated.create_test

    def counting(*, operation: Any, **kwargs: Any) -> Any:
        built.append(operation.label)
        return real(operation=operation, **kwargs)

    monkeypatch.setattr(generated, "create_test", counting)
    return built


def _options(**changes: Any) -> SuiteOptions:
    base: dict[str, Any] = {
        "seed": 7,
        "max_examples": 3,
        "scenarios": (),
        "phases": ("examples", "coverage", "fuzzing"),
        "run_id": "corpus1",
        "operations": OPERATIONS,
    }
    return SuiteOptions(**{**base, **changes})


def _judged(result: RunResult) -> dict[str, Any]:
    """What a run concluded: findings, warnings, per-operation tallies, the exchanges findings point at (minus what
    differs between any two runs: timings, the mock's clock, and Schemathesis's random case ids)."""
    exchanges = {
        key: {
            **vars_of(exchange),
            "elapsed_ms": None,
            "request_headers": _without_case_id(exchange.request_headers),
            "response_body": _CLOCK.sub("<time>", exchange.response_body or ""),
        }
        for key, exchange in result.exchanges.items()
    }
    return {
        "findings": [f.to_dict() for f in result.findings],
        "warnings": [w.to_dict() for w in result.warnings],
        "operations": {
            label: (o.cases, dict(o.status_codes), {name: (t.passed, t.failed) for name, t in o.checks.items()})
            for label, o in result.operations.items()
        },
        "exchanges": exchanges,
    }


def vars_of(exchange: Any) -> dict[str, Any]:
    return {name: getattr(exchange, name) for name in exchange.__dataclass_fields__}


def _without_case_id(headers: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in headers.items() if k.lower() != "x-schemathesis-testcaseid"}


@pytest.mark.slow
@pytest.mark.parametrize("profile", PROFILES)
def test_a_replayed_run_judges_what_a_generated_one_did(
    profile: str | None, kept_once: Path, monkeypatch: pytest.MonkeyPatch, generations
) -> None:
    drift = (profile,) if profile else ()
    monkeypatch.setenv("XDG_CACHE_HOME", str(kept_once))
    replayed = run_suite(_options(drift=drift))
    assert generations == []  # nothing was generated: every operation came from the corpus
    fresh = run_suite(_options(drift=drift, corpus=False))
    assert len(generations) == len(OPERATIONS)  # and, with the corpus off, every operation was generated
    assert _judged(replayed) == _judged(fresh)
    assert replayed.cases == fresh.cases > 0
    if profile:
        assert fresh.findings or fresh.warnings, "the profile was not caught: the comparison says nothing"


_HASHED = ("_initial_hashes", "_last_validated_hashes")


def _state(case: Case) -> dict[str, Any]:
    """What a check can see of a case. Schemathesis's edit-tracking hashes are salted per process: what they say is
    whether they equal the container's hash now."""
    meta = case.meta  # the property: revalidated if the case looks edited since generation
    assert meta is not None
    fields = {name: getattr(meta, name) for name in meta.__dataclass_fields__ if name not in _HASHED}
    unedited = {
        name: {loc: h == case._hash_container(case.get_container(loc)) for loc, h in getattr(meta, name).items()}
        for name in _HASHED
    }
    request = (case.method, case.path, case.path_parameters, dict(case.headers or {}), case.query, case.body)
    return {"request": request, "media_type": case.media_type, "meta": fields, "unedited": unedited}


def test_the_kept_cases_are_the_generated_ones_field_for_field(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plan = RunPlan.resolve(_options(operations=("customer_create", "customer_list")))
    sent: list[dict[str, Any]] = []
    with open_session(plan, Recorder(RunResult(target=_target(plan)))) as session:
        monkeypatch.setattr(session.client, "send", lambda case: sent.append(_state(case)))
        generated.fuzz_all(session, plan)
        kept = [
            _state(case)
            for operation in operations(session.contracts.paystack)
            for case in (_corpus(operation, plan).load(operation) or [])
        ]
    assert len(kept) == len(sent) > 50
    assert kept == sent


def _target(plan: RunPlan) -> Target:
    return Target(plan.label)


def _corpus(operation: Any, plan: RunPlan) -> Corpus:
    corpus = corpus_for(operation, plan)
    assert corpus is not None
    return corpus


@pytest.mark.parametrize(
    "changes",
    [{"seed": None}, {"corpus": False}, {"headers": (("X-Api-Key", "secret"),)}],
    ids=["a random seed", "--no-corpus", "extra headers"],
)
def test_a_run_that_may_not_keep_a_corpus_writes_none(changes: dict[str, Any], cache: Path) -> None:
    run_suite(_options(operations=("customer_fetch",), **changes))
    assert not cache.exists() or list(cache.iterdir()) == []


def test_a_run_stopped_by_its_budget_keeps_nothing(cache: Path) -> None:
    result = run_suite(_options(operations=("customer_create",), max_requests=5))
    assert result.inconclusives
    assert not cache.exists() or list(cache.iterdir()) == []


def test_no_key_is_written_and_the_key_in_use_is_put_back(cache: Path, served_mock, canary_key: str) -> None:
    """A mock over loopback (the full profile) with the canary key: the corpus holds neither it nor any key."""
    target = TargetSpec(base_url=served_mock[0], secret_key=canary_key)
    run_suite(_options(target=target, operations=("customer_fetch",)))
    (blob,) = [path.read_bytes() for path in cache.iterdir()]
    assert canary_key.encode() not in blob
    assert b"sk_test_" not in blob
    for encoded in (base64.b64encode(canary_key.encode()), canary_key[8:].encode(), quote(canary_key).encode()):
        assert encoded not in blob
    plan = RunPlan.resolve(_options(target=target, operations=("customer_fetch",)))
    key = plan.paystack.key.reveal()
    with open_session(plan, Recorder(RunResult(target=_target(plan)))) as session:
        (operation,) = operations(session.contracts.paystack)
        cases = _corpus(operation, plan).load(operation)
    assert cases
    assert {case.headers.get("Authorization") for case in cases if case.headers} >= {f"Bearer {key}"}


MAGIC = b"paystack-contracts corpus 1\n"


class _Planted:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("touch planted",))


@pytest.mark.parametrize(
    "content",
    [b"not a corpus", MAGIC + pickle.dumps(_Planted()), MAGIC + b"\x80"],
    ids=["another file", "a pickle naming a callable", "a truncated pickle"],
)
def test_a_foreign_or_damaged_file_is_a_miss_and_runs_nothing(
    content: bytes, cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, generations
) -> None:
    monkeypatch.chdir(tmp_path)
    options = _options(operations=("customer_fetch",))
    run_suite(options)
    (path,) = cache.iterdir()
    path.write_bytes(content)
    generations.clear()
    result = run_suite(options)
    assert generations == ["GET /customer/{email_or_code}"]  # generated again
    assert result.cases > 0
    assert not (tmp_path / "planted").exists()
    assert path.read_bytes().startswith(b"paystack-contracts corpus 1\n")
    assert len(path.read_bytes()) > 1000


@pytest.mark.parametrize(
    "changes", [{"seed": 8}, {"max_examples": 4}, {"phases": ("examples", "fuzzing")}], ids=["seed", "budget", "phases"]
)
def test_what_decides_the_cases_decides_the_key(changes: dict[str, Any], cache: Path) -> None:
    def path(options: SuiteOptions) -> Path:
        plan = RunPlan.resolve(options)
        with open_session(plan, Recorder(RunResult(target=_target(plan)))) as session:
            (operation,) = operations(session.contracts.paystack)
            return _corpus(operation, plan).path

    base = _options(operations=("customer_fetch",))
    assert path(base) == path(_options(operations=("customer_fetch",), drift=("wrong-total",), run_id="other"))
    assert path(base) != path(_options(operations=("customer_fetch",), **changes))


def test_the_unpickler_admits_no_callable() -> None:
    stream = io.BytesIO(pickle.dumps(_Planted()))
    with pytest.raises(pickle.UnpicklingError, match="not admitted"):
        _Unpickler(stream, "Bearer x").load()


def test_a_run_replays_what_a_run_with_another_worker_count_kept(cache: Path, generations) -> None:
    run_suite(_options(workers=2))  # the parent and a worker each kept the paths they played
    generations.clear()
    run_suite(_options(workers=1))
    assert generations == []


def test_the_corpus_goes_where_the_run_resolved_it(cache: Path, tmp_path: Path, monkeypatch) -> None:
    """A worker from a fork server reads the environment the server started with: the plan carries the place."""
    options = _options(operations=("customer_fetch",))
    plan = RunPlan.resolve(options)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "elsewhere"))
    with open_session(plan, Recorder(RunResult(target=_target(plan)))) as session:
        (operation,) = operations(session.contracts.paystack)
        assert _corpus(operation, plan).path.parent == cache


def test_an_edited_contract_file_gets_another_key_in_the_same_process(tmp_path: Path) -> None:
    contract = tmp_path / "contract.yaml"
    contract.write_text("openapi: 3.1.0\n", encoding="utf-8")
    located: Any = SimpleNamespace(schema=SimpleNamespace(location=contract.as_uri()))  # what the digest reads
    before = _contract_digest(located)
    contract.write_text("openapi: 3.1.0\ninfo: {}\n", encoding="utf-8")
    assert before is not None
    assert _contract_digest(located) not in (None, before)


@pytest.mark.parametrize(
    ("module", "name"),
    [("schemathesis.generation.meta", "StatefulPhaseData"), ("schemathesis.core.parameters", "SkippedParameter")],
)
def test_the_unpickler_admits_schemathesis_data_classes_only_by_name(module: str, name: str) -> None:
    kind = getattr(importlib.import_module(module), name)  # a data class no kept case holds
    assert dataclasses.is_dataclass(kind)
    stream = io.BytesIO(pickle.dumps(kind, protocol=5))
    with pytest.raises(pickle.UnpicklingError, match=re.escape(f"{module}.{name} is not admitted")):
        _Unpickler(stream, "Bearer x").load()


def _aged(directory: Path, sizes: list[int]) -> list[Path]:
    """Files of these sizes, oldest first."""
    paths = []
    for age, size in enumerate(sizes):
        path = directory / f"{age}.pickle"
        path.write_bytes(b"x" * size)
        os.utime(path, ns=(age * 10**9, age * 10**9))
        paths.append(path)
    return paths


def test_a_corpus_over_its_cap_loses_the_files_used_least_recently(tmp_path: Path) -> None:
    oldest, older, newer, newest = _aged(tmp_path, [400, 300, 200, 100])
    assert prune(tmp_path, max_bytes=350) == [oldest, older]
    assert sorted(tmp_path.iterdir()) == [newer, newest]


def test_the_file_just_written_stays_even_when_it_is_the_oldest(tmp_path: Path) -> None:
    oldest, older = _aged(tmp_path, [300, 300])
    assert prune(tmp_path, keep=oldest, max_bytes=400) == [older]


def test_a_replay_marks_its_file_used(cache: Path, generations: list[str]) -> None:
    options = _options(operations=("customer_fetch",))
    run_suite(options)
    (path,) = cache.iterdir()
    os.utime(path, ns=(0, 0))
    generations.clear()
    run_suite(options)
    assert generations == []  # replayed, not generated and rewritten: the load itself touched the file
    assert path.stat().st_mtime_ns > 0
