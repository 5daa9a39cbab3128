"""Reads of indicator values shared by the board, ranking, drill-down, CLI and API."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.core.money import round_half_up
from guatu.core.periods import Period
from guatu.indicators.choices import YUAN_PER, ProjectMeasure
from guatu.indicators.models import Indicator, IndicatorValue, RankTarget, ReportingUnit
from guatu.indicators.ranking import (
    HUNDRED,
    RANK_BY,
    Contribution,
    Entry,
    Gap,
    Ranking,
    Target,
    contributions,
    districts_sum,
    gap_to_rank,
    mismatch_pct,
    sum_entry,
)
from guatu.indicators.ranking import rank as rank_entries
from guatu.projects.models import Project
from guatu.projects.progress import ProgressRow, ProjectFigures, rollup_figures

BAND_NAMES = {"keep": "保", "strive": "争", "fight": "拼"}


def published_month(indicator: Indicator, month: int) -> int:
    """The latest month ≤ `month` the indicator is published for (GDP in November → September)."""
    return max((m for m in indicator.months() if m <= month), default=indicator.months()[0])


def entries_by_month(indicator: Indicator, units: list[ReportingUnit], year: int,
                     months: list[int]) -> dict[int, list[Entry]]:  # fmt: skip
    """Entries for these units in each month, with the prior year's same-period value, in one query."""
    rows = IndicatorValue.objects.filter(indicator=indicator, unit__in=units, month__in=months,
                                         year__in=[year, year - 1])  # fmt: skip
    by_key = {(v.unit_id, v.year, v.month): v for v in rows}
    out = {}
    for month in months:
        out[month] = []
        for unit in units:
            now, before = by_key.get((unit.pk, year, month)), by_key.get((unit.pk, year - 1, month))
            out[month].append(Entry(unit.code, unit.name, now.value if now else None,
                                    now.growth_pct if now else None, before.value if before else None,
                                    unit.is_zone))  # fmt: skip
    return out


def entries(indicator: Indicator, units: list[ReportingUnit], year: int, month: int) -> list[Entry]:
    return entries_by_month(indicator, units, year, [month])[month]


def rank_by(indicator: Indicator, by: str | None) -> str:
    """What to rank on: the viewer's choice, else the indicator's own (its catalogue setting)."""
    if by is None or by == "":
        return indicator.rank_by
    if by not in RANK_BY:
        raise ValueError(f"rank by {' or '.join(RANK_BY)}, not {by!r}")
    return by


def ranked_units(parent: ReportingUnit, zones: bool = False) -> tuple[list[ReportingUnit], list[ReportingUnit]]:
    """The children of `parent` ranked together — its districts, and its functional zones beside them
    when asked — and the zones left out."""
    children = list(ReportingUnit.objects.filter(parent=parent).order_by("sort_order", "code"))
    districts = [u for u in children if not u.is_zone]
    others = [u for u in children if u.is_zone]
    return (districts + others, []) if zones else (districts, others)


def siblings(unit: ReportingUnit, zones: bool = False) -> list[ReportingUnit]:
    """The units a unit is ranked among: its parent's children of the same kind, or (`zones`) the
    districts and zones together."""
    if unit.parent_id is None:
        return [unit]
    found = ReportingUnit.objects.filter(parent_id=unit.parent_id)
    if not zones:
        found = found.filter(kind=unit.kind)
    return list(found.order_by("sort_order", "code"))


@dataclass
class TargetStatus:
    unit: ReportingUnit
    target: Target
    rank: int | None
    band: str | None
    gaps: dict[str, Gap]  # band name → gap to that band's rank

    def as_json(self) -> dict:
        return {
            "unit": self.unit.code, "target": [self.target.keep, self.target.strive, self.target.fight],
            "rank": self.rank, "band": self.band,
            "gaps": {name: {"rank": g.target_rank, "reached": g.reached, "points": _num(g.points),
                            "amount": _num(g.amount), "holder": g.holder.unit if g.holder else None}
                     for name, g in self.gaps.items()},
        }  # fmt: skip


