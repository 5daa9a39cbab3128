"""How long does the cockpit's progress computation take at city and province scale?

Builds a throwaway SQLite database (or uses DATABASE_URL), fills it with N projects on lists
with 11 monthly reports each, and times `progress()` for the whole tree and for one platform.

    .venv/bin/python bench/progress_bench.py [--projects 20000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    os.environ.setdefault("GUATU_DATA_DIR", tempfile.mkdtemp(prefix="guatu-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from guatu.core.models import Platform, Region
    from guatu.core.periods import Period
    from guatu.projects.models import AnnualPlan, ListMembership, MonthlyReport, Project, ProjectList
    from guatu.projects.progress import progress
    from guatu.projects.scope import Scope

    call_command("migrate", verbosity=0)
    rng = random.Random(1)
    counties = list(Region.objects.filter(level="county"))
    platforms = [Platform.objects.get_or_create(code=f"BP{i}", defaults={"name": f"平台{i}"})[0] for i in range(20)]
    province = Region.objects.get(code="330000")
    lists = [
        ProjectList.objects.get_or_create(
            code=f"BL{i}", defaults={"name": f"名单{i}", "level": "province", "region": province}
        )[0]
        for i in range(4)
    ]
    started = time.perf_counter()
    projects = Project.objects.bulk_create(
        [
            Project(
                code=f"B{i:06d}",
                name=f"基准项目{i}",
                region=rng.choice(counties),
                platform=rng.choice(platforms),
                total_investment=Decimal(rng.randint(1_000, 500_000)),
                actual_start=dt.date(2023, 1, 1),
            )
            for i in range(args.projects)
        ],
        batch_size=2000,
    )
    ListMembership.objects.bulk_create(
        [ListMembership(project=p, project_list=lst, year=2024) for p in projects for lst in rng.sample(lists, 2)],
        batch_size=5000,
    )
    AnnualPlan.objects.bulk_create(
        [AnnualPlan(project=p, year=2024, planned_investment=Decimal(rng.randint(100, 50_000))) for p in projects],
        batch_size=5000,
    )
    reports = []
    for p in projects:
        ytd = 0
        for month in range(1, 12):
            step = rng.randint(0, 3_000)
            ytd += step
            reports.append(
                MonthlyReport(
                    project=p,
                    year=2024,
                    month=month,
                    invest_month=Decimal(step),
                    invest_ytd=Decimal(ytd),
                    invest_cumulative=Decimal(ytd),
                    progress_pct=Decimal(50),
                    stage="construction",
                )
            )
    MonthlyReport.objects.bulk_create(reports, batch_size=5000)
    print(
        f"database: {connection.vendor}; built {args.projects:,} projects, {len(reports):,} reports "
        f"in {time.perf_counter() - started:.1f} s"
    )

    def timed(label: str, scope: Scope) -> None:
        runs = []
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            report = progress(scope, Period(2024, 11))
            runs.append(time.perf_counter() - t0)
        print(
            f"{label:<28} {report.overall.projects:>7,} projects  median {statistics.median(runs) * 1000:8.1f} ms"
            f"  (min {min(runs) * 1000:.1f}, max {max(runs) * 1000:.1f}, {args.repeat} runs)"
        )

    timed("whole province", Scope())
    timed("one platform", Scope(platform=platforms[0]))
    timed("one list", Scope(project_list=lists[0]))


if __name__ == "__main__":
    main()
