"""Template filters for figures: the same half-up formatting as the CLI and the briefing."""

from __future__ import annotations

from decimal import Decimal

from django import template

from guatu.core.money import fmt_amount, fmt_money, fmt_pct, ratio_pct

register = template.Library()


@register.filter
def yi(wan, places: int = 2):
    """万元 → 亿元 text: {{ row.ytd_actual|yi }} → "230.50"."""
    return fmt_money(_number(wan), "yi", int(places))


def _number(value):
    """A figure for the filters: a Decimal or int as it is; "" (a missing variable) or None → None."""
    if value is None or value == "":
        return None
    return value if isinstance(value, Decimal | int) else Decimal(str(value))


@register.filter
def money(wan, unit: str = "yi"):
    return fmt_money(_number(wan), unit, 2)


@register.filter
def wan(value, places: int = 2):
    return fmt_amount(_number(value), int(places))


@register.filter
def pct(value, places: int = 1):
    """An unrounded percentage → "142.3%" (half-up), or "—"."""
    return fmt_pct(_number(value), int(places))


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (for sort and page links)."""
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    return params.urlencode()


@register.simple_tag
def completion(ytd, plan):
    """A project's completion of its annual plan, "—" without a plan."""
    return fmt_pct(ratio_pct(ytd or 0, plan))


@register.simple_tag
def inline_static(path: str):
    """A static file's text, for self-contained documents (the PDF is printed from HTML with no server)."""
    from django.contrib.staticfiles import finders
    from django.utils.safestring import mark_safe

    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path!r} not found")
    with open(found, encoding="utf-8") as fh:
        return mark_safe(fh.read())


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }}: a dict lookup with a variable key."""
    value = mapping.get(key) if mapping else None
    return getattr(value, "pk", value)
