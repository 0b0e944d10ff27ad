from __future__ import annotations

from pathlib import Path

from junitparser import Failure, JUnitXml, Skipped

from paystack_contracts.reports import render_junit
from paystack_contracts.results import RunResult


def _parse(tmp_path: Path, text: str) -> JUnitXml:
    path = tmp_path / "junit.xml"
    path.write_text(text, encoding="utf-8")
    return JUnitXml.fromfile(str(path))


def _cases(xml: JUnitXml) -> dict[tuple[str, str], object]:
    return {(case.classname, case.name): case for suite in xml for case in suite}


def test_there_is_one_testcase_per_operation_and_check(tmp_path: Path, failing_run: RunResult) -> None:
    cases = _cases(_parse(tmp_path, render_junit(failing_run)))
    expected = {(label, check) for label, op in failing_run.operations.items() for check in op.checks}
    assert expected <= set(cases)


def test_a_failing_check_carries_the_message_and_the_replay_line(tmp_path: Path, failing_run: RunResult) -> None:
    case = _cases(_parse(tmp_path, render_junit(failing_run)))[("POST /customer", "status_code_conformance")]
    (failure,) = [r for r in case.result if isinstance(r, Failure)]
    assert failure.message.startswith("undocumented status 500")
    assert "replay: curl -X POST https://api.paystack.co/customer" in failure.text
    assert "expected: one of 200, 400, 401" in failure.text


def test_findings_attach_to_the_check_that_produced_them(tmp_path: Path, failing_run: RunResult) -> None:
    cases = _cases(_parse(tmp_path, render_junit(failing_run)))
    case = cases[("POST /customer", "response_schema_conformance")]
    assert not case.is_passed
    assert ("POST /customer", "type") not in cases


def test_passing_checks_have_no_result(tmp_path: Path, failing_run: RunResult) -> None:
    case = _cases(_parse(tmp_path, render_junit(failing_run)))[("POST /customer", "envelope")]
    assert case.is_passed


def test_inconclusive_cases_are_skipped_not_failed(tmp_path: Path, failing_run: RunResult) -> None:
    case = _cases(_parse(tmp_path, render_junit(failing_run)))[("GET /customer", "inconclusive: rate_limited")]
    assert [type(r) for r in case.result] == [Skipped]


def test_drifted_verdicts_and_response_drift_fail_in_a_drift_suite(tmp_path: Path, failing_run: RunResult) -> None:
    cases = _cases(_parse(tmp_path, render_junit(failing_run)))
    assert not cases[("discrepancy verdicts", "D004 Create status")].is_passed
    assert cases[("discrepancy verdicts", "D006 Validate status")].is_passed
    assert not cases[("GET /customer", "removed-field")].is_passed  # attributed to its operation, once
    assert not [name for (cls, name) in cases if cls == "drift.fingerprint" and name.startswith("removed")]


def test_totals_add_up(tmp_path: Path, failing_run: RunResult) -> None:
    xml = _parse(tmp_path, render_junit(failing_run))
    xml.update_statistics()
    assert (xml.tests, xml.failures, xml.skipped) == (11, 5, 1)


def test_a_passing_run_has_no_failures(tmp_path: Path, passing_run: RunResult) -> None:
    xml = _parse(tmp_path, render_junit(passing_run))
    xml.update_statistics()
    assert xml.tests == 5
    assert xml.failures == 0


def test_control_characters_from_fuzzed_data_still_give_parseable_xml(tmp_path: Path, failing_run: RunResult) -> None:
    finding = failing_run.findings[0]
    weird = type(finding)(rule=finding.rule, message="bad \x00\x1b[31m byte", operation="POST /customer")
    failing_run.findings.append(weird)
    xml = _parse(tmp_path, render_junit(failing_run))
    texts = [r.text for suite in xml for case in suite for r in case.result if isinstance(r, Failure)]
    assert any("bad \ufffd\ufffd[31m byte" in (t or "") for t in texts)


def test_an_operation_the_target_does_not_serve_is_skipped_with_the_reason(
    tmp_path: Path, passing_run: RunResult
) -> None:
    passing_run.facts.not_served = {"POST /customers": "not served by this target (no --globalstack-base-url given)"}
    cases = _cases(_parse(tmp_path, render_junit(passing_run)))
    assert cases[("POST /customers", "not served")].is_skipped
