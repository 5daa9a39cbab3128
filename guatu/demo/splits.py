"""Deterministic splitting of a published total into plausible per-item integers.

The article publishes list totals; the demo needs per-project figures that add up to them
exactly. These helpers split an integer total by weights with no rounding drift.
"""

from __future__ import annotations

import random
from collections.abc import Sequence


def split_total(total: int, weights: Sequence[float]) -> list[int]:
    """Integers proportional to `weights` that sum to `total` exactly (largest remainders)."""
    if total < 0 or not weights or any(w <= 0 for w in weights):
        raise ValueError("need a non-negative total and positive weights")
    scale = sum(weights)
    raw = [total * w / scale for w in weights]
    parts = [int(r) for r in raw]
    short = total - sum(parts)
    by_remainder = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in by_remainder[:short]:
        parts[i] += 1
    return parts


def cumulative_curve(total: int, months: int, rng: random.Random) -> list[int]:
    """A non-decreasing month-by-month cumulative series ending exactly at `total`."""
    if months <= 0:
        return []
    increments = split_total(total, [rng.uniform(0.6, 1.4) for _ in range(months)]) if total else [0] * months
    series, running = [], 0
    for inc in increments:
        running += inc
        series.append(running)
    return series
