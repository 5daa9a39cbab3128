"""预警: red / yellow / green for each project and milestone, with the rules that fired.

Rules (thresholds from the region's `WarningPolicy`, defaults in brackets):
- red: a milestone overdue by more than [30] days; the promised date can no longer be met;
  YTD completion more than [20] points below 序时进度.
- yellow: a milestone overdue by up to [30] days; an unfinished milestone with float under [15]
  days; completion more than [10] (up to [20]) points below 序时进度.
- red as well: the milestones cannot be scheduled at all (a cycle, an unknown predecessor, no
  promised date …) — "cannot schedule", with the reason; an unfinished milestone with negative
  float (behind the latest date that still meets the promise).
- green: none of these.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.core.money import round_half_up
from guatu.core.periods import Period
from guatu.projects.models import ListMembership, Project
from guatu.projects.progress import ProjectFigures, project_figures, rollup_figures
from guatu.projects.scope import Scope
from guatu.schedules.choices import Level, MilestoneStatus
from guatu.schedules.models import WarningPolicy
from guatu.schedules.plans import ProjectPlan, build_plan, plans_for

SEVERITY = {Level.RED: 0, Level.YELLOW: 1, Level.GREEN: 2}


@dataclass(frozen=True)
class Thresholds:
    red_overdue_days: int = 30
    yellow_float_days: int = 15
    red_points_below: Decimal = Decimal(20)
    yellow_points_below: Decimal = Decimal(10)

    @classmethod
    def from_policy(cls, policy: WarningPolicy | None) -> Thresholds:
        if policy is None:
            return cls()
        return cls(policy.red_overdue_days, policy.yellow_float_days, policy.red_points_below,
                   policy.yellow_points_below)  # fmt: skip


@dataclass(frozen=True)
class Reason:
    level: str
    rule: str
    text: str
    milestone: str | None = None


@dataclass
class ProjectWarning:
    project: Project
    level: str
    reasons: list[Reason] = field(default_factory=list)
    milestone_levels: dict[str, str] = field(default_factory=dict)
    plan: ProjectPlan | None = None

    @property
    def level_label(self) -> str:
        return str(Level(self.level).label)

    @property
    def unschedulable(self) -> bool:
        return bool(self.plan and self.plan.error)

    def as_json(self) -> dict:
        return {
            "project": self.project.code, "name": self.project.name, "level": self.level,
            "schedulable": not self.unschedulable,
            "reasons": [{"level": r.level, "rule": r.rule, "text": r.text, "milestone": r.milestone}
                        for r in self.reasons],
            "milestones": self.milestone_levels,
        }  # fmt: skip


# Red reasons other parts give projects (an overdue 重大 hazard on the site …): name → function
# (project ids, as-of day) → {project id: [reason text, …]} (`register_reasons`, in an AppConfig.ready).
EXTRA_REASONS: dict = {}


def register_reasons(name: str, function) -> None:
    EXTRA_REASONS[name] = function


def extra_reasons(project_ids, as_of: dt.date) -> dict[int, list[Reason]]:
    found: dict[int, list[Reason]] = {}
    ids = list(project_ids)
    for name, function in EXTRA_REASONS.items():
        for pk, texts in function(ids, as_of).items():
            found.setdefault(pk, []).extend(Reason(Level.RED, name, text) for text in texts)
    return found


def worst(levels) -> str:
    return min(levels, key=SEVERITY.__getitem__, default=Level.GREEN)


def evaluate(plan: ProjectPlan, figures: ProjectFigures | None, elapsed: Decimal, rules: Thresholds,
             extra: list[Reason] = ()) -> ProjectWarning:  # fmt: skip
    """Apply the rules to one project's plan and progress figures (and the other parts' red reasons)."""
    reasons: list[Reason] = list(extra)
    levels: dict[str, str] = {}
    if plan.error:
        reasons.append(Reason(Level.RED, "unschedulable", _("cannot be scheduled: %(error)s") % {"error": plan.error}))
    for row in plan.rows:
        name = row.milestone.name
        level = Level.GREEN
        if row.status == MilestoneStatus.OVERDUE:
            level = Level.RED if row.overdue_days > rules.red_overdue_days else Level.YELLOW
            reasons.append(Reason(level, "overdue", _("%(name)s is %(days)s days overdue") % {
                "name": name, "days": row.overdue_days}, row.milestone.key))  # fmt: skip
        elif row.status == MilestoneStatus.UPCOMING and row.timing.float_days is not None and row.timing.float_days < 0:
            level = Level.RED
            reasons.append(Reason(level, "negative_float", _(
                "%(name)s is %(days)s days behind the latest date that still meets the promise") % {
                "name": name, "days": -row.timing.float_days}, row.milestone.key))  # fmt: skip
        elif (row.status == MilestoneStatus.UPCOMING and row.timing.float_days is not None
              and row.timing.float_days < rules.yellow_float_days):  # fmt: skip
            level = Level.YELLOW
            reasons.append(Reason(level, "float", _("%(name)s has only %(days)s days of float") % {
                "name": name, "days": row.timing.float_days}, row.milestone.key))  # fmt: skip
        levels[row.milestone.key] = level
    if plan.schedule and plan.days_missed > 0:
        reasons.append(Reason(Level.RED, "promise", _("the promised date %(date)s will be missed by %(days)s days") % {
            "date": plan.promise.isoformat(), "days": plan.days_missed}))  # fmt: skip
    if figures is not None and figures.completion is not None:
        behind = elapsed - figures.completion
        shown = round_half_up(behind, 1)
        if behind > rules.red_points_below:
            level = Level.RED
        elif behind > rules.yellow_points_below:
            level = Level.YELLOW
        else:
            level = None
        if level:
            reasons.append(Reason(level, "completion", _(
                "YTD completion %(completion)s%% is %(points)s points below time elapsed") % {
                "completion": round_half_up(figures.completion, 1), "points": shown}))  # fmt: skip
    return ProjectWarning(plan.project, worst(r.level for r in reasons), reasons, levels, plan)


def policy_for(scope: Scope) -> Thresholds:
    """The most specific policy: the scope's region or its nearest ancestor, else the default."""
    policies = {p.region_id: p for p in WarningPolicy.objects.all()}
    if scope.region:
        for region in [scope.region, *reversed(scope.region.ancestors())]:
            if region.pk in policies:
                return Thresholds.from_policy(policies[region.pk])
    return Thresholds.from_policy(policies.get(None))


