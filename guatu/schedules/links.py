"""The predecessor notation used by templates and milestones: "land, start+30, design-5".

Each item is a milestone key, optionally followed by a signed lag in days. Kept as text so an
administrator edits it in one field and the change record shows it plainly.
"""

from __future__ import annotations

import re

from guatu.schedules.backward import Link

_ITEM = re.compile(r"^\s*([A-Za-z][\w-]*?)\s*(?:([+-])\s*(\d+))?\s*$")


def parse_links(text: str) -> tuple[Link, ...]:
    """Parse "a, b+30, c-5"; raises ValueError naming the bad item."""
    links = []
    for raw in filter(None, (part.strip() for part in (text or "").replace("，", ",").split(","))):
        match = _ITEM.match(raw)
        if not match:
            raise ValueError(f"“{raw}” is not a milestone key with an optional lag such as start+30")
        key, sign, days = match.groups()
        lag = int(days or 0) * (-1 if sign == "-" else 1)
        links.append(Link(key, lag))
    return tuple(links)
