"""Every page of the served demo, in chromium, at a desk (1440×900) and on a phone (390×844), in the Chinese UI:
no horizontal scrolling, no console error (nor a failed request: a missing favicon is one), and no English UI
word left untranslated.

The pages are the URLconf's (outside admin/, api/, i18n/): a page without parameters is opened as it is; one
with parameters (a project's code, a hazard's number …) is opened at the first link to it found on the pages
already seen — so a new page joins by being linked from another. A page that is not one to look at (a file, a
POST-only action) is listed in NOT_PAGES with the reason; a page neither reached nor listed fails the test.
"""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve

pytestmark = pytest.mark.browser

WIDTHS = ((1440, 900), (390, 844))
# Not pages of guatu's own UI: Django's admin (its own Chinese; test_csp_browser opens its index and a change
# form), the API (machine endpoints; its root and /api/docs/ are opened by test_layout_browser), the language
# switch (POST only), static files and the favicon (test_base_layout).
SKIP_PREFIXES = ("admin/", "api/", "i18n/", "static/", "favicon.ico")

# URL name → why the page is not opened here (and where it is checked instead).
NOT_PAGES = {
    "logout": "POST only: logging out",
    "accounts:token": "POST only: issues or revokes a token (accounts tests)",
    "briefings:briefing_docx": "a Word file (briefings tests)",
    "schedules:battle_map_export": "a PDF or PNG file (schedules export tests)",
    "schedules:problem_transition": "POST only: a problem's next status",
    "schedules:project_plan_action": "POST only: apply a template / approve the plan",
    "projects:report_transition": "POST only: submit, approve or return a report",
    "exchange:template": "an xlsx file",
    "exchange:export": "an xlsx or CSV file",
    "exchange:job_status": "JSON polled by the job page (job.js), which is checked",
    "exchange:job_commit": "POST only: commits a previewed import",
    "reporting:export": "an xlsx or CSV file",
    "reporting:month_open": "POST only: opens a reporting month",
    "reporting:month_close": "POST only: closes a reporting month",
    "reporting:month_reopen": "POST only: reopens a reporting month",
    "reporting:policy": "POST only: saves the reporting policy",
    "safety:hazard_transition": "POST only: a hazard's next status",
    "safety:export": "an xlsx or CSV file",
    "safety:template": "an xlsx file",
    "attraction:lead_export": "an xlsx or CSV file (attraction exchange tests)",
    "attraction:template": "an xlsx file",
    "funds:export": "an xlsx or CSV file (funds exchange tests)",
    "funds:template": "an xlsx file",
    "innovation:export": "an xlsx or CSV file (innovation exchange tests)",
    "innovation:template": "an xlsx file",
    "briefings:briefing_pdf": "a PDF file (briefings tests)",
    "attraction:item_delete": "POST only: removes a contact, talk or team member",
    "attraction:lead_transition": "posted by the lead page's stage form, shown again only with its errors",
    "innovation:scheme_copy": "POST only: copies a scheme to another year",
}