def _num(value: Decimal | None, places: int = 2) -> str | None:
    return None if value is None else str(round_half_up(value, places))


@dataclass
class RankReport:
    indicator: Indicator
    parent: ReportingUnit
    period: Period
    ranking: Ranking
    targets: list[TargetStatus] = field(default_factory=list)
    zones: bool = False  # zones ranked beside the districts
    zones_left_out: list[ReportingUnit] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "indicator": self.indicator.code, "name": self.indicator.name, "unit_of_value": self.indicator.unit,
            "parent": self.parent.code, "parent_name": self.parent.name,
            "period": f"{self.period.year}-{self.period.month:02d}",
            "by": self.ranking.by, "higher_is_better": self.ranking.higher_is_better, "zones": self.zones,
            "rows": [{"unit": r.entry.unit, "name": r.entry.name, "zone": r.entry.zone, "value": _num(r.entry.value),
                      "growth_pct": _num(r.entry.growth, 1), "rank": r.rank} for r in self.ranking.ranked],
            "missing": [{"unit": e.unit, "name": e.name, "zone": e.zone} for e in self.ranking.missing],
            "zones_not_ranked": [{"unit": u.code, "name": u.name} for u in self.zones_left_out],
            "targets": [t.as_json() for t in self.targets],
        }  # fmt: skip


def target_status(indicator: Indicator, unit: ReportingUnit, year: int, ranking: Ranking) -> TargetStatus | None:
    row = RankTarget.objects.filter(indicator=indicator, unit=unit, year=year).first()
    if row is None:
        return None
    target = Target(row.keep, row.strive, row.fight)
    own = ranking.of(unit.code)
    gaps = {}
    if own is not None:
        for name, position in target.ranks().items():
            gaps[name] = gap_to_rank(ranking, unit.code, position)
    return TargetStatus(unit, target, own.rank if own else None, target.band(own.rank if own else None), gaps)


def rank_report(indicator: Indicator, parent: ReportingUnit, year: int, month: int, *, by: str | None = None,
                zones: bool = False) -> RankReport:  # fmt: skip
    """Rank the parent's districts (and its zones beside them when `zones`) by growth or level —
    `by`, else the indicator's own setting — with each unit's target band and gaps."""
    month = published_month(indicator, month)
    units, left_out = ranked_units(parent, zones)
    ranking = rank_entries(entries(indicator, units, year, month), rank_by(indicator, by), indicator.higher_is_better)
    targets = [t for u in units if (t := target_status(indicator, u, year, ranking))]
    return RankReport(indicator, parent, Period(year, month), ranking, targets, zones, left_out)


def _points(points: Decimal) -> Decimal:
    """One decimal, as bulletins write it; two when one would show a gap of 0.0."""
    shown = round_half_up(points, 1)
    return shown if shown != 0 else round_half_up(points, 2)


def gap_sentence(indicator: Indicator, gap: Gap, by: str | None = None) -> str:
    """固定资产投资需再增长 X 个百分点(约 Y 亿元)方可升至第3位 — ranked `by` growth or level."""
    if gap.reached:
        return _("%(indicator)s is already at rank %(rank)s or better.") % {"indicator": indicator.name,
                                                                           "rank": gap.target_rank}  # fmt: skip
    if rank_by(indicator, by) == "growth":
        return _("%(indicator)s needs %(points)s more percentage points of growth (about %(amount)s %(unit)s) "
                 "to reach rank %(rank)s.") % {
            "indicator": indicator.name, "points": _points(gap.points),
            "amount": "—" if gap.amount is None else round_half_up(gap.amount, 1), "unit": indicator.unit,
            "rank": gap.target_rank}  # fmt: skip
    return _("%(indicator)s needs %(amount)s %(unit)s more to reach rank %(rank)s.") % {
        "indicator": indicator.name, "amount": "—" if gap.amount is None else round_half_up(gap.amount, 1),
        "unit": indicator.unit, "rank": gap.target_rank}  # fmt: skip


