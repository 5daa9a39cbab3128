"""P1: the cockpit's and drill-down's figures from guatu's rollups, side by side with DuckDB scanning the
same rows from parquet and computing the same aggregates and laggards — the numbers checked equal.

    .venv/bin/python bench/progress_bench.py [--projects 100000] [--months 36] [--repeat 5]
    .venv/bin/python -m guatu.testing.pgcluster -- .venv/bin/python bench/progress_bench.py    # PostgreSQL

Uses the database of GUATU_DATA_DIR / DATABASE_URL; loads `guatu synth` into it when it holds no synthetic
projects (with GUATU_DATA_DIR unset, a throwaway SQLite database). For each scope — the whole province, one
city, one list, one platform, one county — guatu's time is `progress()` plus its JSON, DuckDB's is its queries
over parquet (the reports, plans, memberships, projects) plus building and dumping the same JSON: every row's
sums and laggard count, and one page of its laggards (`--lagging-page`, `LAGGARDS_PER_PAGE` a page, in the
exact order, ties at the page's edges resolved the same way: `exact_page`). Needs the bench extra (duckdb,
pyarrow): `make bench`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def export_parquet(folder: Path, batch: int = 100_000) -> None:
    """The raw rows DuckDB scans, as parquet (not timed): amounts in fen, as guatu's rollups keep them. Streamed
    (a server-side cursor on PostgreSQL, `batch` rows at a time into one parquet file per table), so a province
    of a million projects is exported in bounded memory."""
    import pyarrow as pa
    import pyarrow.parquet as pq
    from django.db import connection, transaction

    from guatu.rollups.facts import to_date, to_fen

    big, text, day = pa.int64(), pa.string(), pa.date32()
    queries = {
        "projects": ("SELECT id, code, name, region_id, platform_id, industry_id, department_id, total_investment, "
                     "actual_start FROM projects_project", {"total_investment": to_fen, "actual_start": to_date},
                     [big, text, text, big, big, big, big, big, day]),
        "plans": ("SELECT project_id, year, planned_investment FROM projects_annualplan",
                  {"planned_investment": to_fen}, [big, big, big]),
        "reports": ("SELECT project_id, year, month, invest_ytd, status FROM projects_monthlyreport",
                    {"invest_ytd": to_fen}, [big, big, big, big, text]),
        "memberships": ("SELECT project_id, year, project_list_id FROM projects_listmembership", {}, [big, big, big]),
        "lists": ("SELECT id, code, name, sort_order FROM projects_projectlist", {}, [big, text, text, big]),
        "regions": ("SELECT id, path FROM core_region", {}, [big, text]),
        "platforms": ("SELECT id, path FROM core_platform", {}, [big, text]),
    }  # fmt: skip
    with transaction.atomic():  # a server-side cursor lives in a transaction
        for name, (sql, converters, types) in queries.items():
            with connection.chunked_cursor() as cursor:
                cursor.execute(sql)
                columns = [c[0] for c in cursor.description]
                schema = pa.schema(list(zip(columns, types, strict=True)))
                convert = [converters.get(c) for c in columns]
                with pq.ParquetWriter(folder / f"{name}.parquet", schema) as writer:
                    while rows := cursor.fetchmany(batch):
                        data = [
                            [f(v) if f is not None and v is not None else v for v in values]
                            for f, values in zip(convert, zip(*rows, strict=True), strict=True)
                        ]
                        writer.write_table(pa.table(data, schema=schema))


class Duck:
    """The same figures from DuckDB over the parquet files."""

    def __init__(self, folder: Path):
        import duckdb

        self.db = duckdb.connect()
        self.db.execute("SET threads TO 2")
        for name in ("projects", "plans", "reports", "memberships", "lists", "regions", "platforms"):
            self.db.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet('{folder / name}.parquet')")

    def progress_json(self, scope, period, overall_label: str, page: int = 1) -> dict:
        from guatu.projects.progress import LAGGARDS_PER_PAGE, Laggard, exact_page

        y, m, end = period.year, period.month, period.end.isoformat()
        where, args = ["TRUE"], []
        if scope.region:
            where.append("region_id IN (SELECT id FROM regions WHERE starts_with(path, ?))")
            args.append(scope.region.path)
        if scope.platform:
            where.append("platform_id IN (SELECT id FROM platforms WHERE starts_with(path, ?))")
            args.append(scope.platform.path)
        members = f"SELECT project_id, project_list_id AS list_id FROM memberships WHERE year = {y}"
        if scope.project_list:
            members += f" AND project_list_id = {scope.project_list.pk}"
            where.append(f"id IN (SELECT project_id FROM memberships WHERE year = {y} AND project_list_id = "
                         f"{scope.project_list.pk})")  # fmt: skip
        self.db.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE f AS
            WITH p AS (SELECT * FROM projects WHERE {" AND ".join(where)}),
                 r AS (SELECT project_id, arg_max(invest_ytd, month) AS ytd FROM reports
                       WHERE year = {y} AND month <= {m} AND status IN ('submitted', 'approved', 'locked')
                       GROUP BY project_id),
                 pl AS (SELECT project_id, planned_investment AS plan FROM plans WHERE year = {y})
            SELECT p.id, p.code, p.name, p.total_investment AS total, p.actual_start, pl.plan, r.ytd
            FROM p LEFT JOIN r ON r.project_id = p.id LEFT JOIN pl ON pl.project_id = p.id""",
            args,
        )
        self.db.execute(f"CREATE OR REPLACE TEMP TABLE fm AS SELECT f.*, mm.list_id FROM f JOIN ({members}) mm "
                        "ON mm.project_id = f.id")  # fmt: skip
        lag = f"plan > 0 AND 12 * coalesce(ytd, 0) < {m} * plan"
        agg = (f"count(*), sum(CASE WHEN actual_start <= DATE '{end}' THEN 1 ELSE 0 END), sum(total), "
               f"sum(coalesce(plan, 0)), sum(coalesce(ytd, 0)), sum(CASE WHEN {lag} THEN 1 ELSE 0 END)")  # fmt: skip
        ratio = "coalesce(ytd, 0)::DOUBLE / plan"
        order = f"{ratio}, code"
        size, offset = LAGGARDS_PER_PAGE, (page - 1) * LAGGARDS_PER_PAGE
        start = max(offset - 1, 0)  # the row before the page and the one after it, as guatu reads them
        limit = size + 1 + (offset - start)
        laggard = f"id, code, name, coalesce(ytd, 0), plan, {ratio}"
        overall = self.db.execute(f"SELECT {agg} FROM f").fetchone()
        per_list = {r[0]: r[1:] for r in self.db.execute(f"SELECT list_id, {agg} FROM fm GROUP BY list_id").fetchall()}
        first = f"SELECT {laggard} FROM f WHERE {lag} ORDER BY {order} LIMIT {limit} OFFSET {start}"
        windows: dict[int | None, list] = {None: self.db.execute(first).fetchall()}
        for list_id, *rest in self.db.execute(
            f"SELECT list_id, {laggard} FROM fm WHERE {lag} QUALIFY row_number() OVER (PARTITION BY list_id "
            f"ORDER BY {order}) BETWEEN {start + 1} AND {start + limit} ORDER BY list_id, {order}"
        ).fetchall():
            windows.setdefault(list_id, []).append(rest)

        def page_of(list_id):
            table, where = ("f", lag) if list_id is None else ("fm", f"{lag} AND list_id = {list_id}")

            def group(value):
                return [Laggard(pk, c, nm, 0, None, p, 0, y) for pk, c, nm, y, p, _r in
                        self.db.execute(f"SELECT {laggard} FROM {table} WHERE {where} AND {ratio} = ?",
                                        [value]).fetchall()]  # fmt: skip

            def below(value):
                return self.db.execute(f"SELECT count(*) FROM {table} WHERE {where} AND {ratio} < ?",
                                       [value]).fetchone()[0]  # fmt: skip

            window = [(Laggard(pk, c, nm, 0, None, p, 0, y), r) for pk, c, nm, y, p, r in windows.get(list_id, [])]
            return exact_page(window, offset, size, group, below)

        names = {r[0]: r[1:] for r in self.db.execute("SELECT id, code, name, sort_order FROM lists").fetchall()}

        def row(label, code, sums, laggards):
            n, started, total, plan, ytd, lagging = sums
            completion = None if not plan else (2000 * ytd + plan) // (2 * plan)
            return {"list": label, "list_code": code, "projects": n, "started": int(started or 0),
                    "total_investment_wan": _money(total), "annual_plan_wan": _money(plan),
                    "ytd_actual_wan": _money(ytd),
                    "completion_pct": None if completion is None else f"{completion // 10}.{completion % 10}",
                    "elapsed_pct": f"{(2000 * m + 12) // 24 // 10}.{(2000 * m + 12) // 24 % 10}",
                    "ahead": None if not plan else 12 * ytd >= m * plan, "lagging_count": int(lagging or 0),
                    "lagging": [{"code": g.code, "name": g.name, "completion_pct": _pct(g.ytd, g.plan)}
                                for g in laggards]}  # fmt: skip

        lists = sorted(per_list, key=lambda k: (names[k][2], names[k][0]))
        return {"year": y, "through_month": m, "scope": scope.parts(), "lagging_page": page,
                "lagging_page_size": size,
                "rows": [row(names[k][1], names[k][0], per_list[k], page_of(k)) for k in lists],
                "overall": row(overall_label, None, overall if overall[0] else (0,) * 6, page_of(None))}  # fmt: skip


