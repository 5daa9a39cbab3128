"""The predecessor notation kept on templates and milestones: "land, start+30, 供地-5".

Each item is a milestone key, optionally followed by a signed lag in days. Keys are letters
(Chinese too), digits and underscores, starting with a letter; people never need to type them —
the milestone page picks predecessors by name and generates keys from names. The text form keeps
one plain field that the change record shows as it is.
"""

from __future__ import annotations

import functools
import re

from guatu.schedules.backward import LAG_MAX, Link

KEY_MAX = 32
KEY = re.compile(r"^[^\W\d_]\w*$")
_ITEM = re.compile(r"^\s*([^\W\d_]\w*)\s*(?:([+-])\s*(\d{1,9}))?\s*$")


def parse_links(text: str) -> tuple[Link, ...]:
    """Parse "a, b+30, c-5" (full-width commas too); ValueError names the bad item."""
    return _parse(text or "")


@functools.lru_cache(maxsize=4096)  # networks made from templates repeat the same few texts; the result is immutable
def _parse(text: str) -> tuple[Link, ...]:
    links = []
    for raw in filter(None, (part.strip() for part in re.split(r"[,，、]", text or ""))):
        match = _ITEM.match(raw)
        if not match:
            raise ValueError(f"“{raw}” is not a milestone key with an optional lag such as start+30")
        key, sign, days = match.groups()
        lag = int(days or 0) * (-1 if sign == "-" else 1)
        if not -LAG_MAX <= lag <= LAG_MAX:
            raise ValueError(f"“{raw}”: a lag must be from -{LAG_MAX} to {LAG_MAX} days")
        links.append(Link(key, lag))
    return tuple(links)


def format_links(links) -> str:
    """The canonical text of `links`: "land, start+30"."""
    return ", ".join(f"{link.predecessor}{f'{link.lag:+d}' if link.lag else ''}" for link in links)


def key_for(name: str, taken: set[str]) -> str:
    """A key made from a milestone's name (签约 → 签约, "Trial run" → Trial_run), unique among `taken`."""
    base = re.sub(r"\W+", "_", name.strip()).strip("_")[: KEY_MAX - 4]
    if not base or not KEY.match(base):
        base = f"m{base}" if base and base[0].isdigit() else "m"
    key, n = base, 1
    while key in taken or not KEY.match(key):
        n += 1
        key = f"{base}_{n}"
    return key
