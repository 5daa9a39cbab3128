"""保五争三拼第一: ranking units among their siblings, bands and the gap to a target rank. No Django.

Ranks are "competition" ranks: ties share a rank and the next rank is skipped (1, 2, 2, 4).
A unit with no figure is not ranked and is listed as missing. Direction-aware: for an indicator
where lower is better, the smallest figure ranks first.

The gap to a target rank is what it takes to reach the figure of the unit now holding that rank
(reaching it ties, and a tie shares the rank): by growth, the percentage points still needed and
what they mean in absolute terms (prior-year base × points ÷ 100); by level, the amount needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

HUNDRED = Decimal(100)
RANK_BY = ("growth", "level")


@dataclass(frozen=True)
class Entry:
    unit: str
    name: str
    value: Decimal | None
    growth: Decimal | None
    prior: Decimal | None = None  # the same period a year earlier, in the indicator's unit
    zone: bool = False  # a functional zone: it overlaps the districts and is never in their sum

    def prior_base(self) -> Decimal | None:
        """The stored prior-year value, else the one implied by value and growth."""
        if self.prior is not None:
            return self.prior
        if self.value is not None and self.growth is not None and self.growth != -HUNDRED:
            return self.value * HUNDRED / (HUNDRED + self.growth)
        return None


@dataclass(frozen=True)
class Ranked:
    entry: Entry
    rank: int
    key: Decimal


@dataclass(frozen=True)
class Ranking:
    by: str
    higher_is_better: bool
    ranked: list[Ranked]
    missing: list[Entry]

    def of(self, unit: str) -> Ranked | None:
        return next((r for r in self.ranked if r.entry.unit == unit), None)


def _key(entry: Entry, by: str) -> Decimal | None:
    if by == "growth":
        return entry.growth
    if by == "level":
        return entry.value
    raise ValueError(f"rank by 'growth' or 'level', not {by!r}")


def rank(entries: Iterable[Entry], by: str, higher_is_better: bool = True) -> Ranking:
    present, missing = [], []
    for entry in entries:
        key = _key(entry, by)
        (missing if key is None else present).append((key, entry))
    present.sort(key=lambda pair: (-pair[0] if higher_is_better else pair[0], pair[1].unit))
    ranked: list[Ranked] = []
    for position, (key, entry) in enumerate(present, start=1):
        tied = ranked and ranked[-1].key == key
        ranked.append(Ranked(entry, ranked[-1].rank if tied else position, key))
    return Ranking(by, higher_is_better, ranked, [entry for _key_, entry in missing])


BANDS = ("fight", "strive", "keep")  # 拼, 争, 保 — best first


@dataclass(frozen=True)
class Target:
    """A rank target (保, 争, 拼), e.g. (5, 3, 1)."""

    keep: int
    strive: int
    fight: int

    def ranks(self) -> dict[str, int]:
        return {"fight": self.fight, "strive": self.strive, "keep": self.keep}

    def band(self, position: int | None) -> str | None:
        """The best band the rank meets: "fight" (拼), "strive" (争), "keep" (保), or None."""
        if position is None:
            return None
        return next((name for name in BANDS if position <= self.ranks()[name]), None)

    def next_band(self, position: int | None) -> tuple[str, int] | None:
        """The nearest better band as (band, rank), or None at the top. When two bands share a
        rank, reaching it meets the better one: (2, 1, 1) from rank 2 is ("fight", 1)."""
        better = [r for r in set(self.ranks().values()) if position is None or r < position]
        if not better:
            return None
        needed = max(better)
        return self.band(needed), needed


@dataclass(frozen=True)
class Gap:
    target_rank: int
    holder: Entry | None  # who holds the target rank now (None when already there)
    points: Decimal  # percentage points of growth still needed (0 when there)
    amount: Decimal | None  # what that means in the indicator's unit

    @property
    def reached(self) -> bool:
        return self.holder is None


def gap_to_rank(ranking: Ranking, unit: str, target_rank: int) -> Gap:
    """What `unit` needs to reach `target_rank`."""
    own = ranking.of(unit)
    if own is None:
        raise ValueError(f"{unit} has no figure to rank")
    if own.rank <= target_rank or target_rank > len(ranking.ranked):
        return Gap(target_rank, None, Decimal(0), Decimal(0))
    holder = ranking.ranked[target_rank - 1]
    sign = 1 if ranking.higher_is_better else -1
    base = own.entry.prior_base()
    if ranking.by == "growth":
        points = (holder.key - own.key) * sign
        amount = base * points / HUNDRED if base is not None else None
    else:
        amount = (holder.key - own.key) * sign
        points = amount * HUNDRED / base if base else Decimal(0)
    return Gap(target_rank, holder.entry, points, amount)


@dataclass(frozen=True)
class Contribution:
    unit: str
    name: str
    value: Decimal | None
    growth: Decimal | None
    share: Decimal | None  # % of the parent's value
    points: Decimal | None  # contribution to the parent's growth, in percentage points
    rate: Decimal | None  # % of the parent's growth


def contributions(parent: Entry, children: Sequence[Entry]) -> list[Contribution]:
    """Each child's share of the parent, and its contribution to the parent's growth:
    points = (child − child's prior) ÷ parent's prior × 100; rate = points ÷ parent's growth × 100."""
    parent_base = parent.prior_base()
    rows = []
    for child in children:
        share = child.value * HUNDRED / parent.value if child.value is not None and parent.value else None
        child_base = child.prior_base()
        points = None
        if child.value is not None and child_base is not None and parent_base:
            points = (child.value - child_base) * HUNDRED / parent_base
        rate = points * HUNDRED / parent.growth if points is not None and parent.growth else None
        rows.append(Contribution(child.unit, child.name, child.value, child.growth, share, points, rate))
    return rows


def districts_sum(children: Sequence[Entry]) -> Decimal | None:
    """The districts' values added up (zones overlap them and are left out); None when a district
    has no figure or there is none."""
    values = [c.value for c in children if not c.zone]
    if not values or any(v is None for v in values):
        return None
    return sum(values, Decimal(0))


def mismatch_pct(parent: Entry, children: Sequence[Entry]) -> Decimal | None:
    """How far the districts' sum is from the parent's value, in % of the parent. Zones are never
    added: they cut across the districts. None when it cannot be told."""
    total = districts_sum(children)
    if parent.value in (None, 0) or total is None:
        return None
    return (total - parent.value) * HUNDRED / parent.value


def sum_entry(unit: str, name: str, children: Sequence[Entry]) -> Entry | None:
    """The districts with a figure, added up as one entry (value and prior-year value) — the base for
    shares and contributions when the parent publishes no figure of its own."""
    present = [c for c in children if not c.zone and c.value is not None]
    if not present:
        return None
    value = sum((c.value for c in present), Decimal(0))
    priors = [c.prior_base() for c in present]
    prior = sum(priors, Decimal(0)) if all(p is not None for p in priors) else None
    growth = (value - prior) * HUNDRED / prior if prior else None
    return Entry(unit, name, value, growth, prior)
