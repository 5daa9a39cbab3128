"""Plain-text tables for the CLI that line up with Chinese text (CJK characters are two columns wide)."""

from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int, right: bool) -> str:
    gap = " " * max(0, size - width(text))
    return gap + text if right else text + gap


def render(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """Columns sized to their widest cell; the columns in `right` are right-aligned (numbers)."""
    right = right or set()
    sizes = [max(width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]
    lines = [headers, *rows]
    out = ["  ".join(pad(cell, sizes[i], i in right) for i, cell in enumerate(line)).rstrip() for line in lines]
    out.insert(1, "  ".join("-" * s for s in sizes))
    return "\n".join(out)
