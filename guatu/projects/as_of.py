"""The "as of" day of warnings and the battle map.

By default the end of the latest reported month, so the demo (2024) reads as it stood then.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from guatu.projects.progress import latest_period


def parse_as_of(text: str | None, user=None) -> dt.date:
    """A date from "2024-11-30", or the default; ValueError names the bad text."""
    if text:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise ValueError(f"as of {text!r}: expected a date such as 2024-11-30") from None
    return default_as_of(user)


def default_as_of(user=None) -> dt.date:
    period = latest_period(user=user)
    today = timezone.localdate()
    return min(period.end, today) if period else today
