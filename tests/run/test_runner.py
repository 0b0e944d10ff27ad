"""The suite end to end against the embedded mock, its drift profiles, and hostile or rate-limited targets."""

from __future__ import annotations

import socket
from dataclasses import replace

import pytest
from starlette.middleware.gzip import GZipMiddleware
from tests.targets import lookalike

from paystack_contracts.errors import KeyRejectedError, TargetNeverReachedError, UnsafeTargetError
from paystack_contracts.findings import Finding
from paystack_contracts.mock import DEFAULT_TEST_KEY, DRIFT_PROFILES, MockSettings, create_app, serve_in_thread
from paystack_contracts.results import ExitCode, InconclusiveReason
from paystack_contracts.run import workers
from paystack_contracts.run.plan import Profile, RunPlan, SuiteOptions, TargetSpec
from paystack_contracts.run.recorder import Recording
from paystack_contracts.run.runner import RunInterrupted, run_suite
from paystack_contracts.run.session import RUN_METADATA_KEY

SCENARIOS_ONLY = SuiteOptions(seed=11, phases=())
GENERATED = ("examples", "coverage", "fuzzing")
LIVE_KEY = "sk_live_" + "c3" * 20


def mentions(finding: Finding, text: str) -> bool:
    return text in " ".join(str(value) for value in finding.to_dict().values())


def test_the_embedded_mock_conforms_and_every_documented_status_is_seen() -> None:
    """Examples, the state machine and the scenarios (the fuzzing phases run per operation in test_contract)."""
    result = run_suite(SuiteOptions(seed=3, phases=("examples", "stateful"), max_examples=4))
    assert result.failures == []
    assert result.exit_code() is ExitCode.CONFORMS
    assert result.facts.state_machine == "ran"
    gaps = {(op, code) for op, codes in result.facts.coverage.items() for code, seen in codes.items() if not seen}
    assert {code for _, code in gaps} <= {"403", "429"}  # not plannable: integration setting, rate limit


@pytest.mark.parametrize("run_profile", list(Profile))
@pytest.mark.parametrize("profile", DRIFT_PROFILES.values(), ids=list(DRIFT_PROFILES))
def test_every_drift_profile_is_caught_and_named(profile, run_profile: Profile) -> None:
    """The live profile is first-class: whatever the full profile catches (without fuzzing), it catches too."""
    result = run_suite(SuiteOptions(seed=11, phases=(), drift=(profile.name,), profile=run_profile))
    if profile.severity == "warning":
        assert result.exit_code() is ExitCode.CONFORMS
        assert any(mentions(w, profile.detected_by) for w in result.warnings)
    else:
        assert result.exit_code() is ExitCode.FINDINGS
        assert any(mentions(f, profile.detected_by) for f in result.failures), [str(f) for f in result.failures]


def test_a_live_key_is_refused_before_any_request(counter) -> None:
    spec = TargetSpec(base_url=counter.base_url, secret_key=LIVE_KEY)
    with pytest.raises(UnsafeTargetError, match="live secret key") as refused:
        run_suite(SuiteOptions(target=spec))
    assert LIVE_KEY not in str(refused.value)
    assert counter.seen == []


def test_a_target_that_is_down_is_a_configuration_error_after_one_attempt() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on once the probe closes
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    spec = TargetSpec(base_url=f"http://127.0.0.1:{port}", secret_key=DEFAULT_TEST_KEY)
    with pytest.raises(TargetNeverReachedError) as refused:
        run_suite(SuiteOptions(target=spec, seed=3))
    line = str(refused.value)
    assert f"cannot connect to 127.0.0.1:{port} (Connection refused)" in line
    assert "\n" not in line
    assert "HTTPConnectionPool" not in line


def test_a_key_the_target_rejects_stops_the_run_after_the_first_request(counter) -> None:
    spec = TargetSpec(base_url=counter.base_url, secret_key=DEFAULT_TEST_KEY)
    with pytest.raises(KeyRejectedError, match=r"rejected the key.*HTTP 401 'Invalid key'") as refused:
        run_suite(SuiteOptions(target=spec, seed=3))
    assert counter.seen == ["GET /customer"]
    assert DEFAULT_TEST_KEY not in str(refused.value)


def test_a_target_that_only_answers_edge_pages_was_never_reached(edge) -> None:
    spec = TargetSpec(base_url=edge.base_url, secret_key=DEFAULT_TEST_KEY)
    with pytest.raises(TargetNeverReachedError, match="edge_error"):
        run_suite(SuiteOptions(target=spec, seed=2, max_requests=12, profile=Profile.LIVE))
    assert len(edge.seen) == 12


