"""Compute rollup rows from the raw rows, and rewrite them for a set of projects (or years of projects).

`build()` is the one definition of a rollup row; `refresh()` reads the raw rows of the given projects,
builds and replaces their rows (called by the write hooks, in the writer's transaction); `guatu synth`
builds rows from what it generates with the same `build()`, and `guatu rollup --verify` compares every
stored row with what `build()` makes of the raw rows now.

The groups (`GroupFigures`, the second level) are kept by deltas: whatever replaces rollup rows subtracts the
old rows' sums and adds the new ones' (`group_sums`, in SQL), and applies the difference once, in key order
(`apply_groups`); `group_of` is the same definition in Python, which `--verify` uses from the raw rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from guatu.core.cache import everything_changed
from guatu.projects.choices import REPORTED_STATUSES
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project
from guatu.rollups.models import (
    COLUMNS,
    GROUP_COLUMNS,
    GROUP_KEY,
    GROUP_VALUES,
    MONTHS,
    OVERALL,
    TIMELESS,
    GroupFigures,
    YearFigures,
    lag_condition,
)

CHUNK = 2000


def to_fen(value) -> int | None:
    """An amount in 万元 as read from either database (Decimal, or SQLite's int/float/str) → integer fen."""
    if value is None:
        return None
    if isinstance(value, int):
        return value * 100
    if isinstance(value, float):
        return round(value * 100)
    return int(Decimal(value).scaleb(2).to_integral_value())


def to_date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class ProjectKeys:
    """What a rollup row keeps of its project."""

    code: str
    name: str
    region_id: int
    platform_id: int
    industry_id: int
    department_id: int
    total: int
    actual_start: dt.date | None


def build(
    projects: dict[int, ProjectKeys],
    plans: dict[tuple[int, int], int],
    reports: Iterable[tuple[int, int, int, int]],
    memberships: Iterable[tuple[int, int, int]],
    years: set[tuple[int, int]] | None = None,
) -> list[tuple]:
    """The rollup rows (tuples in `COLUMNS` order) of `projects`.

    `plans`: (project, year) → planned fen; `reports`: (project, year, month, YTD fen) of the *reported*
    reports only; `memberships`: (project, year, list). With `years` (a set of (project, year)) only those
    years' rows are built (and no year-0 rows); otherwise every year with a plan, a report or a membership,
    and the year-0 row of each project.
    """
    by_month: dict[tuple[int, int], dict[int, int]] = defaultdict(dict)
    for pid, year, month, ytd in reports:
        by_month[(pid, year)][month] = ytd
    lists: dict[tuple[int, int], list[int]] = defaultdict(list)
    for pid, year, list_id in memberships:
        lists[(pid, year)].append(list_id)
    wanted = {*plans, *by_month, *lists}
    if years is not None:
        wanted &= set(years)
    rows = []
    if years is None:
        for pid, p in projects.items():
            rows.append((pid, TIMELESS, OVERALL, p.code, p.name, p.region_id, p.platform_id, p.industry_id,
                         p.department_id, p.total, p.actual_start, None, 0, *([None] * 12)))  # fmt: skip
    for pid, year in sorted(wanted):
        p = projects.get(pid)
        if p is None:
            continue
        months = by_month.get((pid, year), {})
        ytd, mask, carried = [], 0, None
        for month in range(1, 13):
            if month in months:
                carried = months[month]
                mask |= 1 << (month - 1)
            ytd.append(carried)
        head = (p.code, p.name, p.region_id, p.platform_id, p.industry_id, p.department_id, p.total, p.actual_start,
                plans.get((pid, year)), mask, *ytd)  # fmt: skip
        rows.append((pid, year, OVERALL, *head))
        for list_id in sorted(set(lists.get((pid, year), ()))):
            rows.append((pid, year, list_id, *head))
    return rows


def _chunks(items: list, size: int = CHUNK) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(n: int) -> str:
    return ", ".join(["%s"] * n)


def load_projects(ids: list[int]) -> dict[int, ProjectKeys]:
    out = {}
    table = Project._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            cursor.execute(
                f"SELECT id, code, name, region_id, platform_id, industry_id, department_id, total_investment, "
                f"actual_start FROM {table} WHERE id IN ({_marks(len(chunk))})",
                chunk,
            )
            for pid, code, name, region, platform, industry, department, total, start in cursor.fetchall():
                out[pid] = ProjectKeys(code, name, region, platform or 0, industry or 0, department or 0,
                                       to_fen(total), to_date(start))  # fmt: skip
    return out


def _year_filter(years: set[tuple[int, int]] | None, column: str = "year") -> tuple[str, list]:
    if years is None:
        return "", []
    wanted = sorted({y for _p, y in years})
    return f" AND {column} IN ({_marks(len(wanted))})", wanted


def load_raw(ids: list[int], years: set[tuple[int, int]] | None = None):
    """The plans, reported reports and memberships of the projects `ids` (of `years` only, when given)."""
    plans: dict[tuple[int, int], int] = {}
    reports: list[tuple[int, int, int, int]] = []
    memberships: list[tuple[int, int, int]] = []
    extra, extra_args = _year_filter(years)
    statuses = [str(s) for s in REPORTED_STATUSES]
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            marks = _marks(len(chunk))
            cursor.execute(
                f"SELECT project_id, year, planned_investment FROM {AnnualPlan._meta.db_table} "
                f"WHERE project_id IN ({marks}){extra}",
                [*chunk, *extra_args],
            )
            for pid, year, planned in cursor.fetchall():
                plans[(pid, year)] = to_fen(planned)
            cursor.execute(
                f"SELECT project_id, year, month, invest_ytd FROM {MonthlyReport._meta.db_table} "
                f"WHERE project_id IN ({marks}){extra} AND status IN ({_marks(len(statuses))})",
                [*chunk, *extra_args, *statuses],
            )
            reports += [(pid, year, month, to_fen(ytd)) for pid, year, month, ytd in cursor.fetchall()]
            cursor.execute(
                f"SELECT project_id, year, project_list_id FROM {ListMembership._meta.db_table} "
                f"WHERE project_id IN ({marks}){extra}",
                [*chunk, *extra_args],
            )
            memberships += cursor.fetchall()
    if years is not None:
        plans = {k: v for k, v in plans.items() if k in years}
        reports = [r for r in reports if (r[0], r[1]) in years]
        memberships = [m for m in memberships if (m[0], m[1]) in years]
    return plans, reports, memberships


def compute(ids: list[int], years: set[tuple[int, int]] | None = None) -> list[tuple]:
    """The rollup rows the raw rows give now for projects `ids` (only `years`, when given)."""
    projects = load_projects(ids)
    plans, reports, memberships = load_raw(ids, years)
    return build(projects, plans, reports, memberships, years)


def _lock(ids: list[int]) -> None:
    """On PostgreSQL, take the projects' row locks (in id order) so two writers of one project's
    rollup rows go one after the other; SQLite serialises writers anyway."""
    if connection.vendor != "postgresql":
        return
    table = Project._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(sorted(ids)):
            cursor.execute(f"SELECT id FROM {table} WHERE id IN ({_marks(len(chunk))}) ORDER BY id FOR UPDATE", chunk)


def insert_rows(rows: list[tuple]) -> None:
    """Insert rollup rows (tuples in `COLUMNS` order), in bulk — leaving the groups alone."""
    if not rows:
        return
    from guatu.audit.setbased import insert_rows as insert_all

    insert_all(YearFigures._meta.db_table, COLUMNS, rows, model=YearFigures)


def insert(rows: list[tuple]) -> None:
    """Insert new rollup rows (tuples in `COLUMNS` order) and add them to their groups. No rows of their projects
    in their years may be stored already (as after `delete`, or for new projects: `guatu synth`)."""
    if not rows:
        return
    insert_rows(rows)
    ids = sorted({row[0] for row in rows})
    years = {(row[0], row[1]) for row in rows}
    deltas = Deltas()
    for chunk in _chunks(ids):
        deltas.add(group_sums(chunk, years))
    apply_groups(deltas)


def delete(ids: list[int], years: set[tuple[int, int]] | None = None) -> None:
    table = YearFigures._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            extra, extra_args = _year_filter(years)
            cursor.execute(f"DELETE FROM {table} WHERE project_id IN ({_marks(len(chunk))}){extra}",
                           [*chunk, *extra_args])  # fmt: skip


def _replace(ids: list[int], years: set[tuple[int, int]] | None, deltas: Deltas) -> None:
    """Rewrite the rows of projects `ids` (of `years` only, when given) and note how their groups move."""
    deltas.add(group_sums(ids, years), -1)
    delete(ids, years)
    insert_rows(compute(ids, years))
    deltas.add(group_sums(ids, years))


def refresh(project_ids: Iterable[int] = (), years: Iterable[tuple[int, int]] = ()) -> None:
    """Rewrite the rollup rows of whole projects (`project_ids`) and of single project-years (`years`) from
    the raw rows, in the current transaction."""
    whole = sorted(set(project_ids))
    whole_set = set(whole)
    pairs = {(p, y) for p, y in years if p not in whole_set}
    if not whole and not pairs:
        return
    deltas = Deltas()
    with transaction.atomic():
        _lock([*whole, *{p for p, _y in pairs}])
        if whole:
            for chunk in _chunks(whole):
                _replace(chunk, None, deltas)
        if pairs:
            # Rebuild every named year of each project named (a superset of `pairs`: cheap, and exact).
            ids = sorted({p for p, _y in pairs})
            named = {y for _p, y in pairs}  # once: per project it made the refresh quadratic in the import's size
            for chunk in _chunks(ids):
                _replace(chunk, {(p, y) for p in chunk for y in named}, deltas)
        apply_groups(deltas)


def all_project_ids() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Project._meta.db_table} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def rebuild(progress=None, *, groups: bool = True) -> int:
    """Rewrite every rollup row from the raw rows (after a restore, or to repair), and then the groups from them
    (not with `groups=False`: a migration before the groups' table); returns the rows written."""
    written = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {YearFigures._meta.db_table}")
        ids = all_project_ids()
        for chunk in _chunks(ids):
            rows = compute(chunk)
            insert_rows(rows)
            written += len(rows)
            if progress:
                progress(len(chunk))
        if groups:  # (not in the migration that first filled the rollups: nothing was cached from them yet)
            rebuild_groups()
            everything_changed()  # the figures may differ from what pages and kept results were computed from
    return written


