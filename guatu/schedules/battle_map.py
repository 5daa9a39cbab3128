"""The battle map for a scope and day: warnings turned into Gantt rows (page, PDF and PNG share it)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from guatu.projects.scope import Scope
from guatu.schedules.gantt import Axis, GanttRow, Tick, default_axis, project_rows
from guatu.schedules.warnings import warnings_for


@dataclass
class BattleMap:
    scope: Scope
    as_of: dt.date
    axis: Axis
    ticks: list[Tick]
    today_x: float
    rows: list[GanttRow]
    counts: Counter

    @property
    def projects(self) -> list[GanttRow]:
        return [r for r in self.rows if not r.parent]


def battle_map(scope: Scope, as_of: dt.date, level: str = "", *, user=None, width: int = 900) -> BattleMap:
    """Projects with milestones, most severe warning first, each followed by its milestones."""
    found = [w for w in warnings_for(scope, as_of, user=user) if w.plan and w.plan.rows]
    counts = Counter(w.level for w in found)
    if level:
        found = [w for w in found if w.level == level]
    axis = default_axis(as_of, width)
    rows = [row for w in found for row in project_rows(axis, w, as_of)]
    return BattleMap(scope, as_of, axis, axis.months(), axis.x(as_of), rows, counts)