@pytest.mark.parametrize(
    "served_mock", [MockSettings(rate_limit=True, rate_limit_test=6, random_seed=3)], indirect=True
)
def test_a_rate_limited_target_is_inconclusive_and_not_waited_on_forever(served_mock) -> None:
    base_url, _ = served_mock
    spec = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY)
    result = run_suite(SuiteOptions(target=spec, seed=4, max_wait=0.5))
    assert {i.reason for i in result.inconclusives} == {InconclusiveReason.RATE_LIMITED}
    unreached = {label for label, op in result.operations.items() if not op.cases}
    assert unreached
    assert unreached <= {i.operation for i in result.inconclusives}
    assert result.requests_sent < 20  # the quota, the 429 that closed the window, and unlimited 405 probes
    assert result.exit_code() is ExitCode.INCONCLUSIVE


def test_the_request_budget_caps_the_run_and_names_what_was_left_out() -> None:
    result = run_suite(SuiteOptions(seed=5, max_requests=15))
    assert result.requests_sent == 15
    assert result.exit_code() is ExitCode.INCONCLUSIVE
    assert {i.reason for i in result.inconclusives} == {InconclusiveReason.BUDGET_EXHAUSTED}


def test_the_live_profile_covers_every_documented_status_within_100_requests(served_mock) -> None:
    base_url, _ = served_mock
    spec = TargetSpec(base_url, DEFAULT_TEST_KEY, globalstack_base_url=f"{base_url}/v1")
    result = run_suite(SuiteOptions(target=spec, seed=6, profile=Profile.LIVE))
    missing = {
        (label, code)
        for label, codes in result.facts.coverage.items()
        for code, covered in codes.items()
        if not covered and code not in ("403", "429")
    }
    assert missing == set()
    assert "POST /customers" in result.facts.coverage
    assert result.requests_sent <= 100
    assert result.exit_code() is ExitCode.CONFORMS
    assert result.warnings == []  # no "status 400 was never seen": the status plan's probes are not fingerprinted


def test_a_target_without_globalstack_configured_reports_it_not_served_never_failed(served_mock) -> None:
    base_url, _ = served_mock
    spec = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY)
    result = run_suite(SuiteOptions(target=spec, seed=6, profile=Profile.LIVE))
    assert set(result.facts.not_served) == {"POST /customers"}
    assert "POST /customers" not in result.operations
    assert result.exit_code() is ExitCode.CONFORMS


def test_everything_the_suite_creates_is_identifiable(served_mock) -> None:
    base_url, app = served_mock
    spec = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY)
    result = run_suite(SuiteOptions(target=spec, seed=8, max_examples=5, operations=("customer_create",)))
    store = app.state.sandbox.store
    emails = [row["email"] for row in store.rows("SELECT email FROM customers", ())]
    assert len(emails) > 2
    assert all(email.lower().endswith("@example.com") for email in emails)
    assert result.facts.run_id
    assert RUN_METADATA_KEY == "paystack_contracts_run"


def test_parallel_workers_find_what_one_process_finds() -> None:
    # Operations whose answers do not depend on records another operation's cases created: each worker has its
    # own mock, so a fetch dealt away from the create that made `customer@example.com` only sees 404s.
    options = SuiteOptions(
        seed=12,
        max_examples=3,
        drift=("id-as-string",),
        scenarios=(),
        operations=("customer_create", "customer_list", "globalstack_createCustomer"),
    )
    alone = run_suite(options)
    split = run_suite(replace(options, workers=2))
    assert split.facts.workers == 2
    assert set(split.operations) == set(alone.operations)
    assert all(op.cases for op in split.operations.values())
    assert {(f.rule, f.operation) for f in split.failures} == {(f.rule, f.operation) for f in alone.failures}
    assert any(f.location == "$.data.id" for f in split.failures)


def test_ctrl_c_while_the_parent_plays_groups_keeps_the_groups_it_finished(monkeypatch: pytest.MonkeyPatch) -> None:
    real = workers.fuzz_group
    calls: list[int] = []

    def interrupted_on_the_second(plan: RunPlan, group: tuple[str, ...], index: int) -> Recording:
        calls.append(index)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return real(plan, group, index)

    monkeypatch.setattr(workers, "fuzz_group", interrupted_on_the_second)
    monkeypatch.setattr(workers.WorkerPool, "go", lambda pool: None)  # the workers take nothing: the parent plays
    operations = ("customer_create", "customer_list", "customer_fetch", "customer_update")
    options = SuiteOptions(seed=4, max_examples=2, workers=2, scenarios=(), phases=GENERATED, operations=operations)
    with pytest.raises(RunInterrupted) as interrupted:
        run_suite(options)
    result = interrupted.value.result
    assert result.facts.partial
    first = {"customer_create": "POST /customer", "customer_fetch": "GET /customer/{email_or_code}"}
    played = next(label for op, label in first.items() if op in workers.groups(RunPlan.resolve(options))[0])
    assert result.operation(played).cases > 1  # more than the preflight: the finished group was kept