# The second level: the groups.

GROUP_TABLE = GroupFigures._meta.db_table


def _start_month_sql() -> str:
    """The month a rollup row's project started, as year × 12 + month − 1 (NULL: not started)."""
    if connection.vendor == "postgresql":
        return ("(CAST(EXTRACT(YEAR FROM f.actual_start) AS integer) * 12 "
                "+ CAST(EXTRACT(MONTH FROM f.actual_start) AS integer) - 1)")  # fmt: skip
    return ("(CAST(strftime('%%Y', f.actual_start) AS INTEGER) * 12 "
            "+ CAST(strftime('%%m', f.actual_start) AS INTEGER) - 1)")  # fmt: skip


def _group_select(where: str) -> str:
    """The groups' sums of the rollup rows `f` that `where` picks, in `GROUP_COLUMNS` order."""
    ym = _start_month_sql()
    sums = ["COUNT(*)", "SUM(g.total)", "COUNT(g.plan)", "COALESCE(SUM(g.plan), 0)"]
    sums += [f"COALESCE(SUM(g.ytd{m}), 0)" for m in MONTHS]
    sums += [f"SUM(CASE WHEN {lag_condition(m, 'g.')} THEN 1 ELSE 0 END)" for m in MONTHS]
    sums += [f"SUM(CASE WHEN g.plan IS NOT NULL AND (g.reported & {1 << (m - 1)}) <> 0 THEN 1 ELSE 0 END)"
             for m in MONTHS]  # fmt: skip
    sums += [f"SUM(CASE WHEN g.ym <= g.bucket * 12 + {m - 1} THEN 1 ELSE 0 END)" for m in MONTHS]
    keys = "g.year, g.list_id, g.region_id, g.platform_id, g.bucket"
    return (f"SELECT {keys}, {', '.join(sums)} FROM (SELECT f.*, {ym} AS ym, CASE WHEN f.year <> 0 THEN f.year "
            f"WHEN f.actual_start IS NULL THEN 0 ELSE {ym} / 12 END AS bucket "
            f"FROM {YearFigures._meta.db_table} f WHERE {where}) g GROUP BY {keys}")  # fmt: skip


