"""Accident classes and award streaks — plain Python, no Django (tested without a database).

Accident classes follow 《生产安全事故报告和调查处理条例》(国务院令第493号, 2007), article 3:
特别重大 — 30 or more deaths, or 100 or more serious injuries, or a direct economic loss of 1亿元
or more; 重大 — 10–29 deaths, or 50–99 serious injuries, or 5000万–1亿元; 较大 — 3–9 deaths, or
10–49 serious injuries, or 1000万–5000万元; 一般 — below. "以上" includes the number, "以下" does
not: 10 deaths is 重大, 9 is 较大. The thresholds are data (`AccidentThreshold`, seeded by a
migration); this module only applies them: an accident is of the most severe class whose
threshold it reaches on ANY of the three measures.

Streaks: a unit's consecutive yearly awards (平安市/平安县) ending at a year, and 满堂红 — every
county of a city won that year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise


@dataclass(frozen=True)
class Threshold:
    """The least an accident of `accident_class` reaches on one of the measures (以上含本数).

    `rank` orders the classes, 1 the least severe. The least severe class is the floor: its
    figures are not thresholds (every accident is at least of that class)."""

    accident_class: str
    rank: int
    deaths: int
    serious_injuries: int
    direct_loss_wan: Decimal


# The State Council's thresholds (direct loss in 万元): what the migration seeds.
STATE_COUNCIL_2007 = (
    Threshold("general", 1, 0, 0, Decimal(0)),
    Threshold("larger", 2, 3, 10, Decimal(1000)),
    Threshold("major", 3, 10, 50, Decimal(5000)),
    Threshold("especially_major", 4, 30, 100, Decimal(10000)),
)


def threshold_errors(thresholds: Iterable[Threshold]) -> list[str]:
    """What is wrong with a set of thresholds (empty when they can classify): ranks 1..n without gaps,
    and each class above the floor needs more on every measure than the class below it."""
    ordered = sorted(thresholds, key=lambda t: t.rank)
    if not ordered:
        return ["no accident classes are defined"]
    errors = []
    if [t.rank for t in ordered] != list(range(1, len(ordered) + 1)):
        errors.append("the ranks must run 1, 2, 3 … without gaps or repeats")
    for lower, higher in pairwise(ordered[1:]):
        for measure in ("deaths", "serious_injuries", "direct_loss_wan"):
            if getattr(higher, measure) <= getattr(lower, measure):
                errors.append(f"{higher.accident_class}: {measure} must exceed {lower.accident_class}'s")
    for t in ordered[1:]:
        for measure in ("deaths", "serious_injuries", "direct_loss_wan"):
            if getattr(t, measure) <= 0:
                errors.append(f"{t.accident_class}: {measure} must be above zero")
    return errors


def classify(deaths: int, serious_injuries: int, direct_loss_wan: Decimal, thresholds: Iterable[Threshold]) -> str:
    """The class of an accident: the most severe whose threshold any measure reaches (else the floor)."""
    if deaths < 0 or serious_injuries < 0 or direct_loss_wan < 0:
        raise ValueError("deaths, serious injuries and direct loss cannot be negative")
    ordered = sorted(thresholds, key=lambda t: t.rank)
    if not ordered:
        raise ValueError("no accident classes are defined")
    for t in reversed(ordered[1:]):
        if deaths >= t.deaths or serious_injuries >= t.serious_injuries or direct_loss_wan >= t.direct_loss_wan:
            return t.accident_class
    return ordered[0].accident_class


def rank_of(accident_class: str, thresholds: Iterable[Threshold]) -> int:
    for t in thresholds:
        if t.accident_class == accident_class:
            return t.rank
    raise ValueError(f"unknown accident class {accident_class!r}")


# --- streaks ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Streak:
    """A unit's run of consecutive awards as it stands in `year`.

    `result` is this year's result (None: not decided yet); `count` the consecutive wins ending
    with this year when it was won, else with the year before; `next_ordinal` the award this year
    would be in the run if won (2024 after 18 wins 2006–2023 → 19, 十九连冠)."""

    year: int
    result: bool | None
    count: int
    first_year: int | None  # the first year of the run counted in `count`
    last_year: int | None  # the last year of that run

    @property
    def next_ordinal(self) -> int:
        """The place in the run this year's award takes (or took): 19 for the 19th in a row."""
        if self.result is True:
            return self.count
        if self.result is False:
            return 1
        return self.count + 1


def streak(results: Mapping[int, bool], year: int) -> Streak:
    """Consecutive wins ending at `year` (if decided and won) or at `year - 1`.

    A year without a recorded result breaks the run: nothing is assumed about it."""
    result = results.get(year)
    end = year if result is True else year - 1
    if result is False:
        return Streak(year, False, 0, None, None)
    count, y = 0, end
    while results.get(y) is True:
        count, y = count + 1, y - 1
    return Streak(year, result, count, (end - count + 1) if count else None, end if count else None)


def full_house(results: Mapping[str, bool | None], units: Iterable[str]) -> bool | None:
    """满堂红: every one of `units` won. False as soon as one did not; None while any is undecided."""
    units = list(units)
    if not units:
        return None
    values = [results.get(u) for u in units]
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 written as the article writes counts: 19 → 十九, 10 → 十, 20 → 二十, 21 → 二十一."""
    if not 1 <= n <= 99:
        raise ValueError(f"{n} is outside 1–99")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else DIGITS[tens] + "十")
    return head + (DIGITS[ones] if ones else "")