def _in_scope(scope: Scope, year: int, user):
    return scope.apply(Project.objects.visible_to(user), year).distinct()


def _evaluate_all(projects, as_of: dt.date, rules: Thresholds) -> list[ProjectWarning]:
    """Warnings of a queryset of projects, most severe first: figures from the rollups, milestones in one
    query (only projects that have some get a schedule), the other parts' reasons in chunks."""
    period = Period(as_of.year, as_of.month)
    figures = rollup_figures(projects, period)
    plans = plans_for(projects.select_related("region", "platform"), as_of)
    extra: dict[int, list[Reason]] = {}
    ids = [plan.project.pk for plan in plans]
    for start in range(0, len(ids), 5000):
        extra.update(extra_reasons(ids[start : start + 5000], as_of))
    result = [evaluate(plan, figures.get(plan.project.pk), period.elapsed_pct, rules, extra.get(plan.project.pk, []))
              for plan in plans]  # fmt: skip
    return sorted(result, key=lambda w: (SEVERITY[w.level], w.project.code))


def warnings_for(scope: Scope, as_of: dt.date, *, user=None) -> list[ProjectWarning]:
    """Every project in scope, most severe first."""
    return _evaluate_all(_in_scope(scope, as_of.year, user), as_of, policy_for(scope))


def with_milestones(scope: Scope, as_of: dt.date, *, user=None):
    """The projects in scope that have milestones (the battle map's), as a queryset: the set starts from the
    milestones, so projects without any are never loaded."""
    from guatu.schedules.models import Milestone

    return _in_scope(scope, as_of.year, user).filter(pk__in=Milestone.objects.values("project_id"))


def milestone_warnings(scope: Scope, as_of: dt.date, *, user=None, projects=None) -> list[ProjectWarning]:
    """Warnings of the projects in scope that have milestones (or of `projects`, a queryset of some of them),
    most severe first."""
    return _evaluate_all(projects if projects is not None else with_milestones(scope, as_of, user=user), as_of,
                         policy_for(scope))  # fmt: skip


def warning_for_project(project: Project, as_of: dt.date, *, plan: ProjectPlan | None = None) -> ProjectWarning:
    """One project's warning as the battle map shows it (its region's policy)."""
    period = Period(as_of.year, as_of.month)
    plan = plan or build_plan(project, list(project.milestones.all()), as_of)
    figures = project_figures(Project.objects.filter(pk=project.pk), period)
    extra = extra_reasons([project.pk], as_of).get(project.pk, [])
    return evaluate(plan, figures.get(project.pk), period.elapsed_pct, policy_for(Scope(region=project.region)), extra)


@dataclass
class SummaryRow:
    label: str
    counts: Counter
    projects: dict[str, list[ProjectWarning]]

    def as_json(self) -> dict:
        return {"group": self.label, **{level: self.counts[level] for level in SEVERITY},
                "red_projects": [w.project.code for w in self.projects[Level.RED]],
                "yellow_projects": [w.project.code for w in self.projects[Level.YELLOW]]}  # fmt: skip


def summarise(warnings: list[ProjectWarning], by: str, year: int) -> list[SummaryRow]:
    """Red/yellow/green counts grouped by "list", "platform" or "region" (a project may be on several lists)."""
    groups: dict[str, list[ProjectWarning]] = defaultdict(list)
    if by == "list":
        ids = {w.project.pk: w for w in warnings}
        memberships = ListMembership.objects.filter(year=year, project_id__in=ids).select_related("project_list")
        for m in memberships.order_by("project_list__sort_order"):
            groups[str(m.project_list)].append(ids[m.project_id])
    else:
        for w in warnings:
            node = getattr(w.project, by)
            groups[str(node) if node else "—"].append(w)
    rows = []
    for label, members in groups.items():
        by_level = {level: [w for w in members if w.level == level] for level in SEVERITY}
        rows.append(SummaryRow(label, Counter({lvl: len(ws) for lvl, ws in by_level.items()}), by_level))
    return rows
