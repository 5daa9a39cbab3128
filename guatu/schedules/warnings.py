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
import functools
import heapq
import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from guatu.core.cache import remembered, result_key
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
    """The other parts' red reasons of the projects `project_ids` (ids, or a queryset of ids: a subquery)."""
    found: dict[int, list[Reason]] = {}
    ids = project_ids if isinstance(project_ids, QuerySet) else list(project_ids)
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
    level = completion_level(figures, elapsed, rules)
    if level:
        reasons.append(Reason(level, "completion", _(
            "YTD completion %(completion)s%% is %(points)s points below time elapsed") % {
            "completion": round_half_up(figures.completion, 1),
            "points": round_half_up(elapsed - figures.completion, 1)}))  # fmt: skip
    return ProjectWarning(plan.project, worst(r.level for r in reasons), reasons, levels, plan)


def completion_level(figures: ProjectFigures | None, elapsed: Decimal, rules: Thresholds) -> str | None:
    """The completion rule: red or yellow when YTD completion is that many points below time elapsed, else None
    (also when there is no completion)."""
    if figures is None or figures.completion is None:
        return None
    behind = elapsed - figures.completion
    if behind > rules.red_points_below:
        return Level.RED
    if behind > rules.yellow_points_below:
        return Level.YELLOW
    return None


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
    """Every project in scope, most severe first, each evaluated in Python with its reasons (the API's and the
    CLI's project list, the export): also the definition `scope_warnings` is checked against."""
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


# Set-based warnings: a project without milestones or another part's reason can only be flagged by the
# completion rule, a comparison of two integers of its rollup row — the database gives those levels, counts
# and groups for the whole scope. Only the projects that have milestones (or another part's reason) are
# evaluated in Python (`light_plans`), kept across writes (after a write only the projects it changed are
# evaluated again: `special_levels`), and only the page's projects are loaded in full.

LEVELS = (Level.RED, Level.YELLOW, Level.GREEN)  # by severity: a level's index is its SEVERITY


class Special(NamedTuple):
    """A project with milestones or another part's red reason, as its evaluation left it (a plain tuple: a
    province's are cached as one entry, and tuples of plain values pickle several times faster than objects)."""

    pk: int
    level: str
    code: str
    name: str
    milestones: bool  # on the battle map: it has milestones (scheduled, or unschedulable with the reason)
    region_id: int
    platform_id: int
    list_ids: tuple[int, ...]

    @property
    def order(self) -> tuple[int, str]:
        return SEVERITY[self.level], self.code


def _special(scope: Scope, as_of: dt.date, user, rules: Thresholds, only=None) -> dict[int, Special]:
    """The projects in scope that have milestones or another part's reason, with their levels: the schedule
    rules' level as remembered per project (`plan_levels`: only projects whose milestones or promise changed since
    are scheduled again), the completion rule from the rollups and the other parts' reasons, read fresh. `only`:
    just these project ids (those a write changed)."""
    from guatu.schedules.models import Milestone
    from guatu.schedules.plan_levels import schedule_levels

    period = Period(as_of.year, as_of.month)
    in_scope = _in_scope(scope, as_of.year, user)
    if only is not None:
        in_scope = in_scope.filter(pk__in=list(only))
    extra = extra_reasons(in_scope.order_by().values("pk"), as_of)
    chosen = in_scope.filter(Q(pk__in=Milestone.objects.values("project_id")) | Q(pk__in=list(extra)))
    figures = rollup_figures(chosen, period)
    ids = chosen.order_by().values("pk")
    rows = Project.objects.filter(pk__in=ids).values_list("pk", "code", "name", "region_id", "platform_id")
    lists: dict[int, list[int]] = defaultdict(list)
    for pk, list_id in ListMembership.objects.filter(year=as_of.year, project__in=ids).values_list(
        "project_id", "project_list_id"
    ):
        lists[pk].append(list_id)
    scheduled = schedule_levels(chosen, as_of, rules)
    found = {}
    for pk, code, name, region_id, platform_id in rows:
        levels = [scheduled.get(pk, Level.GREEN), completion_level(figures.get(pk), period.elapsed_pct, rules)]
        level = worst([lvl for lvl in levels if lvl] + [Level.RED] * bool(extra.get(pk)))
        found[pk] = Special(pk, str(level), code, name, pk in scheduled, region_id, platform_id or 0,
                            tuple(sorted(lists[pk])))  # fmt: skip
    return found


