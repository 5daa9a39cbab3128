"""A project's milestone plan as of a date: the scheduler's answer joined to the milestones.

Actual dates after `as_of` are ignored, so a plan can be looked at as it stood on any day.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guatu.core.params import DATE_MAX, DATE_MIN
from guatu.projects.models import Project
from guatu.schedules.backward import Actual, Schedule, ScheduleError, Task, TaskSchedule, schedule
from guatu.schedules.choices import MilestoneStatus
from guatu.schedules.links import parse_links
from guatu.schedules.models import Milestone
from guatu.schedules.network import Row, describe, problems_of


@dataclass
class MilestoneRow:
    milestone: Milestone
    timing: TaskSchedule
    status: str
    overdue_days: int
    actual_start: dt.date | None
    actual_finish: dt.date | None

    links: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        m, t = self.milestone, self.timing
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {
            "key": m.key, "name": m.name, "duration_days": m.duration_days, "predecessors": m.predecessors,
            "predecessor_links": self.links, "note": m.note,
            "planned_finish": iso(m.planned_finish), "baseline_finish": iso(m.baseline_finish),
            "actual_start": iso(self.actual_start), "actual_finish": iso(self.actual_finish),
            "latest_start": iso(t.latest_start), "latest_finish": iso(t.latest_finish),
            "earliest_start": iso(t.earliest_start), "earliest_finish": iso(t.earliest_finish),
            "float_days": t.float_days, "critical": t.critical, "status": self.status,
            "overdue_days": self.overdue_days,
        }  # fmt: skip


@dataclass
class ProjectPlan:
    project: Project
    as_of: dt.date
    promise: dt.date | None
    schedule: Schedule | None = None
    rows: list[MilestoneRow] = field(default_factory=list)
    error: str | None = None

    @property
    def days_missed(self) -> int:
        return self.schedule.days_missed if self.schedule else 0

    @property
    def schedulable(self) -> bool:
        """False when the project has milestones that cannot be scheduled (`error` says why)."""
        return self.error is None

    def as_json(self) -> dict:
        return {
            "project": self.project.code, "name": self.project.name, "as_of": self.as_of.isoformat(),
            "promised_finish": self.promise.isoformat() if self.promise else None,
            "projected_finish": self.schedule.projected_finish.isoformat() if self.schedule else None,
            "days_missed": self.days_missed, "schedulable": self.schedulable, "error": self.error,
            "milestones": [row.as_json() for row in self.rows],
        }  # fmt: skip


def _seen(day: dt.date | None, as_of: dt.date) -> dt.date | None:
    return day if day and day <= as_of else None


def _unschedulable(plan: ProjectPlan, milestones: list[Milestone]) -> str | None:
    """Why the plan cannot be computed at all, in words; None when it can."""
    if plan.promise is None:
        return _("There is no promised production/completion date to schedule back from.")
    if not DATE_MIN <= plan.promise <= DATE_MAX:
        return _("The promised date %(date)s is outside %(min)s–%(max)s.") % {
            "date": plan.promise, "min": DATE_MIN, "max": DATE_MAX}  # fmt: skip
    return _network_error(tuple(Row.of(m) for m in milestones), get_language())


@functools.lru_cache(maxsize=1024)
def _network_error(rows: tuple[Row, ...], language: str | None) -> str | None:
    """What stops these rows from being scheduled, in words (in `language`); None when nothing does. Remembered:
    the projects made from one template share their network, and it is checked once."""
    found, _names = problems_of(rows)
    return " ".join(text for _p, text in found) or None


def link_rows(m: Milestone, names: dict[str, str]) -> list[dict]:
    """The milestone's predecessors as {key, name, lag}, for pages and the API."""
    try:
        links = parse_links(m.predecessors)
    except ValueError:
        return []
    return [{"key": link.predecessor, "name": names.get(link.predecessor, link.predecessor), "lag": link.lag}
            for link in links]  # fmt: skip


def build_plan(project: Project, milestones: list[Milestone], as_of: dt.date, *, links: bool = True) -> ProjectPlan:
    """The milestones scheduled as of `as_of`; a network that cannot be scheduled sets `error` instead.
    `links`: give each row its predecessors by name (pages and the API; the warning rules do not read them)."""
    plan = ProjectPlan(project=project, as_of=as_of, promise=project.planned_completion)
    if not milestones:
        return plan
    plan.error = _unschedulable(plan, milestones)
    if plan.error:
        return plan
    names = {m.key: m.name for m in milestones}
    actuals = {
        m.key: Actual(_seen(m.actual_start, as_of), _seen(m.actual_finish, as_of)) for m in milestones
    }  # fmt: skip
    try:  # the network was checked once above (links parsed once: `parse_links` remembers a text's answer)
        tasks = [Task(m.key, m.duration_days, parse_links(m.predecessors)) for m in milestones]
        plan.schedule = schedule(tasks, plan.promise, as_of, actuals, checked=True)
    except ScheduleError as exc:
        plan.error = " ".join(describe(p, names) for p in exc.problems)
        return plan
    for m in sorted(milestones, key=lambda m: (m.order, m.pk or 0)):
        actual = actuals[m.key]
        due = m.planned_finish or plan.schedule.tasks[m.key].latest_finish
        if actual.finish:
            status, overdue = MilestoneStatus.MET, 0
        elif due < as_of:
            status, overdue = MilestoneStatus.OVERDUE, (as_of - due).days
        else:
            status, overdue = MilestoneStatus.UPCOMING, 0
        plan.rows.append(MilestoneRow(m, plan.schedule.tasks[m.key], status, overdue, actual.start, actual.finish,
                                      link_rows(m, names) if links else []))  # fmt: skip
    return plan


def plans_for(projects, as_of: dt.date) -> list[ProjectPlan]:
    """Plans for every project in the queryset; milestones loaded in one query."""
    milestones = Milestone.objects.filter(project__in=projects.values("pk")).order_by("project_id", "order")
    projects = list(projects)
    by_project: dict[int, list[Milestone]] = defaultdict(list)
    for m in milestones:
        by_project[m.project_id].append(m)
    return [build_plan(p, by_project[p.pk], as_of) for p in projects]


class PlanProject(NamedTuple):
    """What a plan reads of a project, without building a `Project` (`light_plans`)."""

    pk: int
    code: str
    name: str
    planned_completion: dt.date | None


class PlanMilestone(NamedTuple):
    """What a plan and the warning rules read of a milestone, without building a `Milestone` (`light_plans`)."""

    pk: int
    project_id: int
    key: str
    name: str
    order: int
    duration_days: int
    predecessors: str
    planned_finish: dt.date | None
    actual_start: dt.date | None
    actual_finish: dt.date | None


def light_plans(projects, as_of: dt.date) -> list[ProjectPlan]:
    """`plans_for` for the warning levels of many projects: the same schedules, but projects and milestones
    are plain tuples (no model instances, no links for pages), read in two queries."""
    milestones = Milestone.objects.filter(project__in=projects.values("pk")).order_by("project_id", "order")
    by_project: dict[int, list[PlanMilestone]] = defaultdict(list)
    for row in milestones.values_list(*PlanMilestone._fields):
        by_project[row[1]].append(PlanMilestone(*row))
    found = projects.order_by().values_list(*PlanProject._fields)
    return [build_plan(p, by_project[p.pk], as_of, links=False) for p in map(PlanProject._make, found)]
