"""The groups' sums synth computes with numpy are what `facts.group_of` gives, row by row, summed."""

import datetime as dt
import random

from guatu.rollups.facts import Deltas, group_of
from guatu.rollups.models import OVERALL, TIMELESS
from guatu.synth.groups import group_sums


def random_rows(n: int, seed: int) -> list[tuple]:
    """Rollup rows with every case `group_of` tells apart: no plan, a zero plan, no start, a timeless row, months
    with no YTD, YTDs just below and at the pace, large amounts."""
    rng = random.Random(seed)
    rows = []
    for pid in range(1, n + 1):
        start = rng.choice([None, dt.date(rng.randint(2019, 2025), rng.randint(1, 12), rng.randint(1, 28))])
        year = rng.choice([TIMELESS, 2023, 2024])
        plan = rng.choice([None, 0, 1200, rng.randint(1, 10**12)])
        ytd = [rng.choice([None, 0, rng.randint(0, 2 * plan if plan else 10**6)]) for _m in range(12)]
        if plan:
            ytd[rng.randrange(12)] = plan * (rng.randrange(12) + 1) // 12  # exactly at the pace: not lagging
        rows.append((pid, year, rng.choice([OVERALL, 7, 8]), f"C{pid}", "n", rng.choice([1, 2]), rng.choice([0, 5]),
                     0, 0, rng.randint(0, 10**13), start, plan, rng.randrange(1 << 12), *ytd))  # fmt: skip
    return rows


def test_the_numpy_sums_equal_group_of_summed_row_by_row():
    rows = random_rows(3000, seed=3)
    expected = Deltas()
    for row in rows:
        expected.add_one(*group_of(row))
    found = group_sums(rows)
    assert len(found) == len(expected) > 50
    assert found == dict(expected)


def test_no_rows_make_no_groups():
    assert group_sums([]) == {}
