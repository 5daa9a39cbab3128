"""The reporting calendar's workflows: open a month, close it (locking its reports), reopen it.

Each is atomic and recorded (who, when, and for a reopening, why) in the month's history; each
checks `can_manage_calendar`, so the web, the API, the admin and the CLI obey the same rule.
`acting_user=None` is the system (the CLI, the demo loader).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.core.periods import Period
from guatu.projects.actions import lock_month_reports
from guatu.reporting.choices import MonthState
from guatu.reporting.models import ReportingMonth, ReportingPolicy
from guatu.reporting.permissions import can_manage_calendar


class CalendarError(ValueError):
    """A calendar change the rules do not allow; the message says why."""


def _require_manager(user) -> None:
    if not can_manage_calendar(user):
        raise PermissionDenied(_("Only a city administrator may change the reporting calendar."))


def open_month(year: int, month: int, *, acting_user, deadline: dt.date | None = None) -> ReportingMonth:
    """Open `year`-`month` for reporting, due on `deadline` (default: the policy's day of the next month)."""
    _require_manager(acting_user)
    period = Period(year, month)
    reporting_month = ReportingMonth(
        year=year,
        month=month,
        deadline=deadline or ReportingPolicy.current().deadline_for(year, month),
        opened_at=timezone.now(),
        opened_by=acting_user,
    )
    with transaction.atomic():
        if ReportingMonth.objects.for_month(year, month).exists():
            raise CalendarError(_("%(month)s is already in the calendar.") % {"month": _label(period)})
        try:
            reporting_month.full_clean()
        except ValidationError as exc:
            raise CalendarError(" ".join(exc.messages)) from exc
        with _as(acting_user, None):
            reporting_month.save()
    return reporting_month


def close_month(reporting_month: ReportingMonth, *, acting_user, today: dt.date | None = None) -> int:
    """Close the month: lock its reported figures and record who closed it when. Returns the reports locked.

    A month can be closed once it has ended (before or after its deadline: the city decides when it is
    done). Projects that have not reported stay unreported; the month's figures are what was reported.
    """
    _require_manager(acting_user)
    today = today or timezone.localdate()
    with transaction.atomic():
        current = ReportingMonth.objects.select_for_update().get(pk=reporting_month.pk)
        if current.is_closed:
            raise CalendarError(_("%(month)s is already closed.") % {"month": _label(current.period)})
        if today <= current.month_end:
            raise CalendarError(
                _("%(month)s has not ended; it can be closed from %(day)s.")
                % {"month": _label(current.period), "day": current.month_end + dt.timedelta(days=1)}
            )
        locked = lock_month_reports(current.year, current.month, acting_user=acting_user)
        current.state = MonthState.CLOSED
        current.closed_at, current.closed_by = timezone.now(), acting_user
        with _as(acting_user, f"closed; {locked} reports locked"):
            current.save()
    _refresh(reporting_month, current)
    return locked


def reopen_month(reporting_month: ReportingMonth, *, acting_user, reason: str) -> None:
    """Reopen a closed month (an administrator, with a reason), so late reports can still come in.

    Reports locked at the close stay locked: changing them is a correction, not a report.
    """
    _require_manager(acting_user)
    reason = (reason or "").strip()
    if not reason:
        raise CalendarError(_("Say why the month is reopened."))
    with transaction.atomic():
        current = ReportingMonth.objects.select_for_update().get(pk=reporting_month.pk)
        if not current.is_closed:
            raise CalendarError(_("%(month)s is not closed.") % {"month": _label(current.period)})
        current.state = MonthState.OPEN
        current.closed_at = current.closed_by = None
        current.reopened_at, current.reopened_by, current.reopen_reason = timezone.now(), acting_user, reason
        with _as(acting_user, f"reopened: {reason}"):
            current.save()
    _refresh(reporting_month, current)


def _refresh(stale: ReportingMonth, current: ReportingMonth) -> None:
    """Let the caller's instance see what was saved."""
    for name in ("state", "closed_at", "closed_by_id", "reopened_at", "reopened_by_id", "reopen_reason"):
        setattr(stale, name, getattr(current, name))


def _label(period: Period) -> str:
    return f"{period.year}-{period.month:02d}"


def _as(user, reason: str | None):
    from guatu.audit.context import acting

    return acting(**({"user": user} if user is not None else {}), reason=reason)
