"""A person's view of the overview: Debian's chromium against the served demo."""

import pytest

pytestmark = pytest.mark.browser


def test_the_overview_shows_the_streak_the_threat_and_draws_its_charts(page, server):
    page.goto(f"{server}/safety/?year=2024&through=11&region=")
    page.wait_for_selector("#award-chart .main-svg")
    assert "十九连冠" in page.inner_text("#card-streak")
    assert "逾期12天未整改(市级挂牌督办)" in page.inner_text("#threats")
    row = page.locator('#county-table tbody tr[data-region="330803"]')
    assert "八连冠" in row.inner_text()
    assert page.locator("#hazard-chart .bars path").count() >= 2
    page.click('#county-table tbody tr[data-region="330803"] td:nth-child(7) a')  # overdue 重大 in 衢江区
    page.wait_for_selector("#hazards")
    assert page.locator("#hazards tbody tr").count() == 1 and "逾期12天" in page.inner_text("#hazards")
