"""The battle map for a scope and day: warnings turned into Gantt rows (page, PDF and PNG share it)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.core.paginator import Paginator

from guatu.projects.models import Project
from guatu.projects.scope import Scope
from guatu.schedules.gantt import Axis, GanttRow, Tick, default_axis, project_rows
from guatu.schedules.warnings import SEVERITY, ProjectWarning, milestone_warnings, scope_warnings, with_milestones

PER_PAGE = 50  # projects on a page of the battle map (each with its milestones); the counts are the scope's


@dataclass
class BattleMap:
    scope: Scope
    as_of: dt.date
    axis: Axis
    ticks: list[Tick]
    today_x: float
    rows: list[GanttRow]
    counts: Counter  # red/yellow/green projects with milestones in the whole scope (every page)
    page: object = None  # the page of projects shown (a Django Page), None when every row is there

    @property
    def projects(self) -> list[GanttRow]:
        return [r for r in self.rows if not r.parent]


def battle_map(scope: Scope, as_of: dt.date, level: str = "", *, user=None, width: int = 900, page: int | None = None,
               per_page: int = PER_PAGE) -> BattleMap:  # fmt: skip
    """Projects with milestones, most severe warning first (then by code), each followed by its milestones; a
    project whose milestones cannot be scheduled is there too, red, saying why. Starts from the milestones
    (projects without any are never loaded).

    The levels and counts are the whole scope's (`special_levels`: kept across writes, only the projects a write
    changed evaluated again); with `page`, only the page's projects are scheduled in full and drawn."""
    levels = scope_warnings(scope, as_of, user=user).map_levels()
    counts = Counter({lvl: 0 for lvl in SEVERITY})
    counts.update(lvl for _pk, lvl in levels)
    chosen = [pk for pk, lvl in levels if not level or lvl == level]
    candidates = with_milestones(scope, as_of, user=user)
    shown = None
    if page is not None:  # the page's projects are in scope and visible (they came from the scope's levels)
        shown = Paginator(chosen, per_page).get_page(page)
        chosen = list(shown.object_list)
        candidates = Project.objects.filter(pk__in=chosen)
    found = {w.project.pk: w for w in milestone_warnings(scope, as_of, user=user, projects=candidates)}
    axis = default_axis(as_of, width)
    rows = [row for pk in chosen if pk in found for row in project_rows(axis, found[pk], as_of)]
    return BattleMap(scope, as_of, axis, axis.months(), axis.x(as_of), rows, counts, shown)


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
