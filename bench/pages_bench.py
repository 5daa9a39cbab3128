"""P1b: the cockpit and the battle map at province scale against the ledger page, served by the same
process, with the number of queries each makes.

    .venv/bin/python bench/pages_bench.py [--projects 100000] [--repeat 5]
    .venv/bin/python -m guatu.testing.pgcluster -- .venv/bin/python bench/pages_bench.py

Uses the database of GUATU_DATA_DIR / DATABASE_URL (loads `guatu synth` into it when it holds none). Each page
is requested through Django's whole request path (middleware, view, template) by a logged-in city
administrator, for the whole province and for one city; the time is the median of the runs, and "first" is the
first request's (the warning levels of projects with milestones, like the cockpit's figures, are cached until the data
changes: the first request after a change computes them). "after write" is the median of `--writes` first requests
each right after one report was filed through the model action (`save_report`: a draft of a project with milestones
in the city, its figures moved by 1 万元 and back), with its ratio to the ledger page's first request after a write.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=36)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--writes", type=int, default=3, help="first requests after a write, per page")
    args = parser.parse_args()
    os.environ.setdefault("GUATU_DATA_DIR", tempfile.mkdtemp(prefix="guatu-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from guatu.accounts.models import RoleAssignment
    from guatu.accounts.roles import Role
    from guatu.projects.models import Project
    from guatu.synth.generate import synth

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    if not Project.objects.filter(code__startswith="SY1-").exists():
        synth(args.projects, args.months, seed=1)
    user, created = get_user_model().objects.get_or_create(username="bench-admin")
    if created:
        RoleAssignment.objects.create(user=user, role=Role.CITY_ADMIN)
    client = Client()
    client.force_login(user)
    period = "year=2024&through=11"
    pages = {
        "province": [("ledger", f"/projects/?{period}"), ("cockpit", f"/?{period}"),
                     ("battle map", "/battle-map/?as_of=2024-11-30"), ("warnings", "/warnings/?as_of=2024-11-30")],
        "one city (杭州市)": [("ledger", f"/projects/?{period}&region=REGION"),
                             ("cockpit", f"/?{period}&region=REGION"),
                             ("battle map", "/battle-map/?as_of=2024-11-30&region=REGION"),
                             ("warnings", "/warnings/?as_of=2024-11-30&region=REGION")],
    }  # fmt: skip
    from guatu.core.models import Region

    region = str(Region.objects.get(code="330100").pk)
    write = report_writer(user, Region.objects.get(code="330100"))
    print(f"database: {connection.vendor}; {Project.objects.count():,} projects; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; median of {args.repeat} requests")  # fmt: skip
    print(f"{'scope':<20}{'page':<12}{'ms':>9}{'queries':>9}{'× ledger':>10}{'bytes':>11}{'first ms':>10}"
          f"{'after write ms':>16}{'× ledger':>10}")  # fmt: skip
    verdicts = []
    for scope, urls in pages.items():
        ledger_ms = ledger_write_ms = None
        for name, url in urls:
            url = url.replace("REGION", region)
            runs = []
            for _ in range(args.repeat):
                with CaptureQueriesContext(connection) as queries:
                    started = time.perf_counter()
                    response = client.get(url)
                    runs.append(time.perf_counter() - started)
                # Counted now: the next request's start clears the connection's query log the count is read from.
                query_count = len(queries)
                assert response.status_code == 200, (url, response.status_code)
            after = []
            for _ in range(args.writes):
                write()
                started = time.perf_counter()
                response = client.get(url)
                after.append(time.perf_counter() - started)
                assert response.status_code == 200, (url, response.status_code)
            ms = statistics.median(runs) * 1000
            write_ms = statistics.median(after) * 1000 if after else float("nan")
            ledger_ms, ledger_write_ms = ledger_ms or ms, ledger_write_ms or write_ms
            ratio, write_ratio = ms / ledger_ms, write_ms / ledger_write_ms
            if name in ("cockpit", "battle map"):
                verdicts.append(ratio <= 3 and not write_ratio > 3)
            print(f"{scope:<20}{name:<12}{ms:>9.0f}{query_count:>9}{ratio:>9.1f}×{len(response.content):>11,}"
                  f"{runs[0] * 1000:>10.0f}{write_ms:>16.0f}{write_ratio:>9.1f}×")  # fmt: skip
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    print(
        f"goal: cockpit and battle map within 3× of the ledger page (cached and after a write) — "
        f"{'met' if all(verdicts) else 'NOT met'}"
    )


def report_writer(user, region):
    """A function filing one report through the model action (`save_report`) each call: a draft of a project with
    milestones in `region` with no later report, its month's, year's and since-start figures up by 1 万元, then back
    (every call is a real change: a new change record, a new data version)."""
    from decimal import Decimal

    from django.db.models import Exists, OuterRef, Q

    from guatu.projects.actions import save_report
    from guatu.projects.choices import ReportStatus
    from guatu.projects.models import MonthlyReport
    from guatu.schedules.models import Milestone

    later = MonthlyReport.objects.filter(
        Q(year__gt=OuterRef("year")) | Q(year=OuterRef("year"), month__gt=OuterRef("month")),
        project=OuterRef("project"),
    )
    chosen = (MonthlyReport.objects.filter(status=ReportStatus.DRAFT, project__region__path__startswith=region.path,
                                           project__in=Milestone.objects.values("project_id"))
              .exclude(Exists(later)).order_by("project__code").first())  # fmt: skip
    assert chosen is not None, "no draft report to file"
    step = [Decimal(1)]

    def write() -> None:
        report = MonthlyReport.objects.get(pk=chosen.pk)
        for name in ("invest_month", "invest_ytd", "invest_cumulative"):
            setattr(report, name, getattr(report, name) + step[0])
        save_report(report, acting_user=user)
        step[0] = -step[0]

    return write


if __name__ == "__main__":
    main()
