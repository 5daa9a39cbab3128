"""The look, measured in chromium: the phone's folding navigation, the chart labels (序时进度 never struck through
by its line, axes in Chinese), the warnings summary's group names (whole, on one line at a desk), the cockpit
printed on A4 without navigation, the favicon, and the API's documentation under the policy."""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

from guatu.core.tests.test_every_page_browser import until

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESK = {"width": 1440, "height": 900}


def _boxes(page, selector: str) -> list[dict]:
    return page.eval_on_selector_all(selector, "els => els.map(e => e.getBoundingClientRect().toJSON())")


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def test_on_a_phone_the_navigation_folds_behind_the_menu_button(page, server):
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/warnings/")
    toggle = page.locator(".nav-toggle")
    assert toggle.is_visible() and toggle.inner_text().strip() == "菜单"
    assert not page.locator("#topnav").is_visible()
    bar = page.locator("#topbar").bounding_box()
    assert bar["height"] < 60  # one line: the brand and the button, nothing wraps over the logo
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    links = page.locator("#topnav nav a")
    assert links.first.is_visible() and links.count() >= 10
    for box in _boxes(page, "#topnav nav a"):
        assert box["right"] <= 390 and box["width"] >= 100 and box["height"] >= 36  # fingers, not characters
    page.keyboard.press("Escape")
    assert not page.locator("#topnav").is_visible()
    page.set_viewport_size(DESK)
    assert not toggle.is_visible() and page.locator("#topnav nav").is_visible()
    assert page.locator("#topbar").bounding_box()["height"] < 70


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1440", "390"])
def test_the_elapsed_label_sits_above_its_line_clear_of_the_bars(page, server, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{server}/")
    page.wait_for_selector("#completion-chart .main-svg")
    label = page.locator("#completion-chart .annotation-text")
    assert re.sub(r"\s+", " ", label.text_content()) in ("序时进度 91.7%", "序时进度91.7%")
    text = label.bounding_box()
    (line,) = _boxes(page, "#completion-chart .shapelayer path")
    assert text["y"] + text["height"] <= line["top"] + 0.5, (text, line)  # above the line, not across it
    bars = _boxes(page, "#completion-chart .bars .point path")
    assert len(bars) == 3
    box = {"left": text["x"], "right": text["x"] + text["width"], "top": text["y"],
           "bottom": text["y"] + text["height"]}  # fmt: skip
    assert not any(_overlap(box, bar) for bar in bars)
    chart = page.locator("#completion-chart").bounding_box()
    assert chart["x"] + chart["width"] <= viewport["width"]
    ticks = _boxes(page, "#completion-chart .xtick text")
    right = chart["x"] + chart["width"] + 1
    assert len(ticks) == 3 and all(t["right"] <= right and t["left"] >= chart["x"] for t in ticks)


def test_the_charts_speak_chinese_dates_and_numbers(page, server):
    page.set_viewport_size(DESK)
    page.goto(f"{server}/projects/2024-330803-004/")
    page.wait_for_selector("#project-chart .main-svg")
    months = page.eval_on_selector_all("#project-chart .xtick text", "els => els.map(e => e.textContent)")
    assert months and all(re.fullmatch(r"2024年\d{1,2}月", m) for m in months), months
    amounts = page.eval_on_selector_all("#project-chart .ytick text", "els => els.map(e => e.textContent)")
    assert "100,000" in amounts and not any(re.search(r"[a-zA-Z]", a) for a in amounts), amounts
    assert page.locator("#project-chart .ytitle").text_content() == "万元"
    page.goto(f"{server}/indicators/drill/")
    page.wait_for_selector("#contribution-chart .main-svg")
    assert "百分点" in page.locator("#contribution-chart .ytitle").text_content()
    modebar = page.eval_on_selector_all("#contribution-chart .modebar-btn", "els => els.map(e => e.dataset.title)")
    assert "下载图片(PNG)" in modebar and not any("Download" in (t or "") for t in modebar)


def _warning_groups(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#warning-summary td.group",
        """cells => cells.map(cell => {
        const range = document.createRange(); range.selectNodeContents(cell);
        const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
        const next = cell.nextElementSibling.getBoundingClientRect();
        const box = cell.getBoundingClientRect();
        return {text: cell.textContent, lines: tops.size, clipped: cell.scrollWidth > cell.clientWidth,
                right: box.right, nextLeft: next.left, bottom: box.bottom, nextTop: next.top};
    })""",
    )


def test_the_warnings_summary_shows_each_group_name_whole(page, server):
    page.set_viewport_size(DESK)
    page.goto(f"{server}/warnings/")
    groups = _warning_groups(page)
    assert [g["text"] for g in groups] == ['省"千项万亿"工程项目', "省集中开工项目", "市重点项目"]
    for g in groups:
        assert g["lines"] == 1 and not g["clipped"] and g["right"] <= g["nextLeft"] + 0.5, g
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/warnings/")
    for g in _warning_groups(page):  # a card per group: the name is its title, the counts below it
        assert not g["clipped"] and g["right"] <= 390 and g["bottom"] <= g["nextTop"] + 0.5, g


def test_at_a_desk_the_warning_tables_cells_stand_under_their_headings(page, server):
    page.set_viewport_size(DESK)
    page.goto(f"{server}/warnings/")
    misplaced = page.evaluate(
        """() => [...document.querySelectorAll('#warning-summary, #warning-list')].flatMap(table => {
        const heads = [...table.querySelectorAll('thead th')].map(th => th.getBoundingClientRect().left);
        return [...table.querySelectorAll('tbody tr')].flatMap(tr => [...tr.children].map((td, i) =>
            ({table: table.id, cell: td.textContent.trim().slice(0, 20), left: td.getBoundingClientRect().left,
              heading: heads[i]})).filter(c => Math.abs(c.left - c.heading) > 1));
    })"""
    )
    assert misplaced == []


def test_the_cockpit_prints_on_a4_without_navigation_and_with_its_chart_whole(page, server):
    from pypdf import PdfReader

    page.set_viewport_size(DESK)
    page.goto(f"{server}/")
    page.wait_for_selector("#completion-chart .main-svg")
    page.emulate_media(media="print")
    fits_the_paper = "() => document.querySelector('#completion-chart .main-svg').getBoundingClientRect().width <= 703"
    assert until(page, fits_the_paper)
    pdf = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True, print_background=True)))
    page.emulate_media(media="screen")
    assert all((round(float(p.mediabox.width)), round(float(p.mediabox.height))) == (595, 842) for p in pdf.pages)
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in pdf.pages))  # 工, not ⼯
    for expected in ("驾驶舱", "衢州智造新城", "142.3%", "完成率与序时进度", "序时进度 91.7%", "市重点项目"):
        assert expected in text, expected
    for navigation in ("项目库", "挂图作战", "存在问题", "退出", "查询", "生成简报", "导出"):
        assert navigation not in text, navigation
    pages = [unicodedata.normalize("NFKC", p.extract_text()) for p in pdf.pages]
    chart_text = next(p for p in pages if "完成率与序时进度" in p)
    for label in ('省"千项万亿"工程项目', "省集中开工项目", "市重点项目", "171.9%", "200%"):
        assert label in chart_text, label  # the whole chart, on one page