class Deltas(dict):
    """How much each group moves: group key → values in `GROUP_VALUES` order."""

    def add(self, sums: dict[tuple, list[int]], sign: int = 1) -> None:
        for key, values in sums.items():
            self.add_one(key, values, sign)

    def add_one(self, key: tuple, values: list[int], sign: int = 1) -> None:
        have = self.get(key)
        if have is None:
            self[key] = [sign * v for v in values]
        else:
            for i, v in enumerate(values):
                have[i] += sign * v


def group_sums(ids: list[int], years: set[tuple[int, int]] | None = None) -> dict[tuple, list[int]]:
    """The groups' sums of the stored rows of projects `ids` (of `years` only, when given: as `delete` picks)."""
    extra, extra_args = _year_filter(years, "f.year")
    with connection.cursor() as cursor:
        cursor.execute(_group_select(f"f.project_id IN ({_marks(len(ids))}){extra}"), [*ids, *extra_args])
        return {tuple(row[:5]): [int(v or 0) for v in row[5:]] for row in cursor.fetchall()}


def apply_groups(deltas: dict[tuple, list[int]]) -> None:
    """Add the deltas to the stored groups, in key order (two writers lock shared groups in the same order), and
    drop the groups left with no rows."""
    moved = sorted((key, values) for key, values in deltas.items() if any(values))
    if not moved:
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in GROUP_COLUMNS)
    updates = ", ".join(f"{quote(c)} = {GROUP_TABLE}.{quote(c)} + excluded.{quote(c)}" for c in GROUP_VALUES)
    keys = ", ".join(quote(c) for c in GROUP_KEY)
    key_match = " AND ".join(f"{quote(c)} = %s" for c in GROUP_KEY)
    with connection.cursor() as cursor:
        for chunk in _chunks(moved):
            cursor.executemany(
                f"INSERT INTO {GROUP_TABLE} ({columns}) VALUES ({_marks(len(GROUP_COLUMNS))}) "
                f"ON CONFLICT ({keys}) DO UPDATE SET {updates}",
                [(*key, *values) for key, values in chunk],
            )
            emptied = [key for key, values in chunk if values[0] < 0]  # only a group that lost rows can be empty
            if emptied:
                cursor.executemany(f"DELETE FROM {GROUP_TABLE} WHERE {key_match} AND projects = 0", emptied)


