"""A person's view: Debian's chromium, driven by Playwright, against the served demo."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from guatu.testing.requirements import require

pytestmark = pytest.mark.browser


def test_a_cjk_font_is_installed_so_chinese_is_not_boxes():
    require(shutil.which("fc-list") is not None, "fontconfig")
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
    require(bool(fonts.strip()), "a CJK font")


def test_the_demo_cockpit_shows_the_articles_figures_after_login(page):
    table = page.locator("#progress-table")
    assert "驾驶舱" in page.title()
    assert "142.3%" in table.inner_text()
    rows = {row.get_attribute("data-list"): row.inner_text() for row in page.locator("#progress-table tbody tr").all()}
    assert "142.3%" in rows["QXWY"] and "230.50" in rows["QXWY"]
    assert "171.9%" in rows["JZKG"] and "57.20" in rows["JZKG"] and "145.73" in rows["JZKG"]
    assert "111.0%" in rows["SZD"] and "276.10" in rows["SZD"] and "113" in rows["SZD"]
    assert "今年" not in page.content()  # the year is named, not implied
    assert '衢州智造新城12个省"千项万亿"工程项目完成投资230.5亿元，完成年度目标任务的142.3%。' in page.inner_text(
        ".sentences"
    )


def test_lists_ahead_of_schedule_are_green(page):
    card = page.locator('.kpi[data-list="QXWY"]')
    assert "ahead" in card.get_attribute("class")
    colour = card.locator(".kpi-value").evaluate("el => getComputedStyle(el).color")
    assert colour == "rgb(27, 127, 59)"


def test_the_chart_is_drawn_from_the_local_plotly(page):
    page.wait_for_selector("#completion-chart .main-svg")
    assert page.locator("#completion-chart .bars path").count() == 3


def test_a_list_row_drills_into_its_projects(page):
    page.click('#progress-table tbody tr[data-list="JZKG"] td a')
    page.wait_for_selector("#ledger")
    assert page.locator("#ledger tbody tr").count() == 5
    assert "年产15万吨高端无机精细化学品项目" in page.inner_text("#ledger")


def test_english_is_one_click_away(page):
    page.select_option("select[name=language]", "en")
    page.wait_for_selector("text=Cockpit")
    assert "Ahead of schedule" in page.inner_text("#progress-table")
    page.select_option("select[name=language]", "zh-hans")


def test_the_report_form_adds_this_month_to_the_last_reports_totals(page, server):
    page.goto(f"{server}/projects/?q=正和")
    page.click("#ledger tbody tr td a")
    page.click("text=填报月报")
    assert page.input_value("#id_year") == "2024" and page.input_value("#id_month") == "12"
    page.fill("#id_invest_month", "1000.5")
    assert page.input_value("#id_invest_ytd") == "14500.50"  # 13,500 through November + 1,000.50
    assert page.input_value("#id_invest_cumulative") == "29500.50"
