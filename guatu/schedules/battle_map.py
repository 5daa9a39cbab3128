"""The battle map for a scope and day: warnings turned into Gantt rows (page, PDF and PNG share it)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator

from guatu.projects.scope import Scope
from guatu.schedules.gantt import Axis, GanttRow, Tick, default_axis, project_rows
from guatu.schedules.warnings import ProjectWarning, milestone_warnings, with_milestones

PER_PAGE = 200  # projects on a page of the battle map (each with its milestones)


@dataclass
class BattleMap:
    scope: Scope
    as_of: dt.date
    axis: Axis
    ticks: list[Tick]
    today_x: float
    rows: list[GanttRow]
    counts: Counter
    page: object = None  # the page of projects shown (a Django Page), None when every row is there
    partial: bool = False  # only the page's projects were scheduled: `counts` are the page's

    @property
    def projects(self) -> list[GanttRow]:
        return [r for r in self.rows if not r.parent]


def battle_map(scope: Scope, as_of: dt.date, level: str = "", *, user=None, width: int = 900, page: int | None = None,
               per_page: int = PER_PAGE) -> BattleMap:  # fmt: skip
    """Projects with milestones, most severe warning first, each followed by its milestones; a project
    whose milestones cannot be scheduled is there too, red, saying why. Starts from the milestones (projects
    without any are never loaded).

    With `page`: when the projects fill more than one page and no level is asked for, the map pages through
    them by code in the database and schedules only the page's projects (most severe first within the page;
    `counts` are the page's, `partial` says so); with a level, or on one page, every project is scheduled."""
    candidates = with_milestones(scope, as_of, user=user).order_by("code")
    shown, partial = None, False
    if page is not None and not level:
        shown = Paginator(candidates.values_list("pk", flat=True), per_page).get_page(page)
        partial = shown.paginator.num_pages > 1
    if partial:
        found = milestone_warnings(scope, as_of, user=user, projects=candidates.filter(pk__in=list(shown.object_list)))
    else:
        found = milestone_warnings(scope, as_of, user=user, projects=candidates)
    found = [w for w in found if w.plan and (w.plan.rows or w.plan.error)]
    counts = Counter(w.level for w in found)
    if level:
        found = [w for w in found if w.level == level]
    if page is not None and not partial:
        shown = Paginator(found, per_page).get_page(page)
        found = list(shown.object_list)
    axis = default_axis(as_of, width)
    rows = [row for w in found for row in project_rows(axis, w, as_of)]
    return BattleMap(scope, as_of, axis, axis.months(), axis.x(as_of), rows, counts, shown, partial)


def project_map(warning: ProjectWarning, as_of: dt.date, width: int = 720) -> BattleMap:
    """One project's rows on an axis that fits its own dates (the milestone page's chart)."""
    plan = warning.plan
    days = [as_of]
    for row in plan.rows if plan else []:
        m, t = row.milestone, row.timing
        days += [d for d in (m.baseline_start, m.baseline_finish, m.planned_start, m.planned_finish, row.actual_start,
                             row.actual_finish, t.latest_start, t.latest_finish, t.earliest_finish) if d]  # fmt: skip
    if plan and plan.promise:
        days.append(plan.promise)
    first, last = min(days), max(days)
    axis = Axis(dt.date(first.year, first.month, 1), dt.date(last.year + (last.month == 12), last.month % 12 + 1, 1),
                width)  # fmt: skip
    rows = project_rows(axis, warning, as_of)
    return BattleMap(None, as_of, axis, axis.months(), axis.x(as_of), rows, Counter([warning.level]))