def _key_parts(scope: Scope, as_of: dt.date, rules: Thresholds) -> list:
    return [sorted(scope.as_query().items()), as_of.isoformat(), [str(v) for v in vars(rules).values()]]


def _cache_key(scope: Scope, as_of: dt.date, user, rules: Thresholds) -> str:
    """The key of what is cached about a scope's warnings: who sees what, the scope, the day, the thresholds and
    the data version (`guatu.core.cache`: it moves with every write, so nothing stale is ever read). The name
    carries the shape of what is cached under it, so an older release's entries are never unpickled into it."""
    return result_key("warnings:3", user=user, parts=_key_parts(scope, as_of, rules))


def special_levels(scope: Scope, as_of: dt.date, *, user=None, rules: Thresholds | None = None) -> dict[int, Special]:
    """`_special`, kept across writes (`guatu.core.watermarks.kept_by_project`): one entry per (who sees what,
    scope, day, thresholds); after a write only the projects it changed are evaluated again. The entry holds plain
    tuples: they pickle several times faster than `Special`s."""
    from guatu.core.cache import standing_key
    from guatu.core.watermarks import kept_by_project

    rules = rules or policy_for(scope)
    key = standing_key("warnings-special:1", user=user, parts=_key_parts(scope, as_of, rules))
    rows = kept_by_project(
        key, lambda only: {pk: tuple(s) for pk, s in _special(scope, as_of, user, rules, only=only).items()}
    )
    return {pk: Special._make(row) for pk, row in rows.items()}


def _level_sql(rules: Thresholds, month: int, plan: str, ytd: str) -> str:
    """The completion rule as SQL: 0 (red), 1 (yellow) or 2 (green) from a rollup row's plan and YTD (fen).

    `evaluate` flags a project when 序时进度 − completion > the threshold T, i.e. 100·month/12 − 100·ytd/plan > T.
    With T = n/d (a fraction: thresholds have one decimal) and plan > 0 that is plan·(100·month·d − 12·n) >
    1200·d·ytd — integers, exact on both databases (a negative plan turns the comparison round). No plan (or a
    zero one): no completion, no flag."""

    def behind(points: Decimal) -> str:
        n, d = points.as_integer_ratio()
        k, a = 100 * month * d - 12 * n, 1200 * d
        y = f"COALESCE({ytd}, 0)"
        return f"(({plan} > 0 AND {plan} * {k} > {a} * {y}) OR ({plan} < 0 AND {plan} * {k} < {a} * {y}))"

    return (f"CASE WHEN {behind(Decimal(rules.red_points_below))} THEN 0 "
            f"WHEN {behind(Decimal(rules.yellow_points_below))} THEN 1 ELSE 2 END")  # fmt: skip


