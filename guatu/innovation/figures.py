"""The 科创平台 figures every way out shares (pages, API, CLI, briefing): a platform's outputs per
year and since founding, its scorecard under the city's scheme, the ranking, the year-on-year view.

Reads start from what the user may see; the scoring itself is `guatu.innovation.scoring` (pure).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from guatu.core.money import pct_str, ratio_pct
from guatu.innovation import measures, scoring
from guatu.innovation.choices import Basis, IndicatorKind
from guatu.innovation.models import (
    EvaluationScheme,
    GradeBand,
    InnovationPlatform,
    PlatformOutput,
    SchemeIndicator,
)

ZERO = Decimal(0)


def _str(value: Decimal | None, places: int = 2) -> str | None:
    return None if value is None else str(scoring.half_up(value, places))


def _plain(value: Decimal | None, money: bool = False) -> str | None:
    """A measure's figure as machine text: money with two decimals ("3000.00"), a whole count as
    a whole number ("148"), anything else with two decimals."""
    if value is None:
        return None
    if not money and value == value.to_integral_value():
        return str(int(value))
    return _str(value)


# --- outputs ----------------------------------------------------------------------------------


@dataclass
class Figure:
    """One measure's figure and the output rows it comes from."""

    key: str
    value: Decimal | None
    years: list[int]  # the years whose rows make it
    lower_bound: bool = False  # some row says the figure is a lower bound (余)

    @property
    def measure(self) -> measures.Measure:
        return measures.measure(self.key)


def annual(outputs: dict[int, PlatformOutput], key: str, year: int) -> Figure:
    row = outputs.get(year)
    value = row.value(key) if row is not None else None
    return Figure(key, value, [year] if value is not None else [], bool(row and key in row.lower_bound_keys))


def cumulative(outputs: dict[int, PlatformOutput], key: str, through: int) -> Figure:
    """Σ of the reported figures up to `through`; None when no year reported it."""
    rows = [(y, r) for y, r in sorted(outputs.items()) if y <= through and r.value(key) is not None]
    if not rows:
        return Figure(key, None, [])
    total = sum((r.value(key) for _y, r in rows), ZERO)
    return Figure(key, total, [y for y, _r in rows], any(key in r.lower_bound_keys for _y, r in rows))


def figure(outputs: dict[int, PlatformOutput], key: str, basis: str, year: int) -> Figure:
    return cumulative(outputs, key, year) if basis == Basis.CUMULATIVE else annual(outputs, key, year)


def outputs_of(platforms: Iterable[InnovationPlatform]) -> dict[int, dict[int, PlatformOutput]]:
    """platform id → year → output row, one query."""
    by_platform: dict[int, dict[int, PlatformOutput]] = defaultdict(dict)
    for row in PlatformOutput.objects.filter(platform__in=[p.pk for p in platforms]).order_by("year"):
        by_platform[row.platform_id][row.year] = row
    return by_platform


# --- scorecards -------------------------------------------------------------------------------


def schemes_for(year: int) -> dict[int, EvaluationScheme]:
    """platform type id → the year's scheme, with its indicators and bands, in three queries."""
    schemes = EvaluationScheme.objects.filter(year=year).select_related("platform_type").prefetch_related(
        Prefetch("indicators", SchemeIndicator.objects.order_by("order", "pk")),
        Prefetch("bands", GradeBand.objects.order_by("-min_score")),
    )  # fmt: skip
    return {s.platform_type_id: s for s in schemes}


@dataclass
class Line:
    """One line of a scorecard: the indicator, where its actual comes from, and its score."""

    indicator: SchemeIndicator
    figure: Figure
    item: scoring.ItemScore

    def as_json(self) -> dict:
        i, item = self.indicator, self.item
        money = measures.measure(i.measure).money
        return {
            "measure": i.measure,
            "label": i.label,
            "unit": i.unit,
            "basis": i.basis,
            "kind": i.kind,
            "weight": _str(i.weight),
            "cap": _str(i.cap),
            "actual": _plain(item.actual, money),
            "actual_is_lower_bound": self.figure.lower_bound,
            "years": self.figure.years,
            "target": _plain(i.target, money),
            "ratio_pct": pct_str(item.ratio_pct),
            "score": _str(item.score),
            "gap": _plain(item.gap, money),
            "points_short": _str(item.points_short),
            "note": item.note,
        }


