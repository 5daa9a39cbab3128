"""Web pages: the cockpit, the ledger, a project, the monthly-report form. Logic lives elsewhere."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.accounts.permissions import can_file_reports
from guatu.audit.changes import ChangeEntry
from guatu.core.money import pct_str
from guatu.core.params import ParamError
from guatu.core.periods import Period
from guatu.projects.filtersets import ProjectFilterSet
from guatu.projects.forms import MonthlyReportForm, ScopePeriodForm
from guatu.projects.history import project_changes
from guatu.projects.home_scope import bind_scope_form
from guatu.projects.models import MonthlyReport, Project
from guatu.projects.progress import latest_period, progress
from guatu.projects.querysets import behind_schedule
from guatu.projects.sentences import list_sentence

LEDGER_SORTS = {
    "code": "code",
    "name": "name",
    "total": "total_investment",
    "plan": "annual_plan",
    "ytd": "ytd_actual",
    "start": "actual_start",
}


def default_period(user) -> Period:
    return latest_period(user=user) or Period.containing(timezone.localdate())


def scope_period_form(request) -> ScopePeriodForm:
    """The cockpit form bound to the query string, or to the user's home scope and the latest month."""
    period = default_period(request.user)
    return bind_scope_form(request, ScopePeriodForm, {"year": period.year, "through": period.month})


@login_required
def cockpit(request):
    form = scope_period_form(request)
    context = {"form": form}
    if form.is_valid():
        scope, period = form.scope(), form.period()
        report = progress(scope, period, user=request.user)
        context.update(
            report=report,
            scope=scope,
            period=period,
            unit=form.money_unit(),
            sentences=[list_sentence(row, scope) for row in report.rows],
            scope_query="&".join(f"{k}={v}" for k, v in scope.as_query().items()),
            chart={
                "labels": [row.label for row in report.rows],
                "completion": [pct_str(row.completion) for row in report.rows],
                "elapsed": pct_str(period.elapsed_pct),
                "completionName": _("Completion"),
                "elapsedName": _("Time elapsed"),
            },
        )
    return render(request, "projects/cockpit.html", context, status=200 if form.is_valid() else 400)


@login_required
def project_list(request):
    form = scope_period_form(request) if request.GET else None
    period = default_period(request.user)
    if form is not None and form.is_valid():
        period = form.period()
    elif form is not None:
        _refuse(form.errors, ("year", "through"))
    projects = (
        Project.objects.visible_to(request.user)
        .select_related("region", "platform", "industry")
        .with_figures(period.year, period.month)
    )
    filterset = ProjectFilterSet(request.GET or None, queryset=projects)
    if filterset.is_bound and not filterset.is_valid():
        _refuse(filterset.errors)
    projects = filterset.qs
    if request.GET.get("lagging"):
        projects = behind_schedule(projects, period.year, period.month)
    sort = request.GET.get("sort", "code")
    field = LEDGER_SORTS.get(sort.lstrip("-"), "code")
    projects = projects.order_by(f"-{field}" if sort.startswith("-") else field, "code")
    page = Paginator(projects, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "projects/project_list.html",
        {
            "filterset": filterset,
            "page": page,
            "period": period,
            "sort": sort,
            "lagging": bool(request.GET.get("lagging")),
            "total_count": page.paginator.count,
        },
    )


def _refuse(errors: dict, names=None) -> None:
    """A bad query parameter is a 400 that names it (ParamErrorMiddleware renders it)."""
    for name, messages_ in errors.items():
        if names is None or name in names:
            raise ParamError(name, " ".join(messages_))


def _visible_project(request, code: str) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), code=code)


@login_required
def project_detail(request, code: str):
    project = _visible_project(request, code)
    project = Project.objects.select_related("region", "platform", "industry", "department").get(pk=project.pk)
    reports = list(project.reports.order_by("year", "month"))
    plans = {p.year: p for p in project.annual_plans.all()}
    chart = {
        "labels": [f"{r.year}-{r.month:02d}" for r in reports],
        "month": [str(r.invest_month) for r in reports],
        "ytd": [str(r.invest_ytd) for r in reports],
        "plan": [str(plans[r.year].planned_investment) if r.year in plans else None for r in reports],
        "progress": [str(r.progress_pct) for r in reports],
        "names": {
            "month": _("Invested this month"),
            "ytd": _("Year to date"),
            "plan": _("Annual plan"),
            "progress": _("Physical progress %"),
        },
    }
    changes: list[ChangeEntry] = project_changes(project)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "can_file": can_file_reports(request.user),
            "reports": reports,
            "plans": sorted(plans.values(), key=lambda p: p.year),
            "memberships": project.memberships.select_related("project_list").order_by("-year"),
            "chart": chart,
            "changes": changes[:200],
        },
    )


@login_required
def report_edit(request, code: str, year: int | None = None, month: int | None = None):
    if not can_file_reports(request.user):
        raise PermissionDenied(_("You may read the ledger but not file reports; ask an administrator."))
    project = _visible_project(request, code)
    instance = None
    if year is not None:
        instance = MonthlyReport.objects.filter(project=project, year=year, month=month).first()
        if instance is None:
            raise Http404(_("No such report."))
    previous = project.reports.order_by("-year", "-month").first()
    initial = previous.next_report_initial() if instance is None and previous is not None else {}
    form = MonthlyReportForm(request.POST or None, instance=instance, project=project, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            report = form.save()
        messages.success(
            request, _("Saved the report for %(year)s-%(month)02d.") % {"year": report.year, "month": report.month}
        )
        return redirect(project)
    return render(
        request,
        "projects/report_form.html",
        {"form": form, "project": project, "instance": instance, "previous": None if instance else previous},
    )
