"""The funds overview as a person sees it: Debian's chromium, driven by Playwright, against the served demo."""

import pytest

pytestmark = pytest.mark.browser

SENTENCE = (
    "今年以来，衢州市产业基金新增投资87亿元，撬动各类资本超300亿元；基金集群扩容115亿元，基金集群规模已达845亿元。"
)


def test_the_overview_shows_the_articles_figures_charts_and_drills_down(page, server):
    page.goto(f"{server}/funds/")
    assert SENTENCE in page.inner_text("#fund-sentences")
    figures = page.locator("#fund-figures")
    assert "845.00" in figures.locator('[data-figure="cluster_size"]').inner_text()
    assert "115.00" in figures.locator('[data-figure="cluster_growth"]').inner_text()
    assert "85.0%" in figures.locator('[data-figure="flagship_share"]').inner_text()
    for chart in ("#size-chart", "#industry-chart", "#checks-chart"):
        page.wait_for_selector(f"{chart} .main-svg")
    assert page.locator('#cluster-table tr[data-fund="ZJ-GDXCL"]').inner_text().count("100.0%") == 3
    page.click('[data-figure="new_investment"]')
    page.wait_for_selector("#investments")
    assert page.inner_text("#total-amount") == "870,000.00"
    assert page.locator("#investments tbody tr").count() == 23
