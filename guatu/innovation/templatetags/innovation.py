"""Filters for the 科创平台 pages: figures, points and percentages, half-up like everywhere else."""

from __future__ import annotations

from decimal import Decimal

from django import template

from guatu.core.money import fmt_amount, fmt_pct

register = template.Library()


@register.filter
def figure(value) -> str:
    """A measure's figure: 269, 1,800.50 — whole numbers without decimals."""
    if value is None:
        return "—"
    value = Decimal(value)
    return fmt_amount(value, 0 if value == value.to_integral_value() else 2)


@register.filter
def points(value) -> str:
    """Points with two decimals: 104.31, 96.60."""
    return "—" if value is None else fmt_amount(Decimal(value), 2)


@register.filter
def ratio(value) -> str:
    """actual ÷ target × 100 as "98.7%", or "—" without a target."""
    return fmt_pct(value)


@register.filter
def get_figure(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def value_of(row, key):
    """A PlatformOutput's figure for a measure key."""
    return row.value(key) if row is not None else None
