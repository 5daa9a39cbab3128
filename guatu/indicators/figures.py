"""Reads of indicator values shared by the board, ranking, drill-down, CLI and API."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.core.money import round_half_up
from guatu.core.periods import Period
from guatu.indicators.choices import YUAN_PER, ProjectMeasure, UnitKind
from guatu.indicators.models import Indicator, IndicatorValue, RankTarget, ReportingUnit
from guatu.indicators.ranking import Contribution, Entry, Gap, Ranking, Target, contributions, gap_to_rank, mismatch_pct
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
                                    now.growth_pct if now else None, before.value if before else None))  # fmt: skip
    return out


def entries(indicator: Indicator, units: list[ReportingUnit], year: int, month: int) -> list[Entry]:
    return entries_by_month(indicator, units, year, [month])[month]


def siblings(unit: ReportingUnit) -> list[ReportingUnit]:
    """The units a unit is ranked among: its parent's children of the same kind."""
    if unit.parent_id is None:
        return [unit]
    return list(ReportingUnit.objects.filter(parent_id=unit.parent_id, kind=unit.kind).order_by("sort_order", "code"))


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

    def as_json(self) -> dict:
        return {
            "indicator": self.indicator.code, "name": self.indicator.name, "unit_of_value": self.indicator.unit,
            "parent": self.parent.code, "period": f"{self.period.year}-{self.period.month:02d}",
            "by": self.ranking.by, "higher_is_better": self.ranking.higher_is_better,
            "rows": [{"unit": r.entry.unit, "name": r.entry.name, "value": _num(r.entry.value),
                      "growth_pct": _num(r.entry.growth, 1), "rank": r.rank} for r in self.ranking.ranked],
            "missing": [e.unit for e in self.ranking.missing],
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


def rank_report(indicator: Indicator, parent: ReportingUnit, year: int, month: int) -> RankReport:
    month = published_month(indicator, month)
    units = list(ReportingUnit.objects.filter(parent=parent, kind=UnitKind.REGION).order_by("sort_order", "code"))
    ranking = rank_entries(entries(indicator, units, year, month), indicator.rank_by, indicator.higher_is_better)
    targets = [t for u in units if (t := target_status(indicator, u, year, ranking))]
    return RankReport(indicator, parent, Period(year, month), ranking, targets)


def _points(points: Decimal) -> Decimal:
    """One decimal, as bulletins write it; two when one would show a gap of 0.0."""
    shown = round_half_up(points, 1)
    return shown if shown != 0 else round_half_up(points, 2)


def gap_sentence(indicator: Indicator, gap: Gap) -> str:
    """固定资产投资需再增长 X 个百分点(约 Y 亿元)方可升至第3位."""
    if gap.reached:
        return _("%(indicator)s is already at rank %(rank)s or better.") % {"indicator": indicator.name,
                                                                           "rank": gap.target_rank}  # fmt: skip
    if indicator.rank_by == "growth":
        return _("%(indicator)s needs %(points)s more percentage points of growth (about %(amount)s %(unit)s) "
                 "to reach rank %(rank)s.") % {
            "indicator": indicator.name, "points": _points(gap.points),
            "amount": "—" if gap.amount is None else round_half_up(gap.amount, 1), "unit": indicator.unit,
            "rank": gap.target_rank}  # fmt: skip
    return _("%(indicator)s needs %(amount)s %(unit)s more to reach rank %(rank)s.") % {
        "indicator": indicator.name, "amount": round_half_up(gap.amount, 1), "unit": indicator.unit,
        "rank": gap.target_rank}  # fmt: skip


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

    @property
    def band_label(self) -> str:
        return BAND_NAMES.get(self.status.band, "") if self.status and self.status.band else ""

    def sentence(self) -> str:
        return gap_sentence(self.indicator, self.next_gap) if self.next_gap else ""


def board(unit: ReportingUnit, year: int, month: int) -> list[BoardRow]:
    """Every main indicator for a unit: value, growth, rank among its siblings, band, next gap, rank trend."""
    peers = siblings(unit)
    rows = []
    for indicator in Indicator.objects.all():
        m = published_month(indicator, month)
        months = [x for x in indicator.months() if x <= m]
        rankings = {past: rank_entries(found, indicator.rank_by, indicator.higher_is_better)
                    for past, found in entries_by_month(indicator, peers, year, months).items()}  # fmt: skip
        series = [(past, own.rank if (own := r.of(unit.code)) else None) for past, r in rankings.items()]
        ranking = rankings[m]
        own = ranking.of(unit.code)
        status = target_status(indicator, unit, year, ranking)
        following = status.target.next_band(own.rank if own else None) if status else None
        next_gap = gap_to_rank(ranking, unit.code, following[1]) if following and own else None
        rows.append(BoardRow(indicator, Period(year, m), own.entry.value if own else None,
                             own.entry.growth if own else None, own.rank if own else None, len(ranking.ranked),
                             status, next_gap, following[0] if following else None, series))  # fmt: skip
    return rows


@dataclass
class ProjectShare:
    figures: ProjectFigures
    amount: Decimal  # YTD in the indicator's unit
    share: Decimal | None  # % of the unit's value


@dataclass
class DrillReport:
    indicator: Indicator
    unit: ReportingUnit
    period: Period
    parent: Entry
    children: list[Contribution]
    zones: list[Contribution]
    mismatch: Decimal | None
    tolerance: Decimal
    projects: list[ProjectShare] = field(default_factory=list)
    projects_total: Decimal | None = None
    projects_share: Decimal | None = None
    laggards: list[ProjectFigures] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.mismatch is not None and abs(self.mismatch) > self.tolerance

    def as_json(self) -> dict:
        def row(c: Contribution) -> dict:
            return {"unit": c.unit, "name": c.name, "value": _num(c.value), "growth_pct": _num(c.growth, 1),
                    "share_pct": _num(c.share, 1), "contribution_points": _num(c.points),
                    "contribution_rate_pct": _num(c.rate, 1)}  # fmt: skip

        return {
            "indicator": self.indicator.code, "unit_of_value": self.indicator.unit,
            "period": f"{self.period.year}-{self.period.month:02d}",
            "unit": {"code": self.parent.unit, "name": self.parent.name, "value": _num(self.parent.value),
                     "growth_pct": _num(self.parent.growth, 1)},
            "children": [row(c) for c in self.children], "zones": [row(c) for c in self.zones],
            "children_mismatch_pct": _num(self.mismatch), "flagged": self.flagged,
            "projects": [{"code": p.figures.code, "name": p.figures.name, "ytd": _num(p.amount, 4),
                          "share_pct": _num(p.share, 1)} for p in self.projects],
            "projects_total": _num(self.projects_total, 4), "projects_share_pct": _num(self.projects_share, 1),
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


def drill(indicator: Indicator, unit: ReportingUnit, year: int, month: int, *, user=None,
          tolerance: Decimal = Decimal(1)) -> DrillReport:  # fmt: skip
    """The unit and its children: share, contribution to growth, and (investment) the key projects inside."""
    month = published_month(indicator, month)
    kids = list(unit.children.order_by("sort_order", "code"))
    parent = entries(indicator, [unit], year, month)[0]
    child_entries = entries(indicator, kids, year, month)
    regions = [e for e, k in zip(child_entries, kids, strict=True) if k.kind == UnitKind.REGION]
    zones = [e for e, k in zip(child_entries, kids, strict=True) if k.kind != UnitKind.REGION]
    report = DrillReport(indicator, unit, Period(year, month), parent, contributions(parent, regions),
                         contributions(parent, zones), mismatch_pct(parent, regions) if regions else None,
                         tolerance)  # fmt: skip
    if indicator.project_measure:
        projects = _unit_projects(unit, indicator.project_measure, user)
        figures = rollup_figures(projects, report.period, every=True)
        per_unit = YUAN_PER["万元"] / YUAN_PER[indicator.unit]
        shares = [ProjectShare(f, (f.ytd_actual or 0) * per_unit,
                               (f.ytd_actual or 0) * per_unit * 100 / parent.value if parent.value else None)
                  for f in figures.values()]  # fmt: skip
        report.projects = sorted(shares, key=lambda s: (-s.amount, s.figures.code))
        report.projects_total = sum((s.amount for s in shares), Decimal(0))
        report.projects_share = report.projects_total * 100 / parent.value if parent.value else None
        # The same rule as the cockpit's laggards: completion below 序时进度, furthest behind first.
        report.laggards = ProgressRow("", None, report.period, list(figures.values())).lagging
    return report


def breadcrumb(unit: ReportingUnit) -> list[ReportingUnit]:
    return [*unit.ancestors(), unit]
