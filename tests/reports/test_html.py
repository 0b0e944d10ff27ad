from __future__ import annotations

import re
from html.parser import HTMLParser

from paystack_contracts.findings import Finding
from paystack_contracts.reports import render_html
from paystack_contracts.reports.html import CASES_PER_OPERATION
from paystack_contracts.results import Exchange, RunResult


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def test_the_page_loads_nothing_from_anywhere(failing_run: RunResult) -> None:
    page = render_html(failing_run)
    tags = _tags(page)
    assert not [t for t, _ in tags if t in {"script", "link", "img", "iframe", "object", "embed"}]
    assert not [a for _, a in tags if "src" in a]
    assert all((a["href"] or "").startswith("#") for _, a in tags if "href" in a)  # in-page links only
    assert not re.search(r"url\(|@import", page)
    assert "default-src 'none'" in page


def test_the_failures_overview_links_to_each_failing_case(failing_run: RunResult) -> None:
    tags = _tags(render_html(failing_run))
    links = [a["href"] for t, a in tags if t == "a"]
    anchors = {a.get("id") for t, a in tags if t == "details"}
    assert len(links) == 3  # POST /customer's two cases, and GET /customer's response-shape drift
    assert {link[1:] for link in links} <= anchors


def test_a_badly_drifted_run_draws_a_bounded_number_of_cases(failing_run: RunResult) -> None:
    op = failing_run.operations["POST /customer"]
    for i in range(CASES_PER_OPERATION + 5):
        exchange_id = f"drift{i}"
        finding = Finding(
            rule="r", message=f"m{i}", source="suite", operation=op.operation, location=f"$.x{i}", exchange=exchange_id
        )
        failing_run.findings.append(finding)
        failing_run.exchanges[exchange_id] = Exchange("POST", f"http://x/{i}")
    tags = _tags(render_html(failing_run))
    drawn = [a for t, a in tags if t == "details" and a.get("class") == "failing-case"]
    assert len(drawn) == CASES_PER_OPERATION + 1  # and GET /customer's response-shape drift
    anchors = {a["id"] for a in drawn}
    assert all((a["href"] or "")[1:] in anchors for t, a in tags if t == "a")


def test_api_data_is_escaped_not_rendered(failing_run: RunResult) -> None:
    page = render_html(failing_run)
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>bold</b>" not in page


def test_each_operation_has_a_histogram_and_its_checks(failing_run: RunResult) -> None:
    tags = _tags(render_html(failing_run))
    sections = [a["data-operation"] for t, a in tags if t == "section"]
    assert sections == ["GET /customer", "POST /customer"]  # both fail: GET /customer by a gate finding
    assert "class='failing-case'" in render_html(failing_run)
    statuses = [a["data-status"] for t, a in tags if t == "div" and "data-status" in a]
    assert statuses == ["200", "200", "400", "500"]  # GET /customer's histogram, then POST /customer's
    checks = {a["data-check"]: a["class"] for t, a in tags if t == "tr" and "data-check" in a}
    assert checks["status_code_conformance"] == "fail"
    assert checks["pagination"] == "pass"
    assert checks["removed-field"] == "fail"  # a gate's finding is attributed to its operation, never green


def test_warnings_are_listed_folded_after_the_failures(failing_run: RunResult) -> None:
    page = render_html(failing_run)
    warnings = page[page.index('id="warnings"') :]
    assert "<details class='finding warning'><summary>warning · undocumented-field" in warnings


def test_a_passing_run_says_so(passing_run: RunResult) -> None:
    page = render_html(passing_run)
    assert 'data-outcome="conforms"' in page
    assert "class='failing-case'" not in page
    assert "every case was conclusive" in page
