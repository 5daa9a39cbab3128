"""导向化绩效评价: scoring a platform's outputs against the city's scheme. No Django.

A scheme is a list of indicators and grade bands; every number is the scheme's, none is written
here. Each indicator has a kind, a weight, a target and (bonus and deduction items) a cap:

- the ratio is actual ÷ target — kept exact, shown half-up to one decimal as a percentage;
- an item's score is ``min(weight × ratio, ceiling)``, rounded half-up to two decimals, where the
  ceiling is the weight for a normal item and the cap (default: the weight) for a bonus or a
  deduction item. So a normal item scores ``min(actual ÷ target, 1) × weight``; a bonus item
  gives ``weight`` points per target reached, up to its cap ("每获批1项加2分，最高加5分" is weight
  2, target 1, cap 5); a deduction item takes points the same way (it counts negative);
- **no target** (missing or 0): there is no ratio ("—"). A zero target asks for nothing, so any
  output meets it; the rule for both cases is therefore: the item scores its whole ceiling when
  the actual is above zero, and nothing when it is zero or not reported;
- **not reported** (actual missing): no credit (a normal or bonus item scores 0) and nothing is
  deducted; the item says so;
- the gap is what is still missing to reach the target (target − actual, never negative), for
  normal and bonus items with a target; the points short are ceiling − score;
- the total is Σ normal items + min(Σ bonus items, the scheme's bonus cap) − Σ deductions, never
  below 0 — so it stays within [0, Σ normal weights + bonus cap], and the normal weights may not
  add up to more than the full marks (100);
- the grade is the band with the highest minimum the total reaches (the total as shown, two
  decimals); no band reached → no grade.

Scores are rounded per item (what the scorecard prints), and the total is the sum of the printed
item scores, so every printed figure adds up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)
CENT = Decimal("0.01")
FULL_MARKS = HUNDRED

NORMAL, BONUS, DEDUCTION = "normal", "bonus", "deduction"
KINDS = (NORMAL, BONUS, DEDUCTION)


class SchemeError(ValueError):
    """A scheme that cannot score (its normal weights exceed the full marks, a negative weight …)."""


def half_up(value: Decimal, places: int = 2) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Indicator:
    """One line of a scheme. `key` names the actual it is scored on."""

    key: str
    kind: str
    weight: Decimal
    target: Decimal | None = None
    cap: Decimal | None = None
    label: str = ""

    @property
    def ceiling(self) -> Decimal:
        """The most points the item can give (or take): the weight, or a bonus/deduction item's cap."""
        if self.kind != NORMAL and self.cap is not None:
            return self.cap
        return self.weight


@dataclass(frozen=True)
class Band:
    name: str
    min_score: Decimal


@dataclass(frozen=True)
class Scheme:
    indicators: tuple[Indicator, ...]
    bands: tuple[Band, ...] = ()
    bonus_cap: Decimal = ZERO
    full_marks: Decimal = FULL_MARKS

    def check(self) -> None:
        """Raise `SchemeError` unless the scheme can score."""
        for item in self.indicators:
            if item.kind not in KINDS:
                raise SchemeError(f"{item.label or item.key}: unknown kind {item.kind!r}")
            if item.weight < 0 or (item.cap is not None and item.cap < 0):
                raise SchemeError(f"{item.label or item.key}: weight and cap cannot be negative")
            if item.target is not None and item.target < 0:
                raise SchemeError(f"{item.label or item.key}: the target cannot be negative")
        if self.bonus_cap < 0:
            raise SchemeError("the bonus cap cannot be negative")
        if self.normal_weights > self.full_marks:
            raise SchemeError(
                f"the normal indicators' weights add up to {self.normal_weights}, more than {self.full_marks}"
            )

    @property
    def normal_weights(self) -> Decimal:
        return sum((i.weight for i in self.indicators if i.kind == NORMAL), ZERO)


