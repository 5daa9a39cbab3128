"""A person's view of the indicator pages: Debian's chromium against the served demo."""

import pytest

pytestmark = pytest.mark.browser


def test_the_province_drill_down_draws_its_chart_in_chinese(page, server):
    """Found: an empty chart for the province, its axis titled "pp"."""
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{server}/indicators/drill/")
    page.select_option("#id_unit", label="浙江省")
    page.click("form.filters button.primary")
    page.wait_for_selector("#contribution-chart .main-svg")
    assert page.locator("#contribution-chart .bars path").count() == 11
    assert page.text_content("#contribution-chart .g-ytitle") == "拉动增长（百分点）"
    ticks = page.locator("#contribution-chart .ytick text").all_text_contents()
    assert ticks and all(t.replace(".", "").replace("−", "").isdigit() for t in ticks), ticks  # 0.50, not "500m"
    assert "浙江省本期无本级数据" in page.inner_text("#shares-of-sum")
    assert errors == []


def test_the_rank_page_toggles_level_and_zones(page, server):
    page.goto(f"{server}/indicators/rank/")
    page.select_option("#id_parent", label="衢州市")
    page.click("form.filters button.primary")
    page.wait_for_selector("#zones-left-out")
    page.click("#ranking-toggles [data-by=level]")
    page.wait_for_url("**by=level**")
    page.click("#ranking-toggles [data-zones='1']")
    page.wait_for_selector("#ranking tr.zone")
    assert page.locator("#ranking tbody tr").first.get_attribute("data-unit") == "ZZXC"
    assert "按总量排名" in page.inner_text("#ranking-basis")