@dataclass
class ScopeWarnings:
    """The warnings of every project in a scope, set-based: counts, summaries and pages of flagged projects."""

    scope: Scope
    as_of: dt.date
    user: object
    rules: Thresholds
    key: str  # what the levels, counts, groups and pages are cached under (`_cache_key`)

    @functools.cached_property
    def special(self) -> dict[int, Special]:
        """The projects with milestones or another part's reason, evaluated (read only when a count, group or
        page is not cached yet)."""
        return special_levels(self.scope, self.as_of, user=self.user, rules=self.rules)

    def map_levels(self) -> list[tuple[int, str]]:
        """(project id, level) of the projects with milestones — the battle map's — most severe first, then by
        code; cached (a page of the map reads this, not every project's evaluation)."""

        def compute():
            found = sorted((s for s in self.special.values() if s.milestones), key=lambda s: s.order)
            return [(s.pk, s.level) for s in found]

        return remembered(f"{self.key}:map", compute)

    @property
    def period(self) -> Period:
        return Period(self.as_of.year, self.as_of.month)

    def _rows(self, columns: str, *, by: str = "") -> tuple[str, list] | None:
        """SQL selecting `columns` (with `lvl`, `code`, `name`, `grp`) for every project in scope that is not
        special; None when the user sees nothing."""
        from guatu.rollups.read import TABLE, sql_filter
        from guatu.schedules.models import Milestone

        found = sql_filter(self.scope, self.user)
        if found is None:
            return None
        joins, where, params = found
        year, col = self.as_of.year, f"ytd{self.as_of.month}"
        source_params: list = []
        if self.scope.project_list:  # the list's rows: they repeat the project's figures of the year
            source, plan, ytd = f"{joins}{TABLE} f", "f.plan", f"f.{col}"
            where += " AND f.year = %s AND f.list_id = %s"
            params = [*params, year, self.scope.project_list.pk]
        else:  # every project's year-independent row, and its figures of the year when it has any
            source, plan, ytd = (f"{joins}{TABLE} f LEFT JOIN {TABLE} y ON y.project_id = f.project_id "
                                 f"AND y.year = %s AND y.list_id = 0", "y.plan", f"y.{col}")  # fmt: skip
            where += " AND f.year = 0 AND f.list_id = 0"
            source_params.append(year)
        where += f" AND NOT EXISTS (SELECT 1 FROM {Milestone._meta.db_table} m WHERE m.project_id = f.project_id)"
        others = [pk for pk, s in self.special.items() if not s.milestones]
        if others:
            where += f" AND f.project_id NOT IN ({', '.join(['%s'] * len(others))})"
            params = [*params, *others]
        group = {"": "0", "region": "f.region_id", "platform": "f.platform_id", "list": "lm.project_list_id"}[by]
        if by == "list":
            source += f" JOIN {ListMembership._meta.db_table} lm ON lm.project_id = f.project_id AND lm.year = %s"
            source_params.append(year)
        inner = (
            f"SELECT f.project_id AS pk, f.code AS code, f.name AS name, {group} AS grp, "
            f"{_level_sql(self.rules, self.as_of.month, plan, ytd)} AS lvl FROM {source} WHERE {where}"
        )
        params = [*source_params, *params]
        return f"SELECT {columns} FROM ({inner}) s", params

    def _fetch(self, columns: str, tail: str = "", extra: list = (), *, by: str = "") -> list[tuple]:
        from django.db import connection

        found = self._rows(columns, by=by)
        if found is None:
            return []
        sql, params = found
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} {tail}", [*params, *extra])
            return cursor.fetchall()

    def counts(self) -> Counter:
        """Red, yellow and green projects in scope (every level there, zero or not)."""
        return remembered(f"{self.key}:counts", self._counts)

    def _counts(self) -> Counter:
        counts = Counter({level: 0 for level in LEVELS})
        for lvl, n in self._fetch("s.lvl, COUNT(*)", "GROUP BY s.lvl"):
            counts[LEVELS[lvl]] += n
        counts.update(s.level for s in self.special.values())
        return counts

    def flagged(self, level: str = "") -> FlaggedList:
        """The projects at `level` (default: red and yellow), most severe first, then by code: a sequence a
        Paginator pages, each page's projects evaluated in full."""
        return FlaggedList(self, [level] if level else [Level.RED, Level.YELLOW])

    def summary(self, by: str, *, named: int | None = None) -> list[SummaryRow]:
        """`summarise` for the whole scope: red/yellow/green counts grouped by "list", "platform" or "region",
        with the red and yellow projects of each group by code (only the first `named` red ones when given)."""
        return remembered(f"{self.key}:summary:{by}:{named}", lambda: self._summary(by, named))

    def _summary(self, by: str, named: int | None) -> list[SummaryRow]:
        from guatu.core.models import Platform, Region
        from guatu.projects.models import ProjectList

        counts: dict[int, Counter] = defaultdict(Counter)
        first: dict[int, tuple] = {}
        named_rows: dict[int, dict[str, list]] = defaultdict(lambda: {level: [] for level in LEVELS})
        for grp, lvl, n, code in self._fetch("s.grp, s.lvl, COUNT(*), MIN(s.code)", "GROUP BY s.grp, s.lvl", by=by):
            counts[grp][LEVELS[lvl]] += n
            first[grp] = min(first.get(grp, (lvl, code)), (lvl, code))
        levels = [Level.RED] if named is not None else [Level.RED, Level.YELLOW]
        window = "ROW_NUMBER() OVER (PARTITION BY s.grp, s.lvl ORDER BY s.code)" if named is not None else "0"
        rows = self._fetch(f"s.grp, s.lvl, s.code, s.name, {window} AS rn",
                           f"WHERE s.lvl IN ({', '.join(str(SEVERITY[lv]) for lv in levels)})", by=by)  # fmt: skip
        if named is not None:
            rows = [r for r in rows if r[4] <= named]
        for grp, lvl, code, name, _rn in rows:
            named_rows[grp][LEVELS[lvl]].append((code, name))
        for s in self.special.values():
            for grp in s.list_ids if by == "list" else [s.region_id if by == "region" else s.platform_id]:
                counts[grp][s.level] += 1
                first[grp] = min(first.get(grp, s.order), s.order)
                if s.level in levels:
                    named_rows[grp][s.level].append((s.code, s.name))
        model = {"list": ProjectList, "region": Region, "platform": Platform}[by]
        nodes = model.objects.in_bulk([g for g in counts if g])
        if by == "list":
            keys = sorted(counts, key=lambda g: (nodes[g].sort_order, nodes[g].code))
        else:
            keys = sorted(counts, key=lambda g: first[g])
        merged: dict[str, SummaryRow] = {}
        for grp in keys:
            label = str(nodes[grp]) if grp else "—"
            row = merged.setdefault(label, SummaryRow(label, Counter({level: 0 for level in LEVELS}),
                                                      {level: [] for level in LEVELS}))  # fmt: skip
            row.counts.update(counts[grp])
            for level, found in named_rows[grp].items():
                row.projects[level] += [Listed(code, name) for code, name in found]
        for row in merged.values():
            for found in row.projects.values():
                found.sort(key=lambda p: p.code)
                if named is not None:
                    del found[named:]
        return list(merged.values())


