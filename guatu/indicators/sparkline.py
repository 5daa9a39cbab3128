"""A tiny SVG polyline of a rank over the months (rank 1 at the top)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sparkline:
    width: int
    height: int
    points: str
    last: tuple[float, float] | None


def sparkline(ranks: list[int | None], of: int, width: int = 120, height: int = 28) -> Sparkline:
    known = [(i, r) for i, r in enumerate(ranks) if r is not None]
    if not known:
        return Sparkline(width, height, "", None)
    step = width / max(1, len(ranks) - 1)
    worst = max(of, 2)

    def xy(i: int, r: int) -> tuple[float, float]:
        return round(i * step, 1), round(2 + (r - 1) * (height - 4) / (worst - 1), 1)

    coords = [xy(i, r) for i, r in known]
    return Sparkline(width, height, " ".join(f"{x},{y}" for x, y in coords), coords[-1])