# English words of guatu's own UI that must not show in the Chinese UI (whole words, case-sensitive). Chosen
# so that what pages rightly show in Latin letters — codes (QXWY, 2024-330803-004), units (GWh, MW), file
# kinds (Excel, Word, PDF, xlsx), "API", names of firms — never trips it.
ENGLISH_UI_WORDS = (
    "Cockpit", "Project", "Projects", "Ledger", "Battle map", "Warning", "Warnings", "Indicator", "Indicators",
    "Problem", "Problems", "Reporting", "Safety", "Import", "Export", "Administration", "Overview", "Hazards",
    "Inspections", "Accidents", "Milestone", "Milestones", "Save", "Cancel", "Delete", "Edit", "Submit",
    "Approve", "Search", "Filter", "Filters", "Apply", "Reset", "Total", "Page", "Next", "Previous", "None",
    "null", "undefined", "NaN", "True", "False", "Login", "Log in", "Log out", "Logout", "Username", "Password",
    "Account", "Menu", "Language", "Status", "Region", "Platform", "Industry", "Department", "Year", "Month",
    "Date", "Level", "Details", "Download", "Upload", "Error", "required", "This field", "Select", "Choose",
    "Template", "Preview", "Draft", "Submitted", "Approved", "Returned", "Locked", "Unknown", "red", "yellow",
    "green", "as of", "Not found", "Forbidden", "Server Error", "Bad Request", "Change record", "Annual plan",
    "Completion", "Time elapsed", "English",
)  # fmt: skip
ENGLISH = re.compile(r"(?<![A-Za-z])(" + "|".join(re.escape(w) for w in ENGLISH_UI_WORDS) + r")(?![A-Za-z])")
# Elements that stick out past the viewport: the first few, for the message.
OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      let scroller = el.parentElement, clipped = false;
      while (scroller && scroller !== document.body) {
        const style = getComputedStyle(scroller);
        if (/(auto|scroll|hidden|clip)/.test(style.overflowX)) { clipped = true; break; }
        scroller = scroller.parentElement;
      }
      const name = typeof el.className === "string" ? el.className.trim() : "";
      const cls = name ? "." + name.split(/\\s+/).join(".") : "";
      const id = el.id ? "#" + el.id : "";
      if (!clipped) out.push(el.tagName.toLowerCase() + id + cls + " right=" + Math.round(box.right));
    }
    if (out.length >= 5) break;
  }
  return out;
}"""
CHARTS_DRAWN = "() => [...document.querySelectorAll('.chart')].every(c => c.querySelector('.main-svg'))"
# The visible text, without the language menu (each language is named in itself there).
VISIBLE_TEXT = """() => {
  const clone = document.body.cloneNode(true);
  clone.querySelectorAll("form.lang, script, template, [hidden]").forEach((el) => el.remove());
  const box = document.createElement("div");
  box.style.position = "absolute"; box.style.left = "-99999px"; box.style.width = "1200px";
  document.body.appendChild(box);
  box.appendChild(clone);
  const text = document.title + "\\n" + clone.innerText;
  box.remove();
  return text;
}"""


def _walk(patterns, prefix="", namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + str(p.pattern), p.namespace or namespace)
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern), f"{namespace}:{p.name}" if namespace else p.name


def url_pages() -> dict[str, str]:
    """URL name → route, for every page of the URLconf a person opens in a browser."""
    return {name: route for route, name in _walk(get_resolver().url_patterns) if not route.startswith(SKIP_PREFIXES)}


def _name_of(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def until(page, expression: str, seconds: float = 15) -> bool:
    """Whether `expression` (a function's source) turns true within the time. Polled from here: Playwright's
    wait_for_function evaluates a string inside the page, which the policy (no 'unsafe-eval') refuses."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            return False
        page.wait_for_timeout(100)
    return True


def test_every_page_is_either_opened_or_listed_with_a_reason():
    pages = url_pages()
    stale = sorted(set(NOT_PAGES) - set(pages))
    assert not stale, f"NOT_PAGES lists pages the URLconf no longer has: {stale}"
    assert {"projects:cockpit", "schedules:warnings", "indicators:board", "projects:project_detail"} <= set(pages)


@pytest.fixture(scope="module")
def logged_in(browser, server):
    """One chromium page for the module, logged in once as the city administrator `demo`."""
    from guatu.testing.server import logged_in_page

    context, page = logged_in_page(browser, server, {"width": 1440, "height": 900})
    yield page
    context.close()


def _upload_a_sheet(page, server, tmp_path) -> None:
    """An import previewed, never committed: the job page is a page too."""
    sheet = tmp_path / "plans.csv"
    rows = "项目代码,年份,年度计划投资(亿元),年内开工,年内投产\n2024-330802-001,2027,3.5,否,是\n"
    sheet.write_text(rows, encoding="utf-8")
    page.goto(f"{server}/imports/")
    page.set_input_files("input[name=file]", str(sheet))
    page.click("#upload button")
    page.wait_for_selector("#preview", timeout=30_000)


class Watch:
    """Console errors, page errors and failed requests of the page being checked."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", lambda m: self.problems.append(f"console: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        # net::ERR_ABORTED is chromium cancelling a request because the test moved on to the next page
        page.on("requestfailed", lambda r: None if "ERR_ABORTED" in (r.failure or "") else self.problems.append(
            f"request failed: {r.url} {r.failure}"))  # fmt: skip
        page.on("response", lambda r: self.problems.append(f"{r.status} {r.url}") if r.status >= 400 else None)

    def take(self) -> list[str]:
        taken, self.problems[:] = list(self.problems), []
        return taken


def _check(page, server, path: str, watch: Watch, width: int) -> list[str]:
    response = page.goto(server + path, wait_until="load")
    found = []
    if response is None or response.status != 200:
        found.append(f"answered {response.status if response else 'nothing'}")
    if page.locator(".chart").count() and not until(page, CHARTS_DRAWN):
        found.append("a chart was not drawn")
    page.wait_for_load_state("networkidle")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width + 1:
        found.append(f"{scroll_width} px wide at {width}: {page.evaluate(OVERFLOWING)}")
    found += watch.take()
    english = sorted(set(ENGLISH.findall(page.evaluate(VISIBLE_TEXT))))
    if english:
        found.append(f"English in the Chinese UI: {english}")
    return found


def test_every_page_reads_well_at_a_desk_and_on_a_phone(logged_in, server, tmp_path):
    page = logged_in
    started = time.monotonic()
    watch = Watch(page)
    _upload_a_sheet(page, server, tmp_path)
    watch.take()
    pages = url_pages()
    todo = {name: "/" + route for name, route in pages.items() if "<" not in route and name not in NOT_PAGES}
    todo["exchange:job"] = urlsplit(page.url).path
    reached: dict[str, str] = {}
    problems: dict[str, list[str]] = {}
    width, height = WIDTHS[0]
    page.set_viewport_size({"width": width, "height": height})
    while todo:
        name, path = todo.popitem()
        reached[name] = path
        found = _check(page, server, path, watch, width)
        if found:
            problems[f"{path} @{width}"] = found
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            parts = urlsplit(href)
            if parts.netloc != urlsplit(server).netloc:
                continue
            linked = _name_of(parts.path)
            if linked in pages and linked not in reached and linked not in todo and linked not in NOT_PAGES:
                todo[linked] = parts.path + (f"?{parts.query}" if parts.query and "<" in pages[linked] else "")
    width, height = WIDTHS[1]
    page.set_viewport_size({"width": width, "height": height})
    for path in reached.values():
        found = _check(page, server, path, watch, width)
        if found:
            problems[f"{path} @{width}"] = found
    unreached = sorted(set(pages) - set(reached) - set(NOT_PAGES))
    spent = time.monotonic() - started
    print(f"every page: {len(reached)} pages × {len(WIDTHS)} widths in {spent:.0f} s; not opened: {len(NOT_PAGES)}")
    report = "\n".join(f"{where}: {'; '.join(found)}" for where, found in sorted(problems.items()))
    assert not unreached, f"pages no link leads to (link them, or list them in NOT_PAGES with why): {unreached}"
    assert not problems, report
