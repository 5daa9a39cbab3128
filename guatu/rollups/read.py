"""Reading the rollups: which rows a scope and a user reach, and the figures of a period from them.

Every scope (region subtree, platform subtree, list, industry, department — any combination) and every
access grant (region subtree, platform subtree, department, ANDed within a role assignment, ORed across
them; `guatu.accounts.access`) is a condition on the rows' own keys, so every scope is answered from the
rollups exactly, for every user; the tests compare each answer with the raw computation.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection
from django.db.models import Q

from guatu.accounts.roles import granted
from guatu.core.models import Platform, Region
from guatu.core.periods import Period
from guatu.projects.scope import Scope
from guatu.rollups.models import OVERALL, TIMELESS, GroupFigures, YearFigures, lag_condition, lag_ratio

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


def _like(path: str) -> str:
    return path.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


SUBTREE = {"region": ("core_region", "region_id"), "platform": ("core_platform", "platform_id")}


def _grants(user) -> list[dict] | None:
    """The dimensions of each of `user`'s grants to view projects ([{}] for everything: the system, a superuser or
    a grant without dimensions); None when the user sees nothing."""
    if user is None:
        return [{}]
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return None
    if user.is_superuser:
        return [{}]
    from guatu.accounts.access import grants_of

    grants = [g.dimensions for g in grants_of(user) if granted(g.role, "projects.project", "view")]
    if not grants:
        return None
    return [{}] if any(not dims for dims in grants) else grants


def sql_filter(scope: Scope, user, *, lead: bool = True) -> tuple[str, str, list] | None:
    """The rows of `scope` that `user` sees, as SQL: (tables joined before the rollup table `f`, conditions,
    parameters); None when the user sees nothing. With `lead`, the scope's region and platform subtrees lead the
    join (CROSS JOIN: SQLite then walks the subtree's few regions and reads their rows by index instead of the
    whole year's); without, they are conditions like the user's grants (`user_condition` in SQL), for a query
    that walks another index (the laggards in order) or reads the small groups table."""
    grants = _grants(user)
    if grants is None:
        return None
    joins, where, params = [], [], []
    if grants != [{}]:
        ors = []
        for dims in grants:
            ands = []
            for key in ("region", "platform"):
                if key in dims:
                    table, column = SUBTREE[key]
                    ands.append(f"f.{column} IN (SELECT id FROM {table} WHERE path LIKE %s ESCAPE '\\')")
                    params.append(_like(dims[key]))
            if "department" in dims:
                ands.append("f.department_id = %s")
                params.append(dims["department"])
            ors.append("(" + " AND ".join(ands) + ")")
        where.append("(" + " OR ".join(ors) + ")")
    for key, alias in (("region", "sr"), ("platform", "sp")):
        node = getattr(scope, key)
        if node is None:
            continue
        table, column = SUBTREE[key]
        if lead:
            joins.append(f"{table} {alias} CROSS JOIN ")
            where.insert(0, f"{alias}.id = f.{column} AND {alias}.path LIKE %s ESCAPE '\\'")
            params.insert(0, _like(node.path))
        else:
            where.append(f"f.{column} IN (SELECT id FROM {table} WHERE path LIKE %s ESCAPE '\\')")
            params.append(_like(node.path))
    if scope.industry:
        where.append("f.industry_id = %s")
        params.append(scope.industry.pk)
    if scope.department:
        where.append("f.department_id = %s")
        params.append(scope.department.pk)
    return "".join(joins), " AND ".join(where) or "TRUE", params


def grouped(scope: Scope, user) -> bool:
    """Whether the groups (keyed by list, region and platform) answer `scope` for `user`: not when the scope or
    one of the user's grants names an industry or a department."""
    grants = _grants(user) or []
    return not (scope.industry or scope.department or any("department" in dims for dims in grants))


TABLE = YearFigures._meta.db_table
GROUPS = GroupFigures._meta.db_table


def totals(scope: Scope, period: Period, user, *, groups: bool | None = None) -> dict[int, Totals] | None:
    """Per list id (0: all projects in scope) the period's sums; None when the user sees nothing. One query, of the
    groups when they answer the scope (`grouped`), else (or with `groups=False`) of the rows."""
    groups = grouped(scope, user) if groups is None else groups and grouped(scope, user)
    found = sql_filter(scope, user, lead=not groups)
    if found is None:
        return None
    joins, where, params = found
    year, month, ytd = period.year, period.month, ytd_column(period.month)
    if scope.project_list:
        where += " AND f.year = %s AND f.list_id = %s"
        params = [*params, year, scope.project_list.pk]
    else:
        where += " AND f.year IN (%s, %s)"
        params = [*params, TIMELESS, year]
    if groups:
        sql = (
            f"SELECT f.list_id, f.year, SUM(f.projects), SUM(CASE WHEN f.start_year = {year} THEN f.started{month} "
            f"WHEN f.start_year > 0 AND f.start_year < {year} THEN f.projects ELSE 0 END), SUM(f.total), "
            f"SUM(f.plan), SUM(f.ytd{month}), SUM(f.lag{month}), SUM(f.planned), SUM(f.rep{month}) "
            f"FROM {GROUPS} f WHERE {where} GROUP BY f.list_id, f.year"
        )  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return _totals(scope, cursor.fetchall())
    end = connection.ops.adapt_datefield_value(period.end)
    sql = (
        f"SELECT f.list_id, f.year, COUNT(*), SUM(CASE WHEN f.actual_start <= %s THEN 1 ELSE 0 END), SUM(f.total), "
        f"SUM(f.plan), SUM(f.{ytd}), "
        f"SUM(CASE WHEN f.plan > 0 AND 12 * COALESCE(f.{ytd}, 0) < {month} * f.plan THEN 1 ELSE 0 END), "
        f"COUNT(f.plan), "
        f"SUM(CASE WHEN f.plan IS NOT NULL AND (f.reported & {1 << (month - 1)}) <> 0 THEN 1 ELSE 0 END) "
        f"FROM {joins}{TABLE} f WHERE {where} GROUP BY f.list_id, f.year"
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(sql, [end, *params])
        return _totals(scope, cursor.fetchall())


def _totals(scope: Scope, fetched) -> dict[int, Totals]:
    """The sums per (list id, year) → per list id, the list rows' own and the overall ones from the year-0 rows."""
    out: dict[int, Totals] = {}
    for list_id, row_year, n, started, total, plan, ytd_sum, lagging, planned, reported in fetched:
        keys = [OVERALL, scope.project_list.pk] if scope.project_list else [list_id]
        for key in keys:
            t = out.setdefault(key, Totals())
            if row_year == TIMELESS or list_id != OVERALL:
                t.projects, t.started, t.total = int(n), int(started or 0), int(total or 0)
            if row_year != TIMELESS:
                t.plan, t.ytd, t.lagging = int(plan or 0), int(ytd_sum or 0), int(lagging or 0)
                t.planned, t.reported = int(planned or 0), int(reported or 0)
    return out


FIGURE_FIELDS = ("list_id", "project_id", "code", "name", "total", "actual_start", "plan", "reported")


def laggards(scope: Scope, period: Period, user) -> tuple[list[tuple], list[tuple[int, int]]]:
    """The lagging projects in scope: (project id, code, name, total, start, plan, reported mask, ytd) furthest
    behind first — in float order, ties by code (`guatu.projects.progress` checks the order exactly) — and
    (list id, project id) of each list they are on. Lagging is the project's, whatever the list, so each list's
    laggards are the overall ones on that list, in the same order. The start is as the database gives it
    (text on SQLite): parse it with `facts.to_date` when needed. One query."""
    found = sql_filter(scope, user)
    if found is None:
        return [], []
    joins, where, params = found
    month, ytd = period.month, ytd_column(period.month)
    where += f" AND f.year = %s AND f.plan > 0 AND 12 * COALESCE(f.{ytd}, 0) < {month} * f.plan"
    params = [*params, period.year]
    if scope.project_list:
        where += " AND f.list_id = %s"
        params.append(scope.project_list.pk)
    # The list rows repeat the project's figures: only their list and project ids are read.
    lead = "0" if scope.project_list else "f.list_id"
    full = "TRUE" if scope.project_list else "f.list_id = 0"
    columns = ", ".join(f"CASE WHEN {full} THEN f.{c} END" for c in ("code", "name", "total", "actual_start", "plan",
                                                                    "reported"))  # fmt: skip
    sql = f"SELECT {lead}, f.list_id, f.project_id, {columns}, COALESCE(f.{ytd}, 0) FROM {joins}{TABLE} f WHERE {where}"
    with connection.cursor() as cursor:  # plain rows: no converters for 100,000 laggards
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    rows = [r[2:] for r in fetched if r[0] == 0]
    pairs = [(r[1], r[2]) for r in fetched if r[1] != 0]
    rows.sort(key=lambda r: (r[7] / r[5], r[1]))
    return rows, pairs


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


LAGGARD_FIELDS = "f.project_id, f.code, f.name, f.total, f.actual_start, f.plan, f.reported"


def _code_order() -> str:
    return 'f.code COLLATE "C"' if connection.vendor == "postgresql" else "f.code"


def laggard_pages(scope: Scope, period: Period, user, keys: list[int], offset: int, size: int) -> dict[int, list]:
    """A page of each row's laggards: for each key (a list id; 0: all projects in scope) the laggards at positions
    `offset` … `offset + size - 1` furthest behind first, ties by code, exactly (`Laggard`s, as
    `guatu.projects.progress._exact_order` orders them). One query for every row (each a walk of the first
    entries of the month's laggard index, `models.lag_index_sql`); one or two more for a row whose page starts or
    ends among laggards whose completions are equal as floats but not exactly."""
    from guatu.projects.progress import Laggard, exact_page

    found = sql_filter(scope, user, lead=False)
    if found is None or not keys:
        return {key: [] for key in keys}
    _joins, where, params = found
    month, vendor = period.month, connection.vendor
    ratio = lag_ratio(vendor, month)
    base = f"{where} AND f.year = %s AND f.list_id = %s AND {lag_condition(month)}"
    columns = f"{LAGGARD_FIELDS}, COALESCE(f.ytd{month}, 0), {ratio}"
    order = f"ORDER BY {ratio}, {_code_order()}"
    start = max(offset - 1, 0)  # the row before the page, to see whether the page starts inside a tie
    limit = size + 1 + (offset - start)  # … and the row after it
    list_of = {key: (scope.project_list.pk if scope.project_list else key) for key in keys}
    arms, args = [], []
    for i, key in enumerate(keys):
        arms.append(f"SELECT * FROM (SELECT {key} AS k, {columns} FROM {TABLE} f WHERE {base} {order} "
                    f"LIMIT {limit} OFFSET {start}) a{i}")  # fmt: skip
        args += [*params, period.year, list_of[key]]
    fetched: dict[int, list] = {key: [] for key in keys}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(arms), args)
        for key, *row in cursor.fetchall():
            fetched[key].append((Laggard(*row[:7], int(row[7])), row[8]))

    def reader(key: int):
        def group(value: float) -> list:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT {columns} FROM {TABLE} f WHERE {base} AND {ratio} = %s",
                               [*params, period.year, list_of[key], value])  # fmt: skip
                return [Laggard(*row[:7], int(row[7])) for row in cursor.fetchall()]

        def below(value: float) -> int:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM {TABLE} f WHERE {base} AND {ratio} < %s",
                               [*params, period.year, list_of[key], value])  # fmt: skip
                return cursor.fetchone()[0]

        return group, below

    return {key: exact_page(fetched[key], offset, size, *reader(key)) for key in keys}
