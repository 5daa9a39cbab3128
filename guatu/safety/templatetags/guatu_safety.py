from django import template

register = template.Library()


@register.filter
def get_year(history: dict, year: int):
    """history[year] in a template (None when the year has no result)."""
    return history.get(year)