@dataclass
class BoardRow:
    indicator: Indicator
    period: Period
    value: Decimal | None
    growth: Decimal | None
    rank: int | None
    of: int
    status: TargetStatus | None
    next_gap: Gap | None
    next_band: str | None
    rank_series: list[tuple[int, int | None]]  # (month, rank) through the year
    by: str = "growth"

    @property
    def band_label(self) -> str:
        return BAND_NAMES.get(self.status.band, "") if self.status and self.status.band else ""

    def sentence(self) -> str:
        return gap_sentence(self.indicator, self.next_gap, self.by) if self.next_gap else ""


def board(unit: ReportingUnit, year: int, month: int, *, by: str | None = None, zones: bool = False) -> list[BoardRow]:
    """Every main indicator for a unit: value, growth, rank among its siblings (the zones too when
    `zones`), band, next gap, rank trend — ranked `by` growth or level, else each indicator's own way."""
    peers = siblings(unit, zones)
    rows = []
    for indicator in Indicator.objects.all():
        m = published_month(indicator, month)
        months = [x for x in indicator.months() if x <= m]
        key = rank_by(indicator, by)
        rankings = {past: rank_entries(found, key, indicator.higher_is_better)
                    for past, found in entries_by_month(indicator, peers, year, months).items()}  # fmt: skip
        series = [(past, own.rank if (own := r.of(unit.code)) else None) for past, r in rankings.items()]
        ranking = rankings[m]
        own = ranking.of(unit.code)
        status = target_status(indicator, unit, year, ranking)
        following = status.target.next_band(own.rank if own else None) if status else None
        next_gap = gap_to_rank(ranking, unit.code, following[1]) if following and own else None
        rows.append(BoardRow(indicator, Period(year, m), own.entry.value if own else None,
                             own.entry.growth if own else None, own.rank if own else None, len(ranking.ranked),
                             status, next_gap, following[0] if following else None, series, key))  # fmt: skip
    return rows


@dataclass
class ProjectShare:
    figures: ProjectFigures
    amount: Decimal  # YTD in the indicator's unit
    share: Decimal | None  # % of the unit's value

    @property
    def over(self) -> bool:
        """More than the unit's whole figure: the project's reported investment and the statistics
        count differently (形象投资 vs. 统计入库), and someone should check."""
        return self.share is not None and self.share > HUNDRED


@dataclass
class DrillReport:
    indicator: Indicator
    unit: ReportingUnit
    period: Period
    parent: Entry  # the unit's own published figure
    base: Entry | None  # what shares and contributions are of: the unit's figure, else its districts' sum
    children: list[Contribution]
    zones: list[Contribution]
    districts_total: Decimal | None
    mismatch: Decimal | None
    tolerance: Decimal
    projects: list[ProjectShare] = field(default_factory=list)
    projects_total: Decimal | None = None
    projects_share: Decimal | None = None
    laggards: list[ProjectFigures] = field(default_factory=list)

    @property
    def base_is_sum(self) -> bool:
        """The unit publishes no figure for the period: shares are of its districts' sum."""
        return self.parent.value is None and self.base is not None

    @property
    def flagged(self) -> bool:
        return self.mismatch is not None and abs(self.mismatch) > self.tolerance

    @property
    def projects_over(self) -> bool:
        return self.projects_share is not None and self.projects_share > HUNDRED

    @property
    def projects_over_count(self) -> int:
        return sum(1 for p in self.projects if p.over)

    def as_json(self) -> dict:
        def row(c: Contribution) -> dict:
            return {"unit": c.unit, "name": c.name, "value": _num(c.value), "growth_pct": _num(c.growth, 1),
                    "share_pct": _num(c.share, 1), "contribution_points": _num(c.points),
                    "contribution_rate_pct": _num(c.rate, 1)}  # fmt: skip

        return {
            "indicator": self.indicator.code, "name": self.indicator.name, "unit_of_value": self.indicator.unit,
            "period": f"{self.period.year}-{self.period.month:02d}",
            "unit": {"code": self.parent.unit, "name": self.parent.name, "value": _num(self.parent.value),
                     "growth_pct": _num(self.parent.growth, 1)},
            "shares_of": "districts_sum" if self.base_is_sum else "unit",
            "children": [row(c) for c in self.children], "zones": [row(c) for c in self.zones],
            "districts_sum": _num(self.districts_total), "children_mismatch_pct": _num(self.mismatch),
            "tolerance_pct": _num(self.tolerance), "flagged": self.flagged,
            "projects": [{"code": p.figures.code, "name": p.figures.name, "ytd": _num(p.amount, 4),
                          "share_pct": _num(p.share, 1), "over_100": p.over} for p in self.projects],
            "projects_total": _num(self.projects_total, 4), "projects_share_pct": _num(self.projects_share, 1),
            "projects_over_100": self.projects_over,
        }  # fmt: skip


