"""The briefing's chart: completion of the annual target per project list against 序时进度, drawn as
SVG with Chinese labels and a percentage axis (0%, 50%, 100% …). The PDF embeds the SVG; the Word
file gets a PNG of it rendered by chromium (the same renderer as the battle map's export), so the
Chinese labels use the CJK font. No chromium: no PNG, and the Word file goes without the chart."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from guatu.core.browser import BrowserUnavailable, html_to_png
from guatu.core.money import round_half_up

WIDTH, HEIGHT, LEFT, RIGHT, TOP, BOTTOM = 720, 320, 64, 118, 28, 262


def _ticks(top: float) -> list[int]:
    """Round percentages up to `top`: steps of 25, 50 or 100 points, five or so of them."""
    step = next(s for s in (25, 50, 100, 200, 500, 1000) if top / s <= 6)
    return list(range(0, int(top) + 1, step))


def completion_chart_svg(labels: list[str], completions: list[Decimal | None], elapsed: Decimal) -> str:
    values = [float(c) for c in completions if c is not None]
    top = max([*values, float(elapsed), 100.0]) * 1.12
    ticks = _ticks(top)
    top = max(top, ticks[-1])

    def y(value: float) -> float:
        return round(BOTTOM - value / top * (BOTTOM - TOP), 1)

    step = (WIDTH - LEFT - RIGHT) / max(1, len(labels))
    bars = []
    for i, (label, value) in enumerate(zip(labels, completions, strict=True)):
        v = float(value) if value is not None else 0.0
        bars.append({"x": round(LEFT + i * step + step * 0.22, 1), "w": round(step * 0.56, 1), "y": y(v),
                     "h": round(BOTTOM - y(v), 1), "cx": round(LEFT + i * step + step / 2, 1), "label": label,
                     "value": "—" if value is None else f"{round_half_up(value, 1)}%",
                     "ahead": value is not None and value >= elapsed})  # fmt: skip
    return render_to_string("briefings/chart.svg", {
        "bars": bars, "ticks": [{"y": y(t), "label": f"{t}%"} for t in ticks], "line_y": y(float(elapsed)),
        "elapsed": round_half_up(elapsed, 1), "width": WIDTH, "height": HEIGHT, "left": LEFT, "right": WIDTH - RIGHT,
        "top": TOP, "bottom": BOTTOM, "axis": _("Completion (%)"), "elapsed_label": _("Time elapsed"),
    })  # fmt: skip


def completion_chart(
    labels: list[str], completions: list[Decimal | None], elapsed: Decimal
) -> tuple[str, bytes | None]:
    """The chart as SVG, and as a PNG when chromium is there (None otherwise)."""
    svg = completion_chart_svg(labels, completions, elapsed)
    html = render_to_string("briefings/chart.html", {"svg": svg})
    try:
        return svg, html_to_png(html, width=WIDTH, height=HEIGHT)
    except BrowserUnavailable:
        return svg, None


def completion_chart_png(labels: list[str], completions: list[Decimal | None], elapsed: Decimal) -> bytes | None:
    """A PNG, or None when no chromium is installed (the briefing then goes without it)."""
    return completion_chart(labels, completions, elapsed)[1]
