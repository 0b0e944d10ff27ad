"""junit.xml: one testcase per operation x check, so CI test tabs show which check broke on which operation.

A failing testcase carries the first finding's message and, in its text, every finding with its expected/actual
values and replay line. Inconclusive cases become skipped testcases; discrepancy verdicts and drift get a suite
of their own.

Written with the stdlib `xml.etree.ElementTree` rather than junitparser: junitparser is only a test dependency
(the tests parse our output with it, an independent reader), and a ~100-line writer does not justify a runtime
dependency. ElementTree escapes text and attributes; `_xml_text` drops what XML 1.0 cannot carry at all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from paystack_contracts.credentials import redact
from paystack_contracts.findings import Finding, Severity
from paystack_contracts.reports.digest import (
    CheckRow,
    VerdictRow,
    check_rows,
    drift_findings,
    run_level_findings,
    verdict_rows,
)
from paystack_contracts.results import RunResult

__all__ = ["render_junit"]

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render_junit(result: RunResult) -> str:
    root = ET.Element("testsuites", name="paystack-contracts", time=f"{result.duration_s:.3f}")
    rows = check_rows(result)
    for label in sorted(result.operations):
        suite = _suite(root, label)
        for row in (r for r in rows if r.operation == label):
            _check_case(suite, row)
        for item in (i for i in result.inconclusives if i.operation == label):
            _skipped(suite, label, f"inconclusive: {item.reason.value}", item.message, item.replay)
    for label, why in sorted(result.facts.not_served.items()):  # skipped, never passed or failed
        _skipped(_suite(root, label), label, "not served", why, None)
    orphans = [i for i in result.inconclusives if i.operation not in result.operations]
    loose = run_level_findings(result)
    if loose or orphans:
        suite = _suite(root, "run")
        for finding in loose:
            _finding_case(suite, "run", finding)
        for item in orphans:
            _skipped(suite, "run", f"inconclusive: {item.operation}", item.message, item.replay)
    _drift_suite(root, verdict_rows(result), drift_findings(result, unattributed=True))
    _totals(root)
    ET.indent(root)
    return redact(ET.tostring(root, encoding="unicode", xml_declaration=True)) + "\n"


def _suite(root: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(root, "testsuite", name=_xml_text(name))


def _case(suite: ET.Element, classname: str, name: str) -> ET.Element:
    return ET.SubElement(suite, "testcase", classname=_xml_text(classname), name=_xml_text(name), time="0")


def _check_case(suite: ET.Element, row: CheckRow) -> None:
    case = _case(suite, row.operation, row.check)
    properties = ET.SubElement(case, "properties")
    for name, value in (("passed", row.passed), ("failed", row.failed)):
        ET.SubElement(properties, "property", name=name, value=str(value))
    if row.is_failure:
        first = row.findings[0].message if row.findings else f"{row.check} failed {row.failed} time(s)"
        failure = ET.SubElement(case, "failure", message=_xml_text(first), type=row.check)
        failure.text = _xml_text("\n\n".join(_describe(f) for f in row.findings))


def _finding_case(suite: ET.Element, classname: str, finding: Finding) -> None:
    case = _case(suite, classname, f"{finding.rule} @ {finding.where}")
    tag = "failure" if finding.severity is Severity.ERROR else "system-out"
    element = ET.SubElement(case, tag)
    if tag == "failure":
        element.set("message", _xml_text(finding.message))
        element.set("type", _xml_text(finding.rule))
    element.text = _xml_text(_describe(finding))


def _skipped(suite: ET.Element, classname: str, name: str, message: str, replay: str | None) -> None:
    case = _case(suite, classname, name)
    skipped = ET.SubElement(case, "skipped", message=_xml_text(message))
    if replay:
        skipped.text = _xml_text(f"replay: {replay}")


def _drift_suite(root: ET.Element, verdicts: Sequence[VerdictRow], drift: Sequence[Finding]) -> None:
    if not verdicts and not drift:
        return
    suite = _suite(root, "drift")
    for row in verdicts:
        verdict = row.verdict
        case = _case(suite, "discrepancy verdicts", f"{verdict.entry} {verdict.topic}")
        message = f"{verdict.entry}: ledger records '{verdict.recorded}', target followed '{verdict.observed}'"
        if verdict.drift and row.fails_run:
            failure = ET.SubElement(case, "failure", message=_xml_text(message), type="verdict-drift")
            failure.text = _xml_text(f"{message}\nevidence: {verdict.evidence}")
        elif verdict.drift:
            ET.SubElement(case, "system-out").text = _xml_text(f"advisory: {message}\nevidence: {verdict.evidence}")
    for finding in drift:
        _finding_case(suite, f"drift.{finding.source}", finding)


def _totals(root: ET.Element) -> None:
    grand = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in root.iter("testsuite"):
        cases = suite.findall("testcase")
        totals = {
            "tests": len(cases),
            "failures": sum(c.find("failure") is not None for c in cases),
            "errors": 0,
            "skipped": sum(c.find("skipped") is not None for c in cases),
        }
        for key, value in totals.items():
            suite.set(key, str(value))
            grand[key] += value
    for key, value in grand.items():
        root.set(key, str(value))


def _describe(finding: Finding) -> str:
    facts = [("expected", finding.expected), ("actual", finding.actual), *finding.extra, ("replay", finding.replay)]
    return "\n".join([f"{finding.where}: {finding.message}", *(f"{k}: {v}" for k, v in facts if v is not None)])


def _xml_text(text: str) -> str:
    """XML 1.0 cannot carry most control characters even escaped; fuzzed bodies contain them."""
    return _XML_ILLEGAL.sub("\ufffd", text)
