"""Template filters of the funds pages."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext as _

from guatu.core.money import DASH, fmt_amount

register = template.Library()


@register.filter
def times(value, places: int = 2):
    """A multiple (leverage, 返投) → "3.54倍", or "—" without a denominator."""
    if value is None:
        return DASH
    return _("%(value)s×") % {"value": fmt_amount(value, int(places))}
