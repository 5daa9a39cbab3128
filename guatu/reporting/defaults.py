"""Which month pages open on — one rule for the cockpit, ledger, briefing, warnings, battle map and
indicator board.

1. The latest month the city has closed.
2. Before any close: the latest month that at least the policy's share (e.g. 80%) of the projects
   expected to report has reported — so one early report never moves every page.
3. With neither: the current month.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count
from django.utils import timezone

from guatu.core.periods import Period
from guatu.projects.models import MonthlyReport, Project
from guatu.reporting.expected import expected_to_report
from guatu.reporting.models import ReportingMonth, ReportingPolicy


def default_period(user=None) -> Period:
    """The period (year, through month) pages open on for `user` (`None`: the system, e.g. the CLI)."""
    closed = ReportingMonth.objects.closed().latest_first().first()
    if closed is not None:
        return closed.period
    return latest_reported_month(user) or Period.containing(timezone.localdate())


def default_as_of(user=None) -> dt.date:
    """The day warnings and the battle map look from: the end of the default month (never after today)."""
    return min(default_period(user).end, timezone.localdate())


def latest_reported_month(user=None, share_pct=None) -> Period | None:
    """The latest month that at least `share_pct` (default: the policy's) of the projects expected to
    report — among those `user` sees — has reported. Three queries for the latest year."""
    share = ReportingPolicy.current().reported_share_pct if share_pct is None else share_pct
    visible = Project.objects.visible_to(user)
    reports = MonthlyReport.objects.reported()
    years = reports.filter(project__in=visible.values("pk")).values_list("year", flat=True).order_by().distinct()
    for year in sorted(set(years), reverse=True):
        expected = expected_to_report(visible, year)
        total = expected.count()
        by_month = (
            reports.filter(year=year, project__in=expected.values("pk"))
            .values_list("month")
            .annotate(n=Count("project", distinct=True))
        )
        months = [month for month, n in by_month if total and n * 100 >= share * total]
        if months:
            return Period(year, max(months))
    return None


def status_month(user=None) -> Period:
    """The month the 报送情况 page opens on: the open reporting month (the latest, if several), else
    the default period."""
    current = ReportingMonth.objects.open().latest_first().first()
    return current.period if current is not None else default_period(user)
