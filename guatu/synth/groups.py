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


def _ints(column: Sequence[int | None]) -> np.ndarray:
    """A column of integers, None as 0."""
    return np.array([0 if v is None else v for v in column], dtype=np.int64)


def _start_month(start: dt.date | None) -> int:
    return -1 if start is None else start.year * 12 + start.month - 1


def group_sums(rows: Sequence[tuple]) -> dict[tuple, list[int]]:
    """Group key (year, list, region, platform, start year) → its values in `GROUP_VALUES` order, summed over
    `rows` (rollup rows as `guatu.rollups.facts.build` makes them)."""
    n = len(rows)
    if not n:
        return {}
    columns = list(zip(*rows, strict=True))
    year = _ints(columns[_YEAR])
    has_plan = np.array([v is not None for v in columns[_PLAN]], dtype=np.int64)
    plan = _ints(columns[_PLAN])
    started = np.array([_start_month(v) for v in columns[_START]], dtype=np.int64)
    has_start = started >= 0
    bucket = np.where(year != TIMELESS, year, np.where(has_start, started // 12, 0))
    ytd = np.empty((n, 12), dtype=np.int64)
    for m in MONTHS:
        ytd[:, m - 1] = _ints(columns[_YTD + m - 1])
    reported = _ints(columns[_REPORTED])
    values = np.empty((n, 4 + 4 * 12), dtype=np.int64)
    values[:, 0] = 1
    values[:, 1] = _ints(columns[_TOTAL])
    values[:, 2] = has_plan
    values[:, 3] = plan
    values[:, 4:16] = ytd
    values[:, 16:28] = (plan > 0)[:, None] & (12 * ytd < _M[None, :] * plan[:, None])
    values[:, 28:40] = has_plan.astype(bool)[:, None] & (((reported[:, None] >> (_M[None, :] - 1)) & 1) == 1)
    values[:, 40:52] = has_start[:, None] & (started[:, None] <= bucket[:, None] * 12 + _M[None, :] - 1)
    keys = np.stack([year, _ints(columns[_LIST]), _ints(columns[_REGION]), _ints(columns[_PLATFORM]), bucket], axis=1)
    unique, inverse = np.unique(keys, axis=0, return_inverse=True)
    order = np.argsort(inverse.ravel(), kind="stable")
    starts = np.searchsorted(inverse.ravel()[order], np.arange(len(unique)))
    sums = np.add.reduceat(values[order], starts, axis=0)
    return {tuple(key): total for key, total in zip(unique.tolist(), sums.tolist(), strict=True)}
