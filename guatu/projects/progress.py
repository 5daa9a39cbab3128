"""Progress against annual targets — the one computation the cockpit, API, CLI and briefing share.

For a scope and a period (year, through month): per project list, how many projects, how many
started, total investment, Σ annual plan, Σ YTD actual, completion rate, 序时进度, 超序时, and
the lagging projects. Amounts are Decimal 万元; rates are unrounded Decimal percentages, rounded
half-up only when shown (`guatu.core.money`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.core.money import money_str, pct_str, ratio_pct, round_half_up
from guatu.core.periods import Period
from guatu.projects.models import ListMembership, Project, ProjectList
from guatu.projects.scope import Scope

ZERO = Decimal(0)


@dataclass(frozen=True)
class ProjectFigures:
    """One project's figures for the period."""

    pk: int
    code: str
    name: str
    total_investment: Decimal
    annual_plan: Decimal | None
    ytd_actual: Decimal | None
    ytd_month: int | None
    started: bool

    @property
    def completion(self) -> Decimal | None:
        return ratio_pct(self.ytd_actual or ZERO, self.annual_plan)


@dataclass
class ProgressRow:
    """Aggregate figures for a set of projects (one list, or everything in scope)."""

    label: str
    project_list: ProjectList | None
    period: Period
    members: list[ProjectFigures] = field(default_factory=list)

    @property
    def projects(self) -> int:
        return len(self.members)

    @property
    def started(self) -> int:
        return sum(1 for m in self.members if m.started)

    @property
    def total_investment(self) -> Decimal:
        return sum((m.total_investment for m in self.members), ZERO)

    @property
    def annual_plan(self) -> Decimal:
        return sum((m.annual_plan or ZERO for m in self.members), ZERO)

    @property
    def ytd_actual(self) -> Decimal:
        return sum((m.ytd_actual or ZERO for m in self.members), ZERO)

    @property
    def completion(self) -> Decimal | None:
        """年度完成率 = Σ YTD actual ÷ Σ annual plan × 100 (unrounded); None without a plan."""
        return ratio_pct(self.ytd_actual, self.annual_plan)

    @property
    def elapsed(self) -> Decimal:
        return self.period.elapsed_pct

    @property
    def ahead(self) -> bool | None:
        """超序时: completion at or above 序时进度; None when there is no plan to compare with."""
        return None if self.completion is None else self.completion >= self.elapsed

    @property
    def lagging(self) -> list[ProjectFigures]:
        """Members with a plan whose completion is below 序时进度, furthest behind first."""
        behind = [m for m in self.members if m.completion is not None and m.completion < self.elapsed]
        return sorted(behind, key=lambda m: (m.completion, m.code))

    def as_json(self) -> dict:
        return {
            "list": self.label,
            "list_code": self.project_list.code if self.project_list else None,
            "projects": self.projects,
            "started": self.started,
            "total_investment_wan": money_str(self.total_investment),
            "annual_plan_wan": money_str(self.annual_plan),
            "ytd_actual_wan": money_str(self.ytd_actual),
            "completion_pct": pct_str(self.completion),
            "elapsed_pct": pct_str(self.elapsed),
            "ahead": self.ahead,
            "lagging": [
                {"code": m.code, "name": m.name, "completion_pct": pct_str(m.completion)} for m in self.lagging
            ],
        }


@dataclass
class ProgressReport:
    period: Period
    scope: Scope
    rows: list[ProgressRow]
    overall: ProgressRow

    def as_json(self) -> dict:
        return {
            "year": self.period.year,
            "through_month": self.period.month,
            "scope": self.scope.parts(),
            "rows": [row.as_json() for row in self.rows],
            "overall": self.overall.as_json(),
        }


def _cents(value: Decimal | None) -> Decimal | None:
    """Annotated decimals come back unquantized on SQLite; give every amount two places."""
    return None if value is None else round_half_up(value, 2)


def project_figures(projects, period: Period) -> dict[int, ProjectFigures]:
    """Figures for each project in the queryset, in one query."""
    rows = projects.with_figures(period.year, period.month).values(
        "pk", "code", "name", "total_investment", "actual_start", "annual_plan", "ytd_actual", "ytd_month"
    )
    return {
        r["pk"]: ProjectFigures(
            pk=r["pk"],
            code=r["code"],
            name=r["name"],
            total_investment=_cents(r["total_investment"]),
            annual_plan=_cents(r["annual_plan"]),
            ytd_actual=_cents(r["ytd_actual"]),
            ytd_month=r["ytd_month"],
            started=r["actual_start"] is not None and r["actual_start"] <= period.end,
        )
        for r in rows
    }


def progress(scope: Scope, period: Period, *, user=None) -> ProgressReport:
    """Progress of every project list in `scope` for `period`, plus all projects in scope together.

    `user` is who is asking; `None` is the system (CLI). Three queries whatever the size.
    """
    in_scope = scope.apply(Project.objects.visible_to(user), period.year).distinct()
    figures = project_figures(in_scope, period)
    by_list: dict[int, list[ProjectFigures]] = defaultdict(list)
    memberships = ListMembership.objects.filter(year=period.year, project__in=in_scope.values("pk"))
    if scope.project_list:
        memberships = memberships.filter(project_list=scope.project_list)
    for project_id, list_id in memberships.values_list("project_id", "project_list_id"):
        by_list[list_id].append(figures[project_id])
    lists = ProjectList.objects.filter(pk__in=by_list.keys()).order_by("sort_order", "code")
    rows = [ProgressRow(str(lst), lst, period, sorted(by_list[lst.pk], key=lambda m: m.code)) for lst in lists]
    overall = ProgressRow(str(_("All projects in scope")), None, period, sorted(figures.values(), key=lambda m: m.code))
    return ProgressReport(period=period, scope=scope, rows=rows, overall=overall)
