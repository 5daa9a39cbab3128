"""Reading the rollups: which rows a scope and a user reach, and the figures of a period from them.

Every scope (region subtree, platform subtree, list, industry, department — any combination) and every
access grant (region subtree, platform subtree, department, ANDed within a role assignment, ORed across
them; `guatu.accounts.access`) is a condition on the rows' own keys, so every scope is answered from the
rollups exactly, for every user; the tests compare each answer with the raw computation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce, Collate

from guatu.accounts.roles import granted
from guatu.core.models import Platform, Region
from guatu.core.periods import Period
from guatu.projects.scope import Scope
from guatu.rollups.models import OVERALL, TIMELESS, YearFigures

INT = IntegerField()
NOTHING = None  # what `conditions` returns when the user sees no project


def _subtree(model, path: str):
    return model.objects.filter(path__startswith=path).values("pk")


def user_condition(user) -> Q | None:
    """The projects `user` may view (`guatu.accounts.access.scope_q` for projects), as a condition on rollup
    rows; None when the user sees none. `user=None` is the system: everything."""
    if user is None:
        return Q()
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return NOTHING
    if user.is_superuser:
        return Q()
    from guatu.accounts.access import grants_of

    grants = [g for g in grants_of(user) if granted(g.role, "projects.project", "view")]
    if not grants:
        return NOTHING
    combined = Q(pk__in=[])
    for grant in grants:
        dims = grant.dimensions
        if not dims:
            return Q()
        q = Q()
        if "region" in dims:
            q &= Q(region_id__in=_subtree(Region, dims["region"]))
        if "platform" in dims:
            q &= Q(platform_id__in=_subtree(Platform, dims["platform"]))
        if "department" in dims:
            q &= Q(department_id=dims["department"])
        combined |= q
    return combined


def scope_condition(scope: Scope) -> Q:
    """The scope's keys other than the list (the list picks rows by `list_id`)."""
    q = Q()
    if scope.region:
        q &= Q(region_id__in=_subtree(Region, scope.region.path))
    if scope.platform:
        q &= Q(platform_id__in=_subtree(Platform, scope.platform.path))
    if scope.industry:
        q &= Q(industry_id=scope.industry.pk)
    if scope.department:
        q &= Q(department_id=scope.department.pk)
    return q


def rows_for(scope: Scope, user) -> object:
    """The rollup rows of the projects in `scope` that `user` sees (any year, any list), or None for none."""
    who = user_condition(user)
    if who is NOTHING:
        return None
    return YearFigures.objects.filter(who & scope_condition(scope))


@dataclass
class Totals:
    """A group's sums, in fen (integers), for one period."""

    projects: int = 0
    started: int = 0
    total: int = 0
    plan: int = 0
    ytd: int = 0
    lagging: int = 0
    planned: int = 0  # projects with an annual plan (expected to report)
    reported: int = 0  # … of which reported this month


def ytd_column(month: int) -> str:
    return f"ytd{month}"


def _lagging(qs, month: int):
    """Rows with a plan whose completion is below 序时进度: 12 × YTD < month × plan (exact integers)."""
    return qs.alias(_ytd12=Coalesce(F(ytd_column(month)), Value(0)) * 12, _plan_m=F("plan") * month).filter(
        plan__gt=0, _ytd12__lt=F("_plan_m")
    )