def test_a_drift_repeated_on_every_listed_customer_is_one_finding_with_its_rules_and_a_count() -> None:
    options = SuiteOptions(
        seed=12,
        max_examples=3,
        drift=("id-as-string",),
        scenarios=(),
        operations=("customer_list",),
        phases=("fuzzing",),
    )
    result = run_suite(options)
    (finding,) = [f for f in result.failures if f.location == "$.data[*].id"]
    facts = dict(finding.extra)
    assert {"identifiers.integer", "resource.schema"} <= set(facts["rules"].split(", "))
    assert {"paystack_identifiers", "paystack_resource"} <= set(finding.checks)
    assert facts["first_path"] == "$.data[0].id"
    assert int(facts["count"]) >= 2


def test_a_drifted_ledger_verdict_fails_the_run_and_says_which_entry() -> None:
    result = run_suite(SuiteOptions(seed=11, phases=(), drift=("create-returns-201",)))
    assert result.exit_code() is ExitCode.FINDINGS
    assert [v.entry for v in result.drifted_verdicts]
    assert all(v.observed != v.recorded for v in result.drifted_verdicts)


def test_where_the_evidence_leaves_a_status_open_either_answer_passes() -> None:
    """A look-alike that answers 404 (not 400) for a non-numeric mandate id and a missing authorization_code,
    and ignores a non-numeric perPage, is not drift: the docs document both statuses and show neither case."""
    app = create_app(MockSettings(seed_customers=2, random_seed=5))

    async def lookalike(scope, receive, send) -> None:
        path, query = scope.get("path", ""), scope.get("query_string", b"")
        if scope["type"] == "http" and query == b"perPage=not-a-number":
            scope = {**scope, "query_string": b""}
        if scope["type"] == "http" and (path.startswith("/customer/not-a-number/") or "deactivate" in path):

            async def as_404(message) -> None:
                if message["type"] == "http.response.start" and message["status"] == 400:
                    message = {**message, "status": 404}
                await send(message)

            return await app(scope, receive, as_404)
        return await app(scope, receive, send)

    with serve_in_thread(lookalike) as base_url:
        spec = TargetSpec(base_url=base_url, secret_key=DEFAULT_TEST_KEY)
        result = run_suite(SuiteOptions(target=spec, seed=6, profile=Profile.LIVE))
    assert [str(f) for f in result.failures] == []
    assert result.exit_code() is ExitCode.CONFORMS


@pytest.mark.parametrize("profile", list(Profile))
def test_an_independent_look_alike_of_the_api_conforms_and_its_missing_globalstack_is_not_served(profile) -> None:
    """Against what we did not build (tests/targets/lookalike.py takes the other side of every open question and
    serves no GlobalStack), neither profile reports a false failure."""
    with lookalike.serve() as base_url:
        spec = TargetSpec(base_url=base_url, secret_key=lookalike.LOOKALIKE_KEY)
        result = run_suite(SuiteOptions(target=spec, seed=6, profile=profile, max_examples=3, workers=1))
    assert [str(f) for f in result.failures] == []
    assert result.drifted_verdicts == []
    assert result.exit_code() is ExitCode.CONFORMS
    assert set(result.facts.not_served) == {"POST /customers"}


def test_every_operation_reports_the_time_its_cases_took() -> None:
    options = SuiteOptions(
        seed=5, phases=("examples",), scenarios=(), workers=2, operations=("customer_list", "customer_fetch")
    )
    result = run_suite(options)
    assert result.facts.workers == 2  # a worker's time is added to the parent's
    timed = {label: op.duration_s for label, op in result.operations.items() if op.cases}
    assert len(timed) == 2
    assert all(0 < seconds < result.duration_s for seconds in timed.values()), timed


@pytest.mark.parametrize("profile", list(Profile))
def test_a_target_that_compresses_its_answers_conforms(profile) -> None:
    """Paystack's edge compresses for clients that accept it, as `requests` says it does (`gzip, deflate`): the
    checks judge the JSON, not the compressed bytes."""
    app = GZipMiddleware(lookalike.create_app(), minimum_size=0)
    with serve_in_thread(app) as base_url:
        spec = TargetSpec(base_url=base_url, secret_key=lookalike.LOOKALIKE_KEY)
        result = run_suite(SuiteOptions(target=spec, seed=6, profile=profile, max_examples=3, workers=1))
    assert [str(f) for f in result.failures] == []
    assert result.exit_code() is ExitCode.CONFORMS
