"""The groups' sums of new rollup rows, computed with numpy: what `guatu.rollups.facts.group_of` gives, summed per
group — the same definition, in integer arrays (exact: int64 holds any province's sums in fen many times over).

`guatu synth` adds them to the stored groups with `facts.apply_groups`, instead of asking the database for the sums
of the rows it has just written (`facts.group_sums`, a query of fifty expressions per row).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np

from guatu.rollups.models import MONTHS, TIMELESS

# Positions in a rollup row (`guatu.rollups.models.COLUMNS` order).
_YEAR, _LIST, _REGION, _PLATFORM, _TOTAL, _START, _PLAN, _REPORTED, _YTD = 1, 2, 5, 6, 9, 10, 11, 12, 13
_M = np.arange(1, 13, dtype=np.int64)  # the months, as a row to broadcast against


def _column(rows: Sequence[tuple], index: int) -> np.ndarray:
    """A column of integers, None as 0."""
    return np.fromiter((row[index] or 0 for row in rows), dtype=np.int64, count=len(rows))


def _start_month(start: dt.date | None) -> int:
    return -1 if start is None else start.year * 12 + start.month - 1


def group_sums(rows: Sequence[tuple]) -> dict[tuple, list[int]]:
    """Group key (year, list, region, platform, start year) → its values in `GROUP_VALUES` order, summed over
    `rows` (rollup rows as `guatu.rollups.facts.build` makes them)."""
    n = len(rows)
    if not n:
        return {}
    year = _column(rows, _YEAR)
    has_plan = np.fromiter((row[_PLAN] is not None for row in rows), dtype=np.int64, count=n)
    plan = _column(rows, _PLAN)
    started = np.fromiter((_start_month(row[_START]) for row in rows), dtype=np.int64, count=n)
    has_start = started >= 0
    bucket = np.where(year != TIMELESS, year, np.where(has_start, started // 12, 0))
    ytd = np.empty((n, 12), dtype=np.int64)
    for m in MONTHS:
        ytd[:, m - 1] = _column(rows, _YTD + m - 1)
    reported = _column(rows, _REPORTED)
    values = np.empty((n, 4 + 4 * 12), dtype=np.int64)
    values[:, 0] = 1
    values[:, 1] = _column(rows, _TOTAL)
    values[:, 2] = has_plan
    values[:, 3] = plan
    values[:, 4:16] = ytd
    values[:, 16:28] = (plan > 0)[:, None] & (12 * ytd < _M[None, :] * plan[:, None])
    values[:, 28:40] = has_plan.astype(bool)[:, None] & (((reported[:, None] >> (_M[None, :] - 1)) & 1) == 1)
    values[:, 40:52] = has_start[:, None] & (started[:, None] <= bucket[:, None] * 12 + _M[None, :] - 1)
    keys = np.stack([year, _column(rows, _LIST), _column(rows, _REGION), _column(rows, _PLATFORM), bucket], axis=1)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    order = np.argsort(inverse.ravel(), kind="stable")
    starts = np.searchsorted(inverse.ravel()[order], np.arange(len(unique)))
    sums = np.add.reduceat(values[order], starts, axis=0)
    return {tuple(key): total for key, total in zip(unique.tolist(), sums.tolist(), strict=True)}
