"""Template tags for the figures: the same half-up formatting as the CLI and the briefing."""

from __future__ import annotations

from django import template

from guatu.attraction.figures import RATES, Figures
from guatu.core.money import fmt_pct

register = template.Library()


@register.simple_tag
def rate(figures: Figures, name: str) -> str:
    """履约率 (performance), 落地率 (landing), 开工率 (start) or 投产率 (production): "37.5%", or "—"."""
    return fmt_pct(figures.rate(name))


@register.simple_tag
def reached_count(figures: Figures, name: str) -> int:
    return figures.reached(RATES[name])


@register.simple_tag
def band(figures: Figures, name: str) -> int:
    return figures.band(name)
