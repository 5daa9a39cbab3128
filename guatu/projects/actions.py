"""The monthly reporting workflow and the ledger's other multi-step writes.

A report is a draft → submitted (by its reporter) → approved (by a reviewer in scope) or returned
with a reason → locked when the city closes the month. A locked report changes only by a
correction: a reviewer gives the new figures and a reason, the revision goes up, and the change
record keeps the old figures beside the reason.

Every function checks the access rule on the object, runs in one transaction, and writes the
change record under the acting user (and reason). The web form, the API, the importer and the
CLI call these and nothing else.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.accounts.access import require
from guatu.audit.context import acting
from guatu.projects.choices import ReportStatus
from guatu.projects.models import MonthlyReport


class WorkflowError(ValueError):
    """A transition the report's status does not allow (e.g. approving a draft)."""


TRANSITIONS = {
    "submit": ({ReportStatus.DRAFT, ReportStatus.RETURNED}, ReportStatus.SUBMITTED),
    "approve": ({ReportStatus.SUBMITTED}, ReportStatus.APPROVED),
    "return": ({ReportStatus.SUBMITTED, ReportStatus.APPROVED}, ReportStatus.RETURNED),
}


def _name(user) -> str:
    return user.get_username() if user is not None else "system"


def save_report(report: MonthlyReport, *, acting_user, submit: bool = False) -> MonthlyReport:
    """Create or edit a report's figures (a new one starts as a draft); optionally submit it at once."""
    with transaction.atomic(), _as(acting_user):
        creating = report.pk is None
        require(acting_user, "add" if creating else "change", report)
        if creating:
            report.status = ReportStatus.DRAFT
        report.save()
        if submit:
            submit_report(report, acting_user=acting_user)
    return report


def _transition(report: MonthlyReport, step: str, *, acting_user, reason: str = "") -> MonthlyReport:
    allowed_from, to = TRANSITIONS[step]
    with transaction.atomic(), _as(acting_user, reason):
        fresh = MonthlyReport.objects.select_for_update().select_related("project").get(pk=report.pk)
        require(acting_user, "submit" if step == "submit" else "approve", fresh)
        if fresh.status not in allowed_from:
            raise WorkflowError(
                _("A %(status)s report cannot be %(step)s.")
                % {"status": ReportStatus(fresh.status).label, "step": STEP_LABELS[step]()}
            )
        now = timezone.now()
        fresh.status = to
        if step == "submit":
            fresh.submitted_at, fresh.submitted_by, fresh.return_reason = now, _name(acting_user), ""
        else:
            fresh.reviewed_at, fresh.reviewed_by = now, _name(acting_user)
            fresh.return_reason = reason if step == "return" else ""
        fresh._workflow = True
        fresh.save()
    _copy_state(fresh, report)
    return report


STEP_LABELS = {"submit": lambda: _("submitted"), "approve": lambda: _("approved"), "return": lambda: _("returned")}


def submit_report(report: MonthlyReport, *, acting_user) -> MonthlyReport:
    return _transition(report, "submit", acting_user=acting_user)


def approve_report(report: MonthlyReport, *, acting_user) -> MonthlyReport:
    return _transition(report, "approve", acting_user=acting_user)


def return_report(report: MonthlyReport, reason: str, *, acting_user) -> MonthlyReport:
    if not reason.strip():
        raise WorkflowError(_("Say why the report is returned."))
    return _transition(report, "return", acting_user=acting_user, reason=reason.strip())


def correct_report(report: MonthlyReport, figures: dict, reason: str, *, acting_user) -> MonthlyReport:
    """Change a locked report's figures: a new revision, with the reason on the change record."""
    if not reason.strip():
        raise WorkflowError(_("A correction needs a reason."))
    with transaction.atomic(), _as(acting_user, reason.strip()):
        fresh = MonthlyReport.objects.select_for_update().select_related("project").get(pk=report.pk)
        require(acting_user, "correct", fresh)
        if fresh.status != ReportStatus.LOCKED:
            raise WorkflowError(_("Only a locked report is corrected; this one can be edited or returned."))
        if "version" in figures and figures["version"] is not None:
            fresh.version = figures["version"]
        for name in MonthlyReport.FIGURES:
            if name in figures and name not in ("year", "month"):
                setattr(fresh, name, figures[name])
        fresh.revision += 1
        fresh._correcting = True
        fresh.save()
    _copy_state(fresh, report)
    return report


def lock_month_reports(year: int, month: int, *, acting_user) -> int:
    """Lock every reported (submitted or approved) report of the month; returns how many.

    Called when the city closes the month; a locked report changes only by a correction.
    """
    with transaction.atomic(), _as(acting_user):
        reports = MonthlyReport.objects.for_month(year, month).filter(
            status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]
        )
        return reports.update(status=ReportStatus.LOCKED)


def _copy_state(source: MonthlyReport, target: MonthlyReport) -> None:
    if source is target:
        return
    for f in MonthlyReport._meta.concrete_fields:
        setattr(target, f.attname, getattr(source, f.attname))


def _as(user, reason: str | None = None):
    """Act as `user` (None: keep the outer actor — the system, the demo loader), with a reason."""
    return acting(**({"user": user} if user is not None else {}), reason=reason)
