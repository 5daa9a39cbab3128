"""The briefing's chart: completion against 序时进度 per list, drawn as SVG and rendered to PNG by
chromium (the same renderer as the battle map's export), so Chinese labels use the CJK font."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string

from guatu.core.browser import BrowserUnavailable, html_to_png


def completion_chart_png(labels: list[str], completions: list[Decimal | None], elapsed: Decimal) -> bytes | None:
    """A PNG, or None when no chromium is installed (the briefing then goes without it)."""
    top = max([float(c) for c in completions if c is not None] + [float(elapsed), 100.0]) * 1.15
    bars = []
    width, height, left, bottom = 720, 300, 60, 250
    step = (width - left - 20) / max(1, len(labels))
    for i, (label, value) in enumerate(zip(labels, completions, strict=True)):
        v = float(value) if value is not None else 0.0
        h = v / top * (bottom - 20)
        bars.append({"x": left + i * step + step * 0.2, "w": step * 0.6, "y": bottom - h, "h": h, "label": label,
                     "value": "—" if value is None else f"{value.quantize(Decimal('0.1'))}%",
                     "cx": left + i * step + step / 2, "ahead": value is not None and value >= elapsed})  # fmt: skip
    line_y = bottom - float(elapsed) / top * (bottom - 20)
    html = render_to_string("briefings/chart.html", {"bars": bars, "line_y": line_y, "width": width,
                                                     "height": height, "left": left, "bottom": bottom,
                                                     "elapsed": elapsed.quantize(Decimal("0.1"))})  # fmt: skip
    try:
        return html_to_png(html, width=width, height=height)
    except BrowserUnavailable:
        return None