@dataclass
class Scorecard:
    """A platform's scorecard for a year; `scheme` None when the city has set none for its type."""

    platform: InnovationPlatform
    year: int
    scheme: EvaluationScheme | None
    lines: list[Line] = field(default_factory=list)
    card: scoring.Scorecard | None = None
    error: str = ""  # a scheme that cannot score says why
    outputs: dict[int, PlatformOutput] = field(default_factory=dict)  # year → row: what the figures come from

    @property
    def total(self) -> Decimal | None:
        return self.card.total if self.card else None

    @property
    def grade(self) -> str | None:
        return self.card.grade if self.card else None

    @property
    def grade_class(self) -> str:
        """A CSS class by the grade's place among the scheme's bands: grade-0 is the best band."""
        if not self.card or self.card.grade is None or self.scheme is None:
            return "grade-none"
        names = [b.name for b in sorted(self.scheme.bands.all(), key=lambda b: -b.min_score)]
        return f"grade-{min(names.index(self.card.grade), 3)}"

    def as_json(self) -> dict:
        card = self.card
        return {
            "platform": self.platform.name,
            "code": self.platform.code,
            "platform_type": self.platform.platform_type.name,
            "year": self.year,
            "scheme": self.scheme.name if self.scheme else None,
            "error": self.error or None,
            "outputs": [line.as_json() for line in self.lines],
            "base": _str(card.base) if card else None,
            "bonus": _str(card.bonus) if card else None,
            "bonus_before_cap": _str(card.bonus_raw) if card else None,
            "deductions": _str(card.deductions) if card else None,
            "total": _str(card.total) if card else None,
            "grade": card.grade if card else None,
            "bands": [{"name": b.name, "min_score": _str(b.min_score)} for b in self.scheme.bands.all()]
            if self.scheme else [],
            "warnings": list(card.warnings) if card else [],
        }  # fmt: skip


def scorecard_for(
    platform: InnovationPlatform, year: int, outputs: dict[int, PlatformOutput], scheme: EvaluationScheme | None
) -> Scorecard:
    """Score one platform's outputs under the scheme (no query when both are loaded)."""
    result = Scorecard(platform, year, scheme, outputs=outputs)
    if scheme is None:
        return result
    indicators = list(scheme.indicators.all())
    figures = {i.pk: figure(outputs, i.measure, i.basis, year) for i in indicators}
    try:
        card = scoring.score(scheme.as_scoring(), {str(pk): f.value for pk, f in figures.items()})
    except scoring.SchemeError as exc:
        result.error = str(exc)
        return result
    result.card = card
    result.lines = [Line(i, figures[i.pk], item) for i, item in zip(indicators, card.items, strict=True)]
    return result


def scorecard(platform: InnovationPlatform, year: int) -> Scorecard:
    """The platform's scorecard for `year` (the caller has checked the user may see the platform)."""
    return scorecard_for(platform, year, outputs_of([platform])[platform.pk], schemes_for(year).get(
        platform.platform_type_id))  # fmt: skip


# --- ranking ----------------------------------------------------------------------------------


@dataclass
class RankRow:
    card: Scorecard
    rank: int | None = None  # among the platforms of its type the user sees
    previous: Scorecard | None = None
    previous_rank: int | None = None

    @property
    def platform(self) -> InnovationPlatform:
        return self.card.platform

    @property
    def change(self) -> Decimal | None:
        """Points gained on last year's total (each under its own year's scheme)."""
        if self.previous is None or self.previous.total is None or self.card.total is None:
            return None
        return self.card.total - self.previous.total

    def as_json(self) -> dict:
        return {
            "rank": self.rank,
            "platform": self.platform.name,
            "code": self.platform.code,
            "region": self.platform.region.name,
            "total": _str(self.card.total),
            "grade": self.card.grade,
            "previous_total": _str(self.previous.total) if self.previous else None,
            "previous_rank": self.previous_rank,
            "change": _str(self.change),
            "note": self.card.error or (None if self.card.scheme else "no scheme for this type and year"),
        }


@dataclass
class RankGroup:
    platform_type: object
    scheme: EvaluationScheme | None
    rows: list[RankRow]

    def as_json(self) -> dict:
        return {
            "platform_type": self.platform_type.name,
            "scheme": self.scheme.name if self.scheme else None,
            "rows": [r.as_json() for r in self.rows],
        }