def totals(scope: Scope, period: Period, user) -> dict[int, Totals] | None:
    """Per list id (0: all projects in scope) the period's sums; None when the user sees nothing."""
    rows = rows_for(scope, user)
    if rows is None:
        return None
    year, month = period.year, period.month
    if scope.project_list:
        rows = rows.filter(year=year, list_id=scope.project_list.pk)
    else:
        rows = rows.filter(year__in=[TIMELESS, year])
    bit = 1 << (month - 1)
    one, zero = Value(1), Value(0)
    found = (
        rows.alias(
            _ytd12=Coalesce(F(ytd_column(month)), Value(0)) * 12,
            _plan_m=F("plan") * month,
            _bit=F("reported").bitand(bit),
        )
        .values("list_id", "year")
        .annotate(
            n=Count("id"),
            started=Sum(Case(When(actual_start__lte=period.end, then=one), default=zero, output_field=INT)),
            total_fen=Sum("total"),
            plan_fen=Sum("plan"),
            ytd_fen=Sum(ytd_column(month)),
            lagging=Sum(
                Case(When(plan__gt=0, _ytd12__lt=F("_plan_m"), then=one), default=zero, output_field=IntegerField())
            ),
            planned=Count("plan"),
            reported=Sum(
                Case(When(plan__isnull=False, _bit__gt=0, then=one), default=zero, output_field=IntegerField())
            ),
        )
        .order_by()
    )
    out: dict[int, Totals] = {}
    for r in found:
        keys = [OVERALL, scope.project_list.pk] if scope.project_list else [r["list_id"]]
        for key in keys:
            t = out.setdefault(key, Totals())
            if r["year"] == TIMELESS or r["list_id"] != OVERALL:
                t.projects, t.started, t.total = r["n"], r["started"] or 0, r["total_fen"] or 0
            if r["year"] != TIMELESS:
                t.plan, t.ytd, t.lagging = r["plan_fen"] or 0, r["ytd_fen"] or 0, r["lagging"] or 0
                t.planned, t.reported = r["planned"], r["reported"] or 0
    return out


FIGURE_FIELDS = ("list_id", "project_id", "code", "name", "total", "actual_start", "plan", "reported")


def _code_order():
    return Collate(F("code"), "C") if connection.vendor == "postgresql" else F("code")


def laggards(scope: Scope, period: Period, user) -> list[tuple]:
    """Every lagging (list id, project id, code, name, total, start, plan, reported mask, ytd) in scope, by list,
    furthest behind first (float order; `guatu.projects.progress` checks it exactly)."""
    rows = rows_for(scope, user)
    if rows is None:
        return []
    rows = rows.filter(year=period.year)
    if scope.project_list:
        rows = rows.filter(list_id=scope.project_list.pk)
    col = ytd_column(period.month)
    ratio = Coalesce(F(col), Value(0)) * Value(1.0) / F("plan")
    return list(
        _lagging(rows, period.month)
        .annotate(_ytd=Coalesce(F(col), Value(0)))
        .order_by("list_id", ratio, _code_order())
        .values_list(*FIGURE_FIELDS, "_ytd")
    )


def members(scope: Scope, period: Period, user, list_id: int) -> list[tuple]:
    """Every project of a group (a list, or all in scope: `OVERALL`) with its figures for the period:
    (project id, code, name, total, start, plan, reported mask, ytd)."""
    rows = rows_for(scope, user)
    if rows is None:
        return []
    col = ytd_column(period.month)
    fields = ("project_id", "code", "name", "total", "actual_start", "plan", "reported", col)
    if list_id != OVERALL or scope.project_list:
        return list(rows.filter(year=period.year, list_id=list_id or scope.project_list.pk).values_list(*fields))
    year_rows = {r[0]: r for r in rows.filter(year=period.year, list_id=OVERALL).values_list(*fields)}
    timeless = rows.filter(year=TIMELESS).values_list(*fields)
    return [year_rows.get(r[0], (*r[:5], None, 0, None)) for r in timeless]


def year_figures(project_ids, period: Period) -> dict[int, tuple]:
    """For the projects `project_ids` (ids or an id subquery): (project id, code, name, total, start, plan,
    reported mask, ytd) of the period's year — only projects with a plan, a report or a list that year."""
    col = ytd_column(period.month)
    rows = YearFigures.objects.filter(year=period.year, list_id=OVERALL, project_id__in=project_ids)
    return {r[0]: r for r in rows.values_list("project_id", "code", "name", "total", "actual_start", "plan",
                                              "reported", col)}  # fmt: skip


def timeless_figures(project_ids) -> dict[int, tuple]:
    """(project id, code, name, total, start) of the projects `project_ids` (year-independent rows)."""
    rows = YearFigures.objects.filter(year=TIMELESS, list_id=OVERALL, project_id__in=project_ids)
    return {r[0]: r for r in rows.values_list("project_id", "code", "name", "total", "actual_start")}
