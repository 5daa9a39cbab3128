"""The "as of" day of warnings and the battle map.

By default the end of the default month (`guatu.reporting.defaults`: the latest closed reporting
month), so the demo (2024) reads as it stood on 2024-11-30.
"""

from __future__ import annotations

import datetime as dt

from guatu.core.params import parse_date
from guatu.reporting.defaults import default_as_of


def parse_as_of(text: str | None, user=None) -> dt.date:
    """A date from "2024-11-30" (2000–2100), or the default; ParamError (a ValueError) says why not."""
    if text:
        return parse_date(text, "as_of")
    return default_as_of(user)