def rebuild_groups() -> int:
    """Rewrite every group from the stored rollup rows; returns the groups written."""
    quote = connection.ops.quote_name
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {GROUP_TABLE}")
        cursor.execute(f"INSERT INTO {GROUP_TABLE} ({', '.join(quote(c) for c in GROUP_COLUMNS)}) "
                       f"{_group_select('TRUE')}", [])  # fmt: skip
    return group_count()


def group_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {GROUP_TABLE}")
        return cursor.fetchone()[0]


def group_of(row: tuple) -> tuple[tuple, list[int]]:
    """A rollup row's group key and what it adds to the group (`GROUP_VALUES` order): the definition `--verify`
    checks the stored groups against."""
    _pid, year, list_id, _code, _name, region, platform, _ind, _dep, total, start, plan, reported, *ytd = row
    start = to_date(start)
    started_month = None if start is None else start.year * 12 + start.month - 1
    bucket = year if year != TIMELESS else (start.year if start else 0)
    values = [1, total, int(plan is not None), plan or 0, *(y or 0 for y in ytd)]
    values += [int(plan is not None and plan > 0 and 12 * (ytd[m - 1] or 0) < m * plan) for m in MONTHS]
    values += [int(plan is not None and bool(reported & (1 << (m - 1)))) for m in MONTHS]
    values += [int(started_month is not None and started_month <= bucket * 12 + m - 1) for m in MONTHS]
    return (year, list_id, region, platform, bucket), values
