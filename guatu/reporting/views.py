"""Pages: 报送情况 (who has reported), its export, and the reporting calendar. Logic lives elsewhere."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.core.downloads import attachment
from guatu.core.formerrors import form_error_text
from guatu.projects.home_scope import bind_scope_form
from guatu.reporting import actions
from guatu.reporting.defaults import default_period, status_month
from guatu.reporting.export import EXPORT_BY, export_status
from guatu.reporting.forms import OpenMonthForm, PolicyForm, ReopenForm, SubmissionFilterForm
from guatu.reporting.models import ReportingMonth, ReportingPolicy, next_month
from guatu.reporting.permissions import can_manage_calendar
from guatu.reporting.status import submission_status


def _filter_form(request) -> SubmissionFilterForm:
    """The filters bound to the query string, or to the user's home scope and the open reporting month."""
    month = status_month(request.user)
    return bind_scope_form(request, SubmissionFilterForm, {"year": month.year, "month": month.month})


@login_required
def status_page(request):
    form = _filter_form(request)
    context = {"form": form}
    if form.is_valid():
        year, month = form.cleaned_data["year"], form.cleaned_data["month"]
        scope = form.scope()
        context.update(
            status=submission_status(scope, year, month, user=request.user),
            calendar_month=ReportingMonth.objects.for_month(year, month).first(),
            default=default_period(request.user),
            query="&".join(f"{k}={v}" for k, v in {"year": year, "month": month, **scope.as_query()}.items()),
        )
    return render(request, "reporting/status.html", context)


@login_required
def status_export(request, fmt: str):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    by = request.GET.get("by") or "projects"
    form = _filter_form(request)
    if by not in EXPORT_BY or not form.is_valid():
        errors = form.errors.as_text() if form.errors else f"by: one of {', '.join(EXPORT_BY)}"
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    year, month = form.cleaned_data["year"], form.cleaned_data["month"]
    body = export_status(submission_status(form.scope(), year, month, user=request.user), by=by, fmt=fmt)
    return attachment(body, f"reporting-{year}-{month:02d}-{by}.{fmt}")


@login_required
def calendar_page(request):
    """The calendar: every month opened, its deadline and state; administrators open, close and reopen."""
    policy = ReportingPolicy.current()
    return render(request, "reporting/calendar.html", {
        "months": ReportingMonth.objects.select_related("closed_by", "reopened_by", "opened_by")[:60],
        "policy": policy,
        "can_manage": can_manage_calendar(request.user),
        "open_form": OpenMonthForm(initial=_next_to_open()),
        "policy_form": PolicyForm(instance=policy),
        "reopen_form": ReopenForm(),
        "default": default_period(request.user),
    })  # fmt: skip


def _next_to_open() -> dict:
    latest = ReportingMonth.objects.latest_first().first()
    if latest is None:
        return {}
    year, month = next_month(latest.year, latest.month)
    return {"year": year, "month": month}


def _manager(request) -> None:
    if not can_manage_calendar(request.user):
        raise PermissionDenied(_("Only a city administrator may change the reporting calendar."))


@login_required
@require_POST
def month_open(request):
    _manager(request)
    form = OpenMonthForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            opened = actions.open_month(data["year"], data["month"], acting_user=request.user,
                                        deadline=data["deadline"])  # fmt: skip
            messages.success(request, _("Opened %(month)s, due %(deadline)s.") % {
                "month": opened, "deadline": opened.deadline})  # fmt: skip
        except actions.CalendarError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, form_error_text(form))
    return redirect("reporting:calendar")


@login_required
@require_POST
def month_close(request, pk: int):
    _manager(request)
    reporting_month = get_object_or_404(ReportingMonth, pk=pk)
    try:
        locked = actions.close_month(reporting_month, acting_user=request.user)
        messages.success(
            request, _("Closed %(month)s; %(n)s reports locked.") % {"month": reporting_month, "n": locked}
        )
    except actions.CalendarError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:calendar")


@login_required
@require_POST
def month_reopen(request, pk: int):
    _manager(request)
    reporting_month = get_object_or_404(ReportingMonth, pk=pk)
    form = ReopenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the month is reopened."))
        return redirect("reporting:calendar")
    try:
        actions.reopen_month(reporting_month, acting_user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Reopened %(month)s.") % {"month": reporting_month})
    except actions.CalendarError as exc:
        messages.error(request, str(exc))
    return redirect("reporting:calendar")


@login_required
@require_POST
def policy_edit(request):
    _manager(request)
    form = PolicyForm(request.POST, instance=ReportingPolicy.current())
    if form.is_valid():
        form.save()
        messages.success(request, _("Saved the reporting policy."))
    else:
        messages.error(request, form_error_text(form))
    return redirect("reporting:calendar")
