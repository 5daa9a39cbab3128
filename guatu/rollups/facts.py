"""Compute rollup rows from the raw rows, and rewrite them for a set of projects (or years of projects).

`build()` is the one definition of a rollup row; `refresh()` reads the raw rows of the given projects,
builds and replaces their rows (called by the write hooks, in the writer's transaction); `guatu synth`
builds rows from what it generates with the same `build()`, and `guatu rollup --verify` compares every
stored row with what `build()` makes of the raw rows now.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection, transaction

from guatu.projects.choices import REPORTED_STATUSES
from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project
from guatu.rollups.models import COLUMNS, OVERALL, TIMELESS, YearFigures

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


def _year_filter(years: set[tuple[int, int]] | None) -> tuple[str, list]:
    if years is None:
        return "", []
    wanted = sorted({y for _p, y in years})
    return f" AND year IN ({_marks(len(wanted))})", wanted


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


def insert(rows: list[tuple]) -> None:
    """Insert rollup rows (tuples in `COLUMNS` order), in bulk."""
    if not rows:
        return
    from guatu.audit.setbased import insert_rows

    insert_rows(YearFigures._meta.db_table, COLUMNS, rows, model=YearFigures)


def delete(ids: list[int], years: set[tuple[int, int]] | None = None) -> None:
    table = YearFigures._meta.db_table
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            extra, extra_args = _year_filter(years)
            cursor.execute(f"DELETE FROM {table} WHERE project_id IN ({_marks(len(chunk))}){extra}",
                           [*chunk, *extra_args])  # fmt: skip


def refresh(project_ids: Iterable[int] = (), years: Iterable[tuple[int, int]] = ()) -> None:
    """Rewrite the rollup rows of whole projects (`project_ids`) and of single project-years (`years`) from
    the raw rows, in the current transaction."""
    whole = sorted(set(project_ids))
    whole_set = set(whole)
    pairs = {(p, y) for p, y in years if p not in whole_set}
    if not whole and not pairs:
        return
    with transaction.atomic():
        _lock([*whole, *{p for p, _y in pairs}])
        if whole:
            for chunk in _chunks(whole):
                delete(chunk)
                insert(compute(chunk))
        if pairs:
            # Rebuild every named year of each project named (a superset of `pairs`: cheap, and exact).
            ids = sorted({p for p, _y in pairs})
            wanted = {(p, y) for p in ids for y in {y for _p, y in pairs}}
            for chunk in _chunks(ids):
                members = set(chunk)
                part = {(p, y) for p, y in wanted if p in members}
                delete(chunk, part)
                insert(compute(chunk, part))


def all_project_ids() -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM {Project._meta.db_table} ORDER BY id")
        return [row[0] for row in cursor.fetchall()]


def rebuild(progress=None) -> int:
    """Rewrite every rollup row from the raw rows (after a restore, or to repair); returns the rows written."""
    written = 0
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {YearFigures._meta.db_table}")
        ids = all_project_ids()
        for chunk in _chunks(ids):
            rows = compute(chunk)
            insert(rows)
            written += len(rows)
            if progress:
                progress(len(chunk))
    return written