def _ranked(cards: list[Scorecard]) -> dict[int, int]:
    scored = [(str(c.platform.pk), c.total) for c in cards if c.total is not None]
    return {int(key): rank for key, _total, rank in scoring.competition_ranks(scored)}


def ranking(platforms: Iterable[InnovationPlatform], year: int) -> list[RankGroup]:
    """The platforms grouped by type (schemes differ by type, so totals compare only within one),
    best first, with last year's total and rank beside. Platforms without a score come last."""
    platforms = list(platforms)
    outputs = outputs_of(platforms)
    schemes, last_year = schemes_for(year), schemes_for(year - 1)
    groups: dict[int, list[InnovationPlatform]] = defaultdict(list)
    for p in platforms:
        groups[p.platform_type_id].append(p)
    out = []
    for members in groups.values():
        type_id = members[0].platform_type_id
        now = [scorecard_for(p, year, outputs[p.pk], schemes.get(type_id)) for p in members]
        before = [scorecard_for(p, year - 1, outputs[p.pk], last_year.get(type_id)) for p in members]
        ranks, previous_ranks = _ranked(now), _ranked(before)
        rows = [RankRow(c, ranks.get(c.platform.pk), b, previous_ranks.get(c.platform.pk))
                for c, b in zip(now, before, strict=True)]  # fmt: skip
        rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.platform.code))
        out.append(RankGroup(members[0].platform_type, schemes.get(type_id), rows))
    out.sort(key=lambda g: (g.platform_type.sort_order, g.platform_type.code))
    return out


# --- year on year -----------------------------------------------------------------------------


@dataclass
class YearRow:
    """One measure across the years: each year's figure and its growth on the year before."""

    key: str
    values: list[Decimal | None]
    growth: list[Decimal | None]  # % on the year before; None without both years (or a zero before)
    total: Decimal | None

    @property
    def measure(self) -> measures.Measure:
        return measures.measure(self.key)

    @property
    def cells(self) -> list[tuple[Decimal | None, Decimal | None]]:
        """(figure, growth on the year before) per year."""
        return list(zip(self.values, self.growth, strict=True))

    def as_json(self) -> dict:
        money = self.measure.money
        return {"measure": self.key, "label": str(self.measure.label),
                "values": [_plain(v, money) for v in self.values],
                "growth_pct": [pct_str(g) for g in self.growth], "total": _plain(self.total, money)}  # fmt: skip


@dataclass
class YearOnYear:
    platform: InnovationPlatform
    years: list[int]
    rows: list[YearRow]
    cards: list[Scorecard]

    def as_json(self) -> dict:
        return {
            "platform": self.platform.name,
            "years": self.years,
            "outputs": [r.as_json() for r in self.rows],
            "scores": [{"year": c.year, "total": _str(c.total), "grade": c.grade,
                        "scheme": c.scheme.name if c.scheme else None} for c in self.cards],
        }  # fmt: skip


def year_on_year(platform: InnovationPlatform, years: list[int] | None = None) -> YearOnYear:
    """Every measure the platform reported, year by year (default: every year it reported)."""
    outputs = outputs_of([platform])[platform.pk]
    years = sorted(years or outputs)
    rows = []
    for key in measures.KEYS:
        values = [annual(outputs, key, y).value for y in years]
        if all(v is None for v in values):
            continue
        growth = [None] + [
            ratio_pct(now - before, before) if now is not None and before is not None else None
            for before, now in itertools.pairwise(values)
        ]
        reported = [v for v in values if v is not None]
        rows.append(YearRow(key, values, growth, sum(reported, ZERO) if reported else None))
    cards = []
    for y in years:
        cards.append(scorecard_for(platform, y, outputs, schemes_for(y).get(platform.platform_type_id)))
    return YearOnYear(platform, years, rows, cards)


def summary_figures(outputs: dict[int, PlatformOutput], through: int) -> dict[str, Figure]:
    """Every measure since founding through `through` (the platform list's columns)."""
    return {key: cumulative(outputs, key, through) for key in measures.KEYS}


def kind_label(kind: str) -> str:
    return str(IndicatorKind(kind).label)


def ranking_json(groups: list[RankGroup], year: int) -> dict:
    return {"year": year, "groups": [g.as_json() for g in groups]}
