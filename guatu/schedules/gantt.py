"""The battle map's geometry: where each bar and marker goes on a time axis. No drawing here —
the template draws SVG from these numbers, for the page, the PDF and the PNG alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from guatu.schedules.choices import MilestoneStatus
from guatu.schedules.plans import MilestoneRow, ProjectPlan
from guatu.schedules.warnings import ProjectWarning


@dataclass(frozen=True)
class Axis:
    start: dt.date
    end: dt.date
    width: int = 900

    def x(self, day: dt.date) -> float:
        span = (self.end - self.start).days or 1
        clamped = min(max(day, self.start), self.end)
        return round((clamped - self.start).days * self.width / span, 1)

    def bar(self, first: dt.date | None, last: dt.date | None) -> Bar | None:
        if not first or not last or last < self.start or first > self.end:
            return None
        left = self.x(first)
        return Bar(left, max(2.0, round(self.x(last) - left, 1)))

    def months(self) -> list[Tick]:
        """A tick at each quarter, labelled; the year on January."""
        ticks, day = [], dt.date(self.start.year, self.start.month, 1)
        while day <= self.end:
            if day >= self.start and day.month in (1, 4, 7, 10):
                label = f"{day.year}" if day.month == 1 else f"{day.month}月"
                ticks.append(Tick(self.x(day), label, day.month == 1))
            day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return ticks


@dataclass(frozen=True)
class Bar:
    x: float
    width: float


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    major: bool


@dataclass(frozen=True)
class Marker:
    x: float
    status: str
    label: str
    date: dt.date


@dataclass
class GanttRow:
    """A project row, or one of its milestones (`parent` set)."""

    key: str
    label: str
    level: str
    url: str = ""
    parent: str = ""
    baseline: Bar | None = None
    current: Bar | None = None
    actual: Bar | None = None
    markers: list[Marker] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    promise: dt.date | None = None
    days_missed: int = 0
    unschedulable: bool = False


def _milestone_marker(axis: Axis, row: MilestoneRow) -> Marker | None:
    day = row.actual_finish if row.status == MilestoneStatus.MET else (
        row.milestone.planned_finish or row.timing.latest_finish)  # fmt: skip
    if day is None or day < axis.start or day > axis.end:
        return None
    return Marker(axis.x(day), row.status, row.milestone.name, day)


def _first(days) -> dt.date | None:
    days = [d for d in days if d]
    return min(days) if days else None


def _last(days) -> dt.date | None:
    days = [d for d in days if d]
    return max(days) if days else None


def _actual_span(rows: list[MilestoneRow], as_of: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """From the first actual date to the last one, or to `as_of` while work is under way."""
    first = _first(r.actual_start or r.actual_finish for r in rows)
    ongoing = [as_of for r in rows if r.actual_start and not r.actual_finish]
    return first, _last([*(r.actual_finish for r in rows), *ongoing])


def project_rows(axis: Axis, warning: ProjectWarning, as_of: dt.date) -> list[GanttRow]:
    """The project's summary row followed by one row per milestone."""
    plan: ProjectPlan = warning.plan
    project, rows = plan.project, plan.rows
    head = GanttRow(
        key=project.code,
        label=project.name,
        level=warning.level,
        url=project.get_absolute_url(),
        baseline=axis.bar(
            _first(r.milestone.baseline_start for r in rows), _last(r.milestone.baseline_finish for r in rows)
        ),
        current=axis.bar(
            _first(r.milestone.planned_start for r in rows), _last(r.milestone.planned_finish for r in rows)
        ),
        actual=axis.bar(*_actual_span(rows, as_of)),
        markers=[m for r in rows if (m := _milestone_marker(axis, r))],
        reasons=[reason.text for reason in warning.reasons],
        promise=plan.promise,
        days_missed=plan.days_missed,
        unschedulable=bool(plan.error),
    )
    children = []
    for r in rows:
        m = r.milestone
        marker = _milestone_marker(axis, r)
        children.append(
            GanttRow(
                key=f"{project.code}:{m.key}",
                label=m.name,
                parent=project.code,
                level=warning.milestone_levels.get(m.key, "green"),
                baseline=axis.bar(m.baseline_start, m.baseline_finish),
                current=axis.bar(m.planned_start, m.planned_finish),
                actual=axis.bar(*_actual_span([r], as_of)),
                markers=[marker] if marker else [],
                reasons=[reason.text for reason in warning.reasons if reason.milestone == m.key],
            )
        )
    return [head, *children]


def default_axis(as_of: dt.date, width: int = 900) -> Axis:
    """From the year before the as-of day through two years after it: what fits on a wall."""
    return Axis(dt.date(as_of.year - 1, 1, 1), dt.date(as_of.year + 2, 12, 31), width)
