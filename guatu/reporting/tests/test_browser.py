"""A person's view of 报送情况: from the cockpit's 已报送 N / M to the page, at desk and phone widths."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_cockpit_count_leads_to_the_reporting_status_of_its_month(page):
    link = page.locator("#submission-count")
    assert link.inner_text() == "11月已报送 125 / 125"
    link.click()
    page.wait_for_selector("#by-county")
    assert "报送情况" in page.title() and "2024年11月" in page.inner_text("h1")
    assert page.inner_text("#kpi-reported .kpi-value") == "125 / 125"
    assert page.locator("#not-reported tbody tr").count() == 1  # "every expected project has reported"
    assert page.locator("script:not([src])").count() == 0


def test_the_open_month_shows_who_is_missing_and_fits_a_phone(page, server):
    page.goto(f"{server}/reporting/")
    page.wait_for_selector("#by-county")
    assert page.inner_text("#kpi-reported .kpi-value") == "26 / 125"
    assert page.locator("#not-reported tbody tr.overdue").count() == 99
    counties = [row.inner_text().split("\t")[0] for row in page.locator("#by-county tbody tr").all()]
    assert counties == ["柯城区", "衢江区"]
    page.set_viewport_size({"width": 390, "height": 844})
    # Wide tables scroll inside their card; the cards and the page body stay within the screen.
    widths = page.evaluate(
        "() => [...document.querySelectorAll('main > section')].map(s => s.getBoundingClientRect().right)"
    )
    assert max(widths) <= 390
    assert page.evaluate("() => [...document.querySelectorAll('table.grid')].every(t => t.closest('.scroll'))")
