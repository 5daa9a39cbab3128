"""Under the Content-Security-Policy every page of the served demo runs without a console error or a
policy violation, and its scripts still work (charts drawn, rows expand, the job page polls)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

# Each violation is kept on the window (and logged) as the browser reports it.
WATCH_VIOLATIONS = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`);
});
"""


@pytest.fixture
def watched(page, server):
    """The logged-in demo page, with every console error, page error and policy violation collected."""
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.context.add_init_script(WATCH_VIOLATIONS)

    def visit(path: str, ready: str | None = None) -> None:
        response = page.goto(server + path)
        assert response is not None and response.ok, path
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        if ready:
            page.wait_for_selector(ready)
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__csp")
        assert not violations, (path, violations)
        assert not problems, (path, problems)

    visit.problems = problems  # type: ignore[attr-defined]
    return page, visit


def test_every_page_runs_under_the_policy_without_errors(watched):
    page, visit = watched
    visit("/", "#completion-chart .main-svg")
    visit("/projects/", "#ledger")
    project = page.locator("#ledger tbody tr a").first.get_attribute("href")
    visit(project, "#project-chart .main-svg")
    visit(f"{project}reports/new/", "form")
    visit(f"{project}milestones/")
    visit("/battle-map/", "#gantt")
    page.click("#expand-all")  # gantt.js still runs
    assert page.locator("tr.g-child:not([hidden])").count() > 0
    visit("/warnings/", "#warning-summary")
    visit("/problems/")
    visit("/indicators/")
    visit("/indicators/drill/", "#contribution-chart .main-svg")
    visit("/indicators/rank/")
    visit("/imports/", "#upload")
    visit("/account/", "#api-token")
    visit("/account/password/")
    visit("/admin/")
    visit("/admin/projects/project/")
    visit("/admin/projects/project/1/change/", "#project_form")
    visit("/admin/axes/accessattempt/")
    visit("/api/v1/")
    visit("/api/v1/projects/")


def test_the_import_job_page_polls_under_the_policy(watched, tmp_path):
    page, visit = watched
    sheet = tmp_path / "plans.csv"
    rows = "项目代码,年份,年度计划投资(亿元),年内开工,年内投产\n2024-330802-001,2027,3.5,否,是\n"
    sheet.write_text(rows, encoding="utf-8")
    visit("/imports/", "#upload")
    page.set_input_files("input[name=file]", str(sheet))
    page.click("#upload button")
    page.wait_for_selector("#preview", timeout=30_000)  # job.js polled the status until the preview came
    assert not page.evaluate("window.__csp")
    assert not visit.problems


def test_the_language_switch_works_without_an_inline_handler(watched):
    page, visit = watched
    visit("/warnings/")
    page.select_option("select[name=language]", "en")
    page.wait_for_selector("text=Cockpit")
    page.select_option("select[name=language]", "zh-hans")
    page.wait_for_selector("text=驾驶舱")
