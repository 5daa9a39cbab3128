"""Workflows on the ledger that touch several rows: each atomic, each recorded with who did it."""

from __future__ import annotations

from django.db import transaction

from guatu.projects.choices import ReportStatus
from guatu.projects.models import MonthlyReport


def lock_month_reports(year: int, month: int, *, acting_user) -> int:
    """Lock every reported (submitted or approved) report of the month; returns how many.

    Called when the city closes the month; a locked report changes only by a correction.
    """
    with transaction.atomic():
        reports = list(
            MonthlyReport.objects.select_for_update()
            .for_month(year, month)
            .filter(status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED])
        )
        for report in reports:
            report.status = ReportStatus.LOCKED
            report._history_user = acting_user
            report.save(update_fields=["status"])
    return len(reports)
