"""The briefing's chart: the 序时进度 key stands clear of its own line and of every bar (measured in chromium)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.browser


def _chart_html(monkeypatch, completions: list[str], elapsed: str) -> str:
    from guatu.briefings import chart

    drawn = {}
    monkeypatch.setattr(chart, "html_to_png", lambda html, **kw: drawn.setdefault("html", html).encode())
    labels = ['省"千项万亿"工程项目', "省集中开工项目", "市重点项目"][: len(completions)]
    chart.completion_chart_png(labels, [Decimal(c) for c in completions], Decimal(elapsed))
    return drawn["html"]


@pytest.mark.parametrize("completions", [["142.3", "171.9", "111.0"], ["95.0", "90.0", "300.0"], ["91.7"]])
def test_the_elapsed_key_is_never_struck_through_or_over_a_bar(browser, monkeypatch, completions):
    html = _chart_html(monkeypatch, completions, "91.7")
    page = browser.new_page(viewport={"width": 720, "height": 300})
    try:
        page.set_content(html)
        key = page.eval_on_selector("#elapsed-key text", "e => e.getBoundingClientRect().toJSON()")
        assert page.text_content("#elapsed-key text") == "序时进度 91.7%"
        boxes = page.eval_on_selector_all("svg > line, svg > rect, svg > text",
                                          "els => els.map(e => e.getBoundingClientRect().toJSON())")  # fmt: skip
    finally:
        page.close()
    assert key["right"] <= 720 and key["top"] >= 0
    for box in boxes:  # the axis, the bars, their labels and the 序时进度 line itself
        apart = key["right"] <= box["left"] or box["right"] <= key["left"] or key["bottom"] <= box["top"] \
            or box["bottom"] <= key["top"]  # fmt: skip
        assert apart, (key, box)


def test_the_chart_renders_without_a_request():
    from guatu.briefings.chart import completion_chart_svg

    svg = completion_chart_svg(["市重点项目"], [Decimal("111.0")], Decimal("91.7"))
    assert "序时进度 91.7%" in svg and "111.0%" in svg and render_to_string("briefings/chart.html", {"svg": svg})