def _money(fen) -> str:
    fen = int(fen or 0)
    return f"{fen // 100}.{fen % 100:02d}"


def _pct(ytd: int, plan: int) -> str:
    tenths = (2000 * ytd + plan) // (2 * plan)
    return f"{tenths // 10}.{tenths % 10}"


def timed(function, repeat: int) -> tuple[float, object]:
    runs, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs), result


def scopes():
    from guatu.core.models import Platform, Region
    from guatu.projects.models import ProjectList
    from guatu.projects.scope import Scope

    return [
        ("whole province", Scope()),
        ("one city (杭州市)", Scope(region=Region.objects.get(code="330100"))),
        ("one list (千项万亿)", Scope(project_list=ProjectList.objects.get(code="QXWY"))),
        ("one list (杭州 市重点)", Scope(project_list=ProjectList.objects.get(code="SZD330100"))),
        ("one platform", Scope(platform=Platform.objects.get(code="SYP3301001"))),
        ("one county (柯城区)", Scope(region=Region.objects.get(code="330802"))),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--lagging-page", type=int, default=1, help="which page of each row's laggards")
    args = parser.parse_args()
    os.environ.setdefault("GUATU_DATA_DIR", tempfile.mkdtemp(prefix="guatu-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils.translation import gettext as _

    from guatu.core.periods import Period
    from guatu.projects.models import Project
    from guatu.projects.progress import LAGGARDS_PER_PAGE, progress
    from guatu.synth.generate import synth
    from guatu.synth.progressbar import ProgressBar

    call_command("migrate", verbosity=0)
    if not Project.objects.filter(code__startswith="SY1-").exists():
        started, before = time.perf_counter(), os.getloadavg()[0]
        bar = ProgressBar(args.projects, "projects")  # on stderr; a line every 10% when not a terminal
        synth(args.projects, args.months, seed=1, progress=bar.advance)
        bar.done()
        print(f"guatu synth --projects {args.projects:,} --months {args.months}: {time.perf_counter() - started:.0f} s "
              f"(load average {before:.1f} before, {os.getloadavg()[0]:.1f} after)", flush=True)  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
            print(f"database size: {cursor.fetchone()[0]}")
    n = Project.objects.count()
    folder = Path(tempfile.mkdtemp(prefix="guatu-parquet-"))
    started = time.perf_counter()
    export_parquet(folder)
    print(f"parquet export (not timed in the table): {time.perf_counter() - started:.0f} s", flush=True)
    duck = Duck(folder)
    print(f"database: {connection.vendor}; {n:,} projects; load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} cores; median of {args.repeat} runs; laggards: page {args.lagging_page} of each row, "
          f"{LAGGARDS_PER_PAGE} a page")  # fmt: skip
    print(f"{'scope':<24}{'period':>9}{'laggards':>10}{'guatu ms':>10}{'DuckDB ms':>11}{'ratio':>8}  equal")
    label = _("All projects in scope")
    page = args.lagging_page
    worst = 0.0
    for name, scope in scopes():
        for period in (Period(2024, 11), Period(2024, 6)):
            ours_s, ours = timed(lambda s=scope, p=period: json.dumps(progress(s, p, lagging_page=page).as_json(),
                                                                      ensure_ascii=False), args.repeat)  # fmt: skip
            duck_s, theirs = timed(lambda s=scope, p=period: json.dumps(duck.progress_json(s, p, label, page),
                                                                        ensure_ascii=False), args.repeat)  # fmt: skip
            equal = json.loads(ours) == json.loads(theirs)
            laggards = json.loads(ours)["overall"]["lagging_count"]
            ratio = ours_s / duck_s
            worst = max(worst, ratio)
            print(f"{name:<24}{period.year}-{period.month:02d}{laggards:>10,}{ours_s * 1000:>10.1f}"
                  f"{duck_s * 1000:>11.1f}{ratio:>7.2f}×  {'yes' if equal else 'NO'}")  # fmt: skip
            if not equal:
                print("  guatu and DuckDB disagree", file=sys.stderr)
    print(f"goal: guatu ≤ 1.0× DuckDB everywhere — worst {worst:.2f}×: {'met' if worst <= 1 else 'NOT met'}")


if __name__ == "__main__":
    main()
