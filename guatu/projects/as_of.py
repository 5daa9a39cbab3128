"""The "as of" day of warnings and the battle map.

By default the end of the latest reported month, so the demo (2024) reads as it stood then.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from guatu.core.params import parse_date
from guatu.projects.progress import latest_period


def parse_as_of(text: str | None, user=None) -> dt.date:
    """A date from "2024-11-30" (2000–2100), or the default; ParamError (a ValueError) says why not."""
    if text:
        return parse_date(text, "as_of")
    return default_as_of(user)


def default_as_of(user=None) -> dt.date:
    period = latest_period(user=user)
    today = timezone.localdate()
    return min(period.end, today) if period else today
