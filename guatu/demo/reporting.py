"""The demo's 2024 reporting calendar and its early December reports.

January–November are closed (through `close_month`, so their reports are locked), December is open
with its deadline on 2025-01-05, and some projects have already filed December: 江山市 all of its
projects, a fifth of the others — most submitted, a few approved, two drafts and one returned. So
the pages still open on 2024年1至11月 (the article's figures) and the 报送情况 page of December shows
partial reporting. **The December reports are illustrative**, generated with a fixed seed.

Idempotent: a second load opens, closes and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from guatu.core.bulk import UpsertResult, upsert
from guatu.demo import catalog as c
from guatu.projects.choices import ReportStatus
from guatu.projects.models import AnnualPlan, MonthlyReport, Project
from guatu.reporting.actions import close_month, open_month
from guatu.reporting.expected import expected_to_report
from guatu.reporting.models import ReportingMonth

SEED = 20241205
REASON = "guatu demo"
OPEN_MONTH, OPEN_DEADLINE = 12, dt.date(2025, 1, 5)
EARLY_COUNTY = "330881"  # 江山市 reports everything early
EARLY_SHARE = 0.2  # of the other projects


def closed_months() -> frozenset[tuple[int, int]]:
    """The demo year's months the calendar has closed (their reports are locked)."""
    return frozenset(ReportingMonth.objects.closed().filter(year=c.YEAR).values_list("year", "month"))


def load(acting_user) -> dict[str, UpsertResult]:
    """Open and close the 2024 calendar, then file the early December reports."""
    months = UpsertResult()
    for month in range(1, OPEN_MONTH + 1):
        current = ReportingMonth.objects.for_month(c.YEAR, month).first()
        changed = current is None
        if current is None:
            deadline = OPEN_DEADLINE if month == OPEN_MONTH else None
            current = open_month(c.YEAR, month, acting_user=acting_user, deadline=deadline)
            months.created += 1
        if month < OPEN_MONTH and not current.is_closed:
            close_month(current, acting_user=acting_user)
            months.updated += 1
        elif not changed:
            months.unchanged += 1
    reports = upsert(
        MonthlyReport,
        ["project_id", "year", "month"],
        december_rows(),
        existing=MonthlyReport.objects.filter(year=c.YEAR, month=OPEN_MONTH),
        change_reason=REASON,
    )
    return {"reporting_months": months, "december_reports": reports}


def december_rows() -> list[dict]:
    """Early December reports: November's figures carried forward plus one month's investment."""
    rng = random.Random(SEED)
    projects = expected_to_report(Project.objects.all(), c.YEAR).select_related("region").order_by("code")
    plans = dict(AnnualPlan.objects.filter(year=c.YEAR).values_list("project_id", "planned_investment"))
    november = {r.project_id: r for r in MonthlyReport.objects.filter(year=c.YEAR, month=OPEN_MONTH - 1)}
    early = [p for p in projects if p.pk in november and (p.region.code == EARLY_COUNTY or rng.random() < EARLY_SHARE)]
    rows = []
    for i, project in enumerate(early):
        nov = november[project.pk]
        started = project.actual_start is not None
        step = Decimal(int(plans[project.pk] / 12 * Decimal(rng.uniform(0.4, 1.3)) / 10) * 10) if started else 0
        step = max(Decimal(0), min(step, project.total_investment - nov.invest_cumulative))
        cumulative = nov.invest_cumulative + step
        progress = nov.progress_pct if nov.progress_pct == 100 else cumulative * 100 / project.total_investment
        rows.append(
            {
                "project_id": project.pk,
                "year": c.YEAR,
                "month": OPEN_MONTH,
                "invest_month": step,
                "invest_ytd": nov.invest_ytd + step,
                "invest_cumulative": cumulative,
                "progress_pct": min(Decimal(100), progress).quantize(Decimal("0.01")),
                "stage": nov.stage,
                "problems": nov.problems,
                "status": _status(i),
            }
        )
    return rows


def _status(i: int) -> str:
    """Most early reports await review; every seventh is approved; two drafts and one returned."""
    if i in (3, 11):
        return ReportStatus.DRAFT
    if i == 8:
        return ReportStatus.RETURNED
    return ReportStatus.APPROVED if i % 7 == 0 else ReportStatus.SUBMITTED
