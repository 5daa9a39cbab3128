"""A person's view of 招商引资 in Debian's chromium against the served demo: the figures, the funnel drawn
by the local plotly, and a figure that drills into the leads behind it."""

import pytest

pytestmark = pytest.mark.browser


def test_the_figures_page_draws_the_funnel_and_drills_into_the_signings(page, server):
    page.goto(f"{server}/attraction/?year=2024&through=11&region=&platform=")
    page.wait_for_selector("#funnel-chart .main-svg")
    assert page.locator("#funnel-chart .funnellayer g.point").count() == 10  # one per stage
    cards = page.inner_text("#attraction-cards")
    assert "16" in cards and "98.00" in cards and "122.5%" in cards and "6.3%" in cards
    assert "11月7日" not in page.inner_text("#attraction-sentences")
    assert "2024年产业资本招商大会" in page.inner_text("#events")
    page.click('[data-figure="signed-count"]')
    page.wait_for_selector("#leads")
    assert page.locator("#leads tbody tr").count() == 16
    page.click("text=安徽富锂锰基项目(龙理新能源)总部迁址龙游")
    page.wait_for_selector("#thresholds")
    assert "省市县三级联动" in page.inner_text(".facts") and page.inner_text("#lead-stage") == "注册"


def test_the_page_fits_a_phone(page, server):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{server}/attraction/?year=2024&through=11")
    page.wait_for_selector("#funnel-chart .main-svg")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
