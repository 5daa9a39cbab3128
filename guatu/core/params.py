"""Query parameters read strictly: a value out of range is an error naming the parameter and why.

Every page, API view, export and command that takes a day, a year, a month, a period or a number
from a query string reads it here, so that `?as_of=9999-12-31` is a 400 with a reason and never a
500 deep inside the arithmetic. `ParamError` becomes a 400: JSON `{"as_of": ["…"]}` from the API
(`api_exception_handler`), a short page from the web (`ParamErrorMiddleware`), a `CommandError`
in commands (they catch `ValueError`).

The sane calendar is one constant pair, `DATE_MIN`…`DATE_MAX` (2000-01-01…2100-12-31): every
date the product computes from stays far inside what Python and both databases can hold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2100, 12, 31)
YEAR_MIN, YEAR_MAX = DATE_MIN.year, DATE_MAX.year

_PERIOD = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")
_TRUE, _FALSE = {"1", "true", "yes", "on"}, {"0", "false", "no", "off", ""}


class ParamError(ValueError):
    """A query parameter that cannot be used: `name` is the parameter, `reason` says why."""

    def __init__(self, name: str, reason: str):
        self.name, self.reason = name, str(reason)
        super().__init__(f"{name}: {self.reason}")


def _range_reason() -> str:
    return _("must be between %(min)s and %(max)s") % {"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}


def check_date(day: dt.date, name: str = "date") -> dt.date:
    """`day` itself if it lies in the sane calendar, else ParamError."""
    if not DATE_MIN <= day <= DATE_MAX:
        raise ParamError(name, _("%(value)s is out of range: %(reason)s") % {"value": day, "reason": _range_reason()})
    return day


def parse_date(text: str, name: str = "date") -> dt.date:
    """A day written as YYYY-MM-DD, inside `DATE_MIN`…`DATE_MAX`."""
    try:
        day = dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise ParamError(name, _("“%(value)s” is not a date such as 2024-11-30") % {"value": text}) from None
    return check_date(day, name)


def parse_int(text: str, name: str, *, lo: int, hi: int) -> int:
    """A whole number from `lo` to `hi` (no decimals, no exponent)."""
    raw = str(text).strip()
    if not re.fullmatch(r"[+-]?\d+", raw):
        raise ParamError(name, _("“%(value)s” is not a whole number") % {"value": text})
    value = int(raw) if len(raw) <= 12 else (hi + 1 if raw[0] != "-" else lo - 1)  # no giant ints
    if not lo <= value <= hi:
        raise ParamError(name, _("%(value)s is out of range: must be from %(lo)s to %(hi)s") % {
            "value": raw, "lo": lo, "hi": hi})  # fmt: skip
    return value


def parse_year(text: str, name: str = "year") -> int:
    return parse_int(text, name, lo=YEAR_MIN, hi=YEAR_MAX)


def parse_month(text: str, name: str = "month") -> int:
    return parse_int(text, name, lo=1, hi=12)


def parse_period(text: str, name: str = "period") -> tuple[int, int]:
    """A month written as YYYY-MM (2024-11), its year inside the sane calendar."""
    match = _PERIOD.match(str(text or ""))
    if not match:
        raise ParamError(name, _("“%(value)s” is not a month such as 2024-11") % {"value": text})
    return parse_year(match.group(1), name), parse_month(match.group(2), name)


def parse_bool(text: str, name: str) -> bool:
    """1/true/yes/on or 0/false/no/off (or empty); anything else is an error, not a silent false."""
    value = str(text).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ParamError(name, _("“%(value)s” is not one of 1, 0, true, false") % {"value": text})


def parse_choice(text: str, name: str, choices: list[str] | tuple[str, ...]) -> str:
    if text not in choices:
        raise ParamError(name, _("“%(value)s” is not one of %(choices)s") % {"value": text,
                                                                            "choices": ", ".join(choices)})  # fmt: skip
    return text


def get(query: Mapping, name: str, parse, default=None, **kwargs):
    """`parse(query[name], name, **kwargs)`, or `default` when the parameter is absent or empty."""
    value = query.get(name)
    if value is None or str(value).strip() == "":
        return default
    return parse(value, name, **kwargs)


def validate_date_in_range(day: dt.date) -> None:
    """A Django validator (forms, models, DRF fields) for the sane calendar."""
    if day is not None and not DATE_MIN <= day <= DATE_MAX:
        raise DjangoValidationError(_range_reason(), code="date_range")


def validate_year(year: int) -> None:
    if year is not None and not YEAR_MIN <= year <= YEAR_MAX:
        raise DjangoValidationError(gettext_lazy("must be from %(lo)s to %(hi)s") % {"lo": YEAR_MIN, "hi": YEAR_MAX},
                                    code="year_range")  # fmt: skip


def year_filter(label=None, **kwargs):
    """A django-filter NumberFilter for a year that refuses years outside the sane calendar."""
    import django_filters

    return django_filters.NumberFilter(label=label or gettext_lazy("Year"), min_value=YEAR_MIN, max_value=YEAR_MAX,
                                       **kwargs)  # fmt: skip


def month_filter(label=None, **kwargs):
    import django_filters

    return django_filters.NumberFilter(label=label or gettext_lazy("Month"), min_value=1, max_value=12, **kwargs)


class ParamErrorMiddleware:
    """A ParamError escaping a page becomes a 400 page that names the parameter and the reason."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ParamError):
            return None
        body = render_to_string("bad_request.html", {"error": exception}, request=request)
        return HttpResponse(body, status=400)