@dataclass(frozen=True)
class ItemScore:
    indicator: Indicator
    actual: Decimal | None
    ratio: Decimal | None  # actual ÷ target, exact; None without a target or an actual
    score: Decimal  # signed: a deduction is negative; two decimals
    gap: Decimal | None  # still needed to reach the target (normal and bonus items with a target)
    note: str = ""  # "no target", "not reported"

    @property
    def ratio_pct(self) -> Decimal | None:
        return None if self.ratio is None else self.ratio * HUNDRED

    @property
    def points_short(self) -> Decimal:
        """Points the item could still give (0 for a deduction: it can only take)."""
        return ZERO if self.indicator.kind == DEDUCTION else self.indicator.ceiling - self.score


@dataclass(frozen=True)
class Scorecard:
    items: tuple[ItemScore, ...]
    base: Decimal  # Σ normal items
    bonus_raw: Decimal  # Σ bonus items before the scheme's cap
    bonus: Decimal  # after the cap
    deductions: Decimal  # Σ deduction items, as a positive number
    total: Decimal
    grade: str | None
    warnings: tuple[str, ...] = field(default=())


def score_item(item: Indicator, actual: Decimal | None) -> ItemScore:
    """One indicator's ratio, score and gap (see the module docstring for the rules)."""
    sign = -1 if item.kind == DEDUCTION else 1
    if actual is None:
        return ItemScore(item, None, None, ZERO, _gap(item, ZERO), "not reported")
    if not item.target:
        points = item.ceiling if actual > 0 else ZERO
        return ItemScore(item, actual, None, sign * _printed(points, item), None, "no target")
    ratio = actual / item.target
    points = min(item.weight * ratio, item.ceiling) if actual > 0 else ZERO
    return ItemScore(item, actual, ratio, sign * _printed(points, item), _gap(item, actual))


def _printed(points: Decimal, item: Indicator) -> Decimal:
    """The points as the scorecard prints them (two decimals, half-up), never above the ceiling."""
    return min(half_up(points), item.ceiling)


def _gap(item: Indicator, actual: Decimal) -> Decimal | None:
    if item.kind == DEDUCTION or not item.target:
        return None
    return max(item.target - actual, ZERO)


def grade_of(total: Decimal, bands: Iterable[Band]) -> str | None:
    """The band with the highest minimum that `total` reaches; None when it reaches none."""
    reached = [b for b in bands if total >= b.min_score]
    return max(reached, key=lambda b: b.min_score).name if reached else None


def score(scheme: Scheme, actuals: Mapping[str, Decimal | None]) -> Scorecard:
    """Score `actuals` (by indicator key; a missing key is "not reported") under `scheme`."""
    scheme.check()
    items = tuple(score_item(i, actuals.get(i.key)) for i in scheme.indicators)
    base = sum((s.score for s in items if s.indicator.kind == NORMAL), ZERO)
    bonus_raw = sum((s.score for s in items if s.indicator.kind == BONUS), ZERO)
    bonus = min(bonus_raw, scheme.bonus_cap)
    deductions = -sum((s.score for s in items if s.indicator.kind == DEDUCTION), ZERO)
    total = max(base + bonus - deductions, ZERO)
    warnings = []
    if scheme.normal_weights != scheme.full_marks:
        warnings.append(f"the normal weights add up to {scheme.normal_weights}, not {scheme.full_marks}")
    if bonus_raw > bonus:
        warnings.append(f"bonus items give {bonus_raw}; the scheme counts at most {scheme.bonus_cap}")
    return Scorecard(items, base, bonus_raw, bonus, deductions, total, grade_of(total, scheme.bands), tuple(warnings))


def competition_ranks(totals: Sequence[tuple[str, Decimal]]) -> list[tuple[str, Decimal, int]]:
    """(key, total) pairs best first with ranks; ties share a rank and the next is skipped (1, 2, 2, 4).
    Equal totals keep the order given."""
    ordered = sorted(totals, key=lambda kv: -kv[1])
    out, previous, rank = [], None, 0
    for position, (key, total) in enumerate(ordered, start=1):
        if total != previous:
            rank, previous = position, total
        out.append((key, total, rank))
    return out
