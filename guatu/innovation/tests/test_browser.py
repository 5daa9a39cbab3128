"""The scorecard as a person sees it: Debian's chromium against the served demo."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_scorecard_page_shows_the_institutes_score_grade_and_chart(page, server):
    page.goto(f"{server}/innovation/")
    page.click('#platforms tr[data-code="QZ-ZYHG"] a[href$="/scorecard/2024/"]')
    page.wait_for_selector("#scorecard")
    assert page.inner_text("#total").startswith("104.31") and page.inner_text("#grade") == "优秀"
    talent = page.inner_text('#scorecard tr[data-measure="talent"]')
    for figure in ("148", "150", "98.7%", "19.73"):
        assert figure in talent
    assert page.locator("#scorecard tbody tr").count() == 8
    page.wait_for_selector("#scorecard-chart .main-svg")  # drawn by the app's own plotly, no inline script
    assert page.locator("#scorecard-chart .bars path").count() >= 8
    page.click('#scorecard tr[data-measure="papers"] a')  # drill down to the rows behind the actual
    page.wait_for_selector("#output-rows")
    assert "88" in page.inner_text("#output-rows tbody")
