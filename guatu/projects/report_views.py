"""Web pages of the monthly reporting workflow: file (draft / submit), review (approve / return),
correct a locked report, and the reviewer's queue. The rules live in `guatu.projects.actions`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.accounts.access import allows, restrict
from guatu.audit.tracking import VersionConflict
from guatu.projects import actions
from guatu.projects.choices import ReportStatus
from guatu.projects.forms import CorrectionForm, MonthlyReportForm, ReturnForm
from guatu.projects.models import MonthlyReport, Project

REPORT_ACTIONS = ("add", "change", "submit", "approve", "correct")


def report_powers(user, project: Project) -> set[str]:
    """What the user may do with this project's reports (the same for all of them: one scope)."""
    probe = MonthlyReport(project=project)
    return {action for action in REPORT_ACTIONS if allows(user, action, probe)}


def report_options(report: MonthlyReport, powers: set[str]) -> dict[str, bool]:
    """Which buttons a report shows, from its status and what the user may do."""
    editable = report.status in MonthlyReport.EDITABLE
    return {
        "edit": editable and "change" in powers,
        "submit": editable and "submit" in powers,
        "approve": report.status == ReportStatus.SUBMITTED and "approve" in powers,
        "return": report.status in (ReportStatus.SUBMITTED, ReportStatus.APPROVED) and "approve" in powers,
        "correct": report.status == ReportStatus.LOCKED and "correct" in powers,
    }


def _project(request, code: str) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), code=code)


def _report(request, code: str, year: int, month: int) -> MonthlyReport:
    report = MonthlyReport.objects.visible_to(request.user).filter(project__code=code, year=year, month=month).first()
    if report is None:
        raise Http404(_("No such report."))
    return report


def _conflict_message(exc: VersionConflict) -> str:
    current = exc.current or {}
    figures = ", ".join(
        f"{MonthlyReport._meta.get_field(name).verbose_name}: {current[name]}"
        for name in ("invest_month", "invest_ytd", "invest_cumulative", "progress_pct")
        if name in current
    )
    return f"{exc} {_('Saved now')}: {figures}" if figures else str(exc)


@login_required
def report_edit(request, code: str, year: int | None = None, month: int | None = None):
    """A new report (a draft, or submitted at once) or an edit of a draft or returned one."""
    project = _project(request, code)
    instance = None if year is None else _report(request, code, year, month)
    powers = report_powers(request.user, project)
    if ("add" if instance is None else "change") not in powers:
        raise PermissionDenied(_("You may read these reports but not file them; your role or scope does not allow it."))
    if instance is not None and instance.status not in MonthlyReport.EDITABLE:
        messages.info(
            request, _("This report is %(status)s and cannot be edited.") % {"status": instance.get_status_display()}
        )
        return redirect(project)
    previous = project.reports.order_by("-year", "-month").first()
    initial = previous.next_report_initial() if instance is None and previous is not None else {}
    form = MonthlyReportForm(request.POST or None, instance=instance, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST and "submit" in powers
        try:
            report = actions.save_report(form.instance, acting_user=request.user, submit=submit)
        except VersionConflict as exc:
            form.add_error(None, _conflict_message(exc))
        else:
            text = (
                _("Submitted the report for %(year)s-%(month)02d.")
                if submit
                else _("Saved the report for %(year)s-%(month)02d as a draft; submit it when it is complete.")
            )
            messages.success(request, text % {"year": report.year, "month": report.month})
            return redirect(project)
    return render(
        request,
        "projects/report_form.html",
        {"form": form, "project": project, "instance": instance, "previous": None if instance else previous,
         "can_submit": "submit" in powers},
    )  # fmt: skip


@login_required
@require_POST
def report_transition(request, code: str, year: int, month: int, step: str):
    """Submit, approve or return a report (POST from the project page or the review queue)."""
    report = _report(request, code, year, month)
    try:
        if step == "submit":
            actions.submit_report(report, acting_user=request.user)
        elif step == "approve":
            actions.approve_report(report, acting_user=request.user)
        elif step == "return":
            form = ReturnForm(request.POST)
            if not form.is_valid():
                messages.error(request, _("Say why the report is returned."))
                return redirect(_back(request, report))
            actions.return_report(report, form.cleaned_data["reason"], acting_user=request.user)
        else:
            raise Http404
    except actions.WorkflowError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Report %(year)s-%(month)02d is now %(status)s.")
                         % {"year": year, "month": month, "status": report.get_status_display()})  # fmt: skip
    return redirect(_back(request, report))


def _back(request, report: MonthlyReport) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return report.project.get_absolute_url()


@login_required
def report_correct(request, code: str, year: int, month: int):
    """New figures for a locked report, with a reason; the old figures stay on the change record."""
    report = _report(request, code, year, month)
    if report.status != ReportStatus.LOCKED:
        messages.info(request, _("Only a locked report is corrected; this one can be edited or returned."))
        return redirect(report.project)
    if not allows(request.user, "correct", report):
        raise PermissionDenied(_("Corrections are made by a reviewer or an administrator in scope."))
    original = {name: getattr(report, name) for name in MonthlyReport.FIGURES}
    form = CorrectionForm(request.POST or None, instance=report, project=report.project)
    if request.method == "POST" and form.is_valid():
        figures = {name: form.cleaned_data[name] for name in form.Meta.fields}
        figures["version"] = form.cleaned_data.get("seen_version")
        fresh = MonthlyReport.objects.get(pk=report.pk)
        try:
            actions.correct_report(fresh, figures, form.cleaned_data["reason"], acting_user=request.user)
        except VersionConflict as exc:
            form.add_error(None, _conflict_message(exc))
        except actions.WorkflowError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Corrected the report for %(year)s-%(month)02d (revision %(rev)s).")
                             % {"year": year, "month": month, "rev": fresh.revision})  # fmt: skip
            return redirect(report.project)
    return render(request, "projects/report_correct.html", {"form": form, "report": report, "original": original})


@login_required
def review_queue(request):
    """Reports waiting for this reviewer: submitted, in the reviewer's scope, oldest first."""
    waiting = (
        restrict(MonthlyReport.objects.all(), request.user, "approve")
        .filter(status=ReportStatus.SUBMITTED)
        .select_related("project", "project__region", "project__platform")
        .order_by("submitted_at", "project__code")
    )
    page = Paginator(waiting, 50).get_page(request.GET.get("page"))
    return render(request, "projects/review_queue.html", {"page": page, "total": page.paginator.count})