@dataclass(frozen=True)
class Listed:
    """A project named in a summary: its code and name, and where its page is."""

    code: str
    name: str

    @property
    def project(self) -> Listed:  # a summary's entries read like warnings: `w.project.name`
        return self

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("projects:project_detail", args=[self.code])


class FlaggedList:
    """The projects of a scope at some levels, most severe first then by code, as a sequence: its length is
    counted in the database; a slice merges the special projects (in Python) with the others (in the database,
    up to the slice's end) and evaluates only the slice's projects in full."""

    def __init__(self, warnings: ScopeWarnings, levels: list[str]):
        self.warnings, self.levels = warnings, levels
        self._count: int | None = None

    def count(self) -> int:
        if self._count is None:
            counts = self.warnings.counts()
            self._count = sum(counts[level] for level in self.levels)
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice) or index.step not in (None, 1) or (index.start or 0) < 0:
            raise TypeError("FlaggedList takes slices from a start to a stop")
        start, stop = index.start or 0, self.count() if index.stop is None else index.stop
        if stop <= start:
            return []
        key = f"{self.warnings.key}:flagged:{','.join(self.levels)}:{start}:{stop}"
        ids = remembered(key, lambda: self._ids(start, stop))
        w = self.warnings
        found = {x.project.pk: x for x in _evaluate_all(Project.objects.filter(pk__in=ids), w.as_of, w.rules)}
        return [found[pk] for pk in ids if pk in found]

    def _ids(self, start: int, stop: int) -> list[int]:
        levels = ", ".join(str(SEVERITY[level]) for level in self.levels)
        others = self.warnings._fetch("s.lvl, s.code, s.pk", f"WHERE s.lvl IN ({levels}) ORDER BY s.lvl, s.code "
                                      "LIMIT %s", [stop])  # fmt: skip
        special = sorted((s for s in self.warnings.special.values() if s.level in self.levels), key=lambda s: s.order)
        merged = heapq.merge(((s.order, s.pk) for s in special),
                             (((lvl, code), pk) for lvl, code, pk in others))  # fmt: skip
        return [pk for _order, pk in itertools.islice(merged, start, stop)]


def scope_warnings(scope: Scope, as_of: dt.date, *, user=None) -> ScopeWarnings:
    """The warnings of every project in scope, set-based (`ScopeWarnings`): the same levels, counts, groups and
    reasons as `warnings_for` and `summarise`."""
    rules = policy_for(scope)
    return ScopeWarnings(scope, as_of, user, rules, _cache_key(scope, as_of, user, rules))
