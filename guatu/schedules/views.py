"""Pages of 挂图作战: the battle map (and its PDF/PNG), warnings, problems, a project's milestones."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.accounts.access import allows, require
from guatu.accounts.decorators import role_required
from guatu.core import params
from guatu.core.browser import BrowserUnavailable, html_to_pdf, html_to_png
from guatu.core.redirects import redirect_to_next
from guatu.projects.home_scope import bind_scope_form
from guatu.projects.models import Project
from guatu.reporting.defaults import default_as_of
from guatu.schedules import actions
from guatu.schedules.battle_map import battle_map, project_map
from guatu.schedules.forms import (
    AddMilestoneForm,
    ApplyTemplateForm,
    AsOfForm,
    BattleMapForm,
    MilestoneFormSet,
    ProblemFilterForm,
    ProblemForm,
    SummaryForm,
    TransitionForm,
)
from guatu.schedules.models import Milestone, Problem
from guatu.schedules.plans import link_rows, plans_for
from guatu.schedules.problems import overdue_by_department, problems_context
from guatu.schedules.warnings import scope_warnings, warning_for_project

WARNINGS_PER_PAGE = 100  # flagged projects listed on a page of the warnings page
SUMMARY_NAMED = 20  # red projects named in each group of the warnings page's summary


def _battle_form(request, form_class=BattleMapForm):
    return bind_scope_form(request, form_class, {"as_of": default_as_of(request.user).isoformat()})


def _form_query(form) -> str:
    """The filters the form was bound to (the home scope too, when the address had none) as a query string without
    the page: what the pager and export links keep."""
    data = form.data.lists() if hasattr(form.data, "lists") else ((k, [v]) for k, v in form.data.items())
    return urlencode([(k, v) for k, values in data if k != "page" for v in values if v not in ("", None)])


@login_required
def battle_map_page(request):
    form = _battle_form(request)
    context = {"form": form}
    if form.is_valid():
        context["map"] = battle_map(form.scope(), form.cleaned_data["as_of"], form.cleaned_data["level"], width=720,
                                    user=request.user, page=request.GET.get("page") or 1)  # fmt: skip
        context["query"] = _form_query(form)
    return render(request, "schedules/battle_map.html", context, status=200 if form.is_valid() else 400)


@login_required
def battle_map_export(request, fmt: str):
    if fmt not in ("pdf", "png"):
        raise Http404
    form = _battle_form(request)
    if not form.is_valid():
        return HttpResponse(_("Bad filters: %(errors)s") % {"errors": form.errors.as_text()}, status=400)
    data = battle_map(form.scope(), form.cleaned_data["as_of"], form.cleaned_data["level"], user=request.user,
                      width=1100 if fmt == "pdf" else 1200)  # fmt: skip
    if not params.get(request.GET, "milestones", params.parse_bool, True):  # projects only: a one-glance wall chart
        data.rows = data.projects
    html = render_to_string("schedules/battle_map_print.html", {"map": data, "expand": True}, request=request)
    try:
        if fmt == "pdf":
            header = render_to_string("schedules/_print_header.html", {"map": data})
            footer = render_to_string("schedules/_print_footer.html", {"map": data})
            body, content_type = html_to_pdf(html, header=header, footer=footer), "application/pdf"
        else:
            body, content_type = html_to_png(html, width=1600), "image/png"
    except BrowserUnavailable as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type=content_type)
    filename = f"battle-map-{data.as_of.isoformat()}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def warnings_page(request):
    form = _battle_form(request, SummaryForm)
    context = {"form": form}
    if form.is_valid():
        as_of, by = form.cleaned_data["as_of"], form.cleaned_data["by"] or "list"
        found = scope_warnings(form.scope(), as_of, user=request.user)
        page = Paginator(found.flagged(form.cleaned_data["level"]), WARNINGS_PER_PAGE).get_page(request.GET.get("page"))
        context.update(as_of=as_of, by=by, summary=found.summary(by, named=SUMMARY_NAMED), flagged=page, page=page,
                       totals=found.counts(), query=_form_query(form))  # fmt: skip
    return render(request, "schedules/warnings.html", context, status=200 if form.is_valid() else 400)


@login_required
def problem_list(request):
    form = ProblemFilterForm(request.GET or None)
    today = timezone.localdate()
    problems = Problem.objects.visible_to(request.user).select_related("project", "department").with_overdue(today)
    if form.is_valid():
        if form.cleaned_data["status"]:
            problems = problems.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["overdue"]:
            problems = problems.overdue(today)
    return render(request, "schedules/problem_list.html", {
        "form": form, "problems": problems, "today": today,
        "overdue_by_department": overdue_by_department(today, request.user),
    }, status=400 if form.errors else 200)  # fmt: skip


def _project(request, code: str) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), code=code)


@login_required
@role_required(Problem, "add")
def problem_create(request, code: str):
    project = _project(request, code)
    form = ProblemForm(request.POST or None, initial={"raised_on": timezone.localdate(),
                                                      "department": project.department_id})  # fmt: skip
    form.instance.project = project
    if request.method == "POST" and form.is_valid():
        require(request.user, "add", form.instance)
        form.save()
        messages.success(request, _("Problem recorded."))
        return redirect("schedules:project_milestones", code=project.code)
    return render(request, "schedules/problem_form.html", {"form": form, "project": project})


@login_required
@role_required(Problem, "change")
@require_POST
def problem_transition(request, pk: int):
    problem = get_object_or_404(Problem.objects.visible_to(request.user), pk=pk)
    require(request.user, "change", problem)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            actions.transition_problem(problem, form.cleaned_data["to"], acting_user=request.user,
                                       resolution=form.cleaned_data["resolution"])  # fmt: skip
            messages.success(request, _("Problem is now “%(status)s”.") % {"status": problem.get_status_display()})
        except actions.WorkflowError as exc:
            messages.error(request, str(exc))
    return redirect_to_next(request, "schedules:problem_list")


def _page_as_of(request, data=None) -> tuple[AsOfForm, object]:
    """The page's as-of day (`?as_of=`), bounded; an out-of-range day is the form's error (a 400)."""
    default = default_as_of(request.user)
    form = AsOfForm(data if data is not None else (request.GET if "as_of" in request.GET else {"as_of": default}))
    return form, (form.cleaned_data["as_of"] if form.is_valid() else default)


def _editor_url(project: Project, as_of) -> str:
    return f"{reverse('schedules:project_milestones', args=[project.code])}?{urlencode({'as_of': as_of.isoformat()})}"


@login_required
def project_milestones(request, code: str):
    """The milestone editor of one project: its network (add, rename, remove, durations,
    predecessors by name), actuals, the 倒排 dates as of a chosen day, plan approval, problems."""
    project = _project(request, code)
    as_of_form, as_of = _page_as_of(request)
    probe = Milestone(project=project)
    can_edit = allows(request.user, "change", probe)
    can_add = allows(request.user, "add", probe)
    can_delete = allows(request.user, "delete", probe)
    milestones = project.milestones.order_by("order", "pk")
    posted = request.POST if request.method == "POST" else None
    what = posted.get("action") if posted else None
    formset = MilestoneFormSet(posted if what == "save" else None, queryset=milestones, prefix="m")
    add_form = AddMilestoneForm(posted if what == "add" else None, milestones=milestones)
    if posted is not None:
        if not (can_edit if what == "save" else can_add) or what not in ("save", "add"):
            raise PermissionDenied
        try:
            if what == "save" and formset.is_valid():
                changed = formset.save(commit=False)
                if formset.deleted_objects and not can_delete:
                    raise PermissionDenied
                actions.save_network(project, save=changed, delete=formset.deleted_objects, acting_user=request.user)
                messages.success(request, _("Milestones saved."))
                return redirect(_editor_url(project, as_of))
            if what == "add" and add_form.is_valid():
                added = actions.add_milestone(project, acting_user=request.user, **add_form.cleaned_data)
                messages.success(request, _("Milestone %(name)s added.") % {"name": added.name})
                return redirect(_editor_url(project, as_of))
        except actions.WorkflowError as exc:
            for message in exc.messages:
                messages.error(request, _("Not saved: %(error)s") % {"error": message})
    plan = plans_for(Project.objects.filter(pk=project.pk), as_of)[0]
    warning = warning_for_project(project, as_of, plan=plan)
    rows_by_id = {row.milestone.pk: row for row in plan.rows}
    names = {m.key: m.name for m in milestones}
    bad = bool(as_of_form.errors) or (posted is not None and (formset.errors or add_form.errors))
    return render(request, "schedules/project_milestones.html", {
        "project": project, "plan": plan, "warning": warning, "as_of": as_of, "as_of_form": as_of_form,
        "can_edit": can_edit, "can_add": can_add, "can_delete": can_delete,
        "forms_rows": [(f, rows_by_id.get(f.instance.pk), link_rows(f.instance, names)) for f in formset.forms],
        "formset": formset, "add_form": add_form, "map": project_map(warning, as_of),
        "template_form": ApplyTemplateForm(), "approval": getattr(project, "schedule_approval", None),
        **problems_context(project, request.user),
    }, status=400 if bad else 200)  # fmt: skip


@login_required
@role_required(Milestone, "change")
@require_POST
def project_plan_action(request, code: str, action: str):
    """Apply a template, approve the plan, or approve and set the baseline — as of the page's day."""
    project = _project(request, code)
    require(request.user, "change", Milestone(project=project))
    as_of_form, as_of = _page_as_of(request, {"as_of": request.POST.get("as_of") or default_as_of(request.user)})
    if as_of_form.errors:
        messages.error(request, _("Not done: %(error)s") % {"error": as_of_form.errors["as_of"][0]})
        return redirect("schedules:project_milestones", code=project.code)
    try:
        if action == "apply":
            require(request.user, "add", Milestone(project=project))
            form = ApplyTemplateForm(request.POST)
            if not form.is_valid():
                raise actions.WorkflowError(_("Choose a template."))
            actions.apply_template(project, form.cleaned_data["template"], acting_user=request.user, as_of=as_of)
            messages.success(request, _("Milestones created and scheduled back from the promised date."))
        elif action in ("approve", "baseline"):
            actions.approve_plan(project, acting_user=request.user, as_of=as_of, set_baseline=action == "baseline")
            messages.success(request, _("Plan approved.") if action == "approve" else _("Baseline set."))
        else:
            raise Http404
    except actions.WorkflowError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(_editor_url(project, as_of))