def test_no_page_asks_for_a_missing_favicon(page, server):
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.goto(f"{server}/warnings/")
    page.wait_for_load_state("networkidle")
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(f"{server}{icon}").headers["content-type"].startswith("image/svg+xml")
    answered = page.request.get(f"{server}/favicon.ico")
    assert answered.ok and answered.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")
    assert not failures


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["1440", "390"])
def test_the_api_docs_and_root_run_under_the_policy(page, server, viewport):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.set_viewport_size(viewport)
    response = page.goto(f"{server}/api/docs/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector(".swagger-ui .opblock-tag", timeout=30_000)
    # one section per resource (projects, monthly-reports, safety …); Swagger UI draws those in view
    seen: set[str] = set()
    for _ in range(200):
        seen.update(page.locator(".swagger-ui .opblock-tag").all_inner_texts())
        if len(seen) >= 30:
            break
        page.mouse.wheel(0, 600)
        page.wait_for_timeout(100)
    assert len(seen) >= 30, seen
    page.evaluate("window.scrollTo(0, 0)")
    assert page.locator(".swagger-ui .opblock").count() >= 5
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1
    page.goto(f"{server}/api/v1/")
    page.wait_for_load_state("networkidle")
    assert "safety/hazards/{id}/transition" in page.inner_text("body")
    assert not problems, problems
