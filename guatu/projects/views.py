"""Web pages: the cockpit, the ledger, a project, the monthly-report form. Logic lives elsewhere."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from guatu.accounts.access import allows
from guatu.audit.changes import ChangeEntry
from guatu.core.cache import Fragment, page_key
from guatu.core.money import pct_str
from guatu.core.params import ParamError
from guatu.projects.filtersets import ProjectFilterSet
from guatu.projects.forms import ScopePeriodForm
from guatu.projects.history import project_changes
from guatu.projects.home_scope import bind_scope_form
from guatu.projects.models import Project
from guatu.projects.progress import progress
from guatu.projects.querysets import behind_schedule
from guatu.projects.report_views import report_options, report_powers
from guatu.projects.sentences import list_sentence
from guatu.reporting.defaults import default_period

LEDGER_SORTS = {
    "code": "code",
    "name": "name",
    "total": "total_investment",
    "plan": "annual_plan",
    "ytd": "ytd_actual",
    "start": "actual_start",
}


def scope_period_form(request) -> ScopePeriodForm:
    """The cockpit form bound to the query string, or to the user's home scope and the default month
    (`guatu.reporting.defaults.default_period`: the latest closed reporting month)."""
    period = default_period(request.user)
    return bind_scope_form(request, ScopePeriodForm, {"year": period.year, "through": period.month})


@login_required
def cockpit(request):
    """The figures are rendered once per access, scope, period, unit, language and data version
    (guatu.core.cache): a repeated view reads them from the cache without querying the figures."""
    form = scope_period_form(request)
    context = {"form": form, "cockpit": None}
    if form.is_valid():
        scope, period = form.scope(), form.period()
        context.update(
            scope=scope,
            period=period,
            unit=form.money_unit(),
            scope_query="&".join(f"{k}={v}" for k, v in scope.as_query().items()),
            cockpit=Fragment(
                page_key("cockpit", request=request, parts=form.cleaned_data),
                fill=lambda: cockpit_figures(scope, period, request.user),
            ),
        )
    return render(request, "projects/cockpit.html", context, status=200 if form.is_valid() else 400)


def cockpit_figures(scope, period, user) -> dict:
    """What the cockpit shows for a scope and period, as `user` may see it."""
    report = progress(scope, period, user=user)
    return {
        "report": report,
        "submission": report.overall.submission,
        "sentences": [list_sentence(row, scope) for row in report.rows],
        "chart": {
            "labels": [row.label for row in report.rows],
            "completion": [pct_str(row.completion) for row in report.rows],
            "elapsed": pct_str(period.elapsed_pct),
            "completionName": _("Completion"),
            "elapsedName": _("Time elapsed"),
        },
    }


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
    powers = report_powers(request.user, project)
    return render(
        request,
        "projects/project_detail.html",
        {
            "project": project,
            "powers": powers,
            "can_file": "add" in powers,
            "can_edit_project": allows(request.user, "change", project),
            "reports": [(r, report_options(r, powers)) for r in reports],
            "plans": sorted(plans.values(), key=lambda p: p.year),
            "memberships": project.memberships.select_related("project_list").order_by("-year"),
            "chart": chart,
            "changes": changes[:200],
        },
    )