def _unit_projects(unit: ReportingUnit, measure: str, user):
    """The key projects inside a unit (its region subtree, or its platform) that `user` may see."""
    projects = Project.objects.visible_to(user)
    if unit.platform_id:
        projects = projects.on_platform(unit.platform)
    elif unit.region_id:
        projects = projects.in_region(unit.region)
    else:
        return projects.none()
    return projects.filter(category="industrial") if measure == ProjectMeasure.INDUSTRIAL else projects


def drill(indicator: Indicator, unit: ReportingUnit, year: int, month: int, *, user=None) -> DrillReport:
    """The unit and its children: share, contribution to growth, and (investment) the key projects inside.

    Shares and contributions are of the unit's own figure; a unit that publishes none (a province
    in a city-level table) is read as the sum of its districts, and says so. The districts' sum is
    compared with the unit's figure — zones overlap the districts and are never added — and flagged
    beyond the indicator's tolerance."""
    month = published_month(indicator, month)
    kids = list(unit.children.order_by("sort_order", "code"))
    parent = entries(indicator, [unit], year, month)[0]
    child_entries = entries(indicator, kids, year, month)
    districts = [e for e in child_entries if not e.zone]
    zones = [e for e in child_entries if e.zone]
    base = parent if parent.value is not None else sum_entry(unit.code, unit.name, districts)
    report = DrillReport(indicator, unit, Period(year, month), parent, base,
                         contributions(base, districts) if base else [], contributions(base, zones) if base else [],
                         districts_sum(districts), mismatch_pct(parent, districts),
                         indicator.mismatch_tolerance_pct)  # fmt: skip
    if base is None:  # nothing to share out: list the children with their own figures
        report.children = [Contribution(e.unit, e.name, e.value, e.growth, None, None, None) for e in districts]
        report.zones = [Contribution(e.unit, e.name, e.value, e.growth, None, None, None) for e in zones]
    if indicator.project_measure:
        projects = _unit_projects(unit, indicator.project_measure, user)
        figures = rollup_figures(projects, report.period, every=True)
        per_unit = YUAN_PER["万元"] / YUAN_PER[indicator.unit]
        whole = base.value if base else None
        shares = [ProjectShare(f, (f.ytd_actual or 0) * per_unit,
                               (f.ytd_actual or 0) * per_unit * 100 / whole if whole else None)
                  for f in figures.values()]  # fmt: skip
        report.projects = sorted(shares, key=lambda s: (-s.amount, s.figures.code))
        report.projects_total = sum((s.amount for s in shares), Decimal(0))
        report.projects_share = report.projects_total * 100 / whole if whole else None
        # The same rule as the cockpit's laggards: completion below 序时进度, furthest behind first.
        report.laggards = ProgressRow("", None, report.period, list(figures.values())).lagging
    return report


def breadcrumb(unit: ReportingUnit) -> list[ReportingUnit]:
    return [*unit.ancestors(), unit]
