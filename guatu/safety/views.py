"""Pages of 安全生产: the overview, hazards (list, detail with its loop, forms), inspections, accidents,
and their Excel exports. Reads are restricted to the user's scope; writes are checked per object.
Logic lives in figures.py, actions.py and the models."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guatu.accounts.access import allows, may, require
from guatu.accounts.decorators import role_required
from guatu.audit.changes import entries
from guatu.audit.models import ChangeRecord
from guatu.audit.tracking import VersionConflict
from guatu.core.downloads import attachment
from guatu.core.formerrors import form_error_text
from guatu.core.periods import Period
from guatu.exchange import registry
from guatu.projects.as_of import default_as_of
from guatu.projects.home_scope import bind_scope_form
from guatu.projects.scope import ScopeError
from guatu.reporting.defaults import default_period
from guatu.safety import actions
from guatu.safety.charts import overview_chart
from guatu.safety.codes import next_code
from guatu.safety.figures import summary
from guatu.safety.filtersets import AccidentFilterSet, HazardFilterSet, InspectionFilterSet
from guatu.safety.forms import AccidentForm, HazardForm, HazardTransitionForm, InspectionForm, SafetyForm
from guatu.safety.models import Accident, Hazard, Inspection

PAGE_SIZE = 100
LISTS = {
    "hazards": (Hazard, HazardFilterSet),
    "inspections": (Inspection, InspectionFilterSet),
    "accidents": (Accident, AccidentFilterSet),
}


def _default_period(user) -> Period:
    return default_period(user)


@login_required
def overview(request):
    period = _default_period(request.user)
    form = bind_scope_form(request, SafetyForm, {"year": period.year, "through": period.month})
    context = {"form": form}
    if form.is_valid():
        try:
            data = summary(form.scope(), form.period(), user=request.user)
        except ScopeError as exc:
            form.add_error("region", str(exc))
        else:
            scope_query = {k: v for k, v in data.scope.as_query().items() if k != "region"}
            context.update(
                summary=data, chart=overview_chart(data),
                base_query=urlencode({**scope_query, "as_of": data.as_of.isoformat()}),
                accident_query=urlencode({**scope_query, "occurred_from": data.period.start.isoformat(),
                                          "occurred_to": data.as_of.isoformat()}),
                award_years=sorted({y for u in [data.total, *data.counties] for y in u.award.history})[-12:],
            )  # fmt: skip
    return render(request, "safety/overview.html", context)


def _filtered(request, name: str, ordering=None):
    model, filterset_class = LISTS[name]
    data = request.GET.copy()
    if name == "hazards" and not data.get("as_of"):
        data["as_of"] = default_as_of(request.user).isoformat()
    queryset = model.objects.visible_to(request.user)
    filterset = filterset_class(data, queryset=queryset, request=request)
    rows = filterset.qs if filterset.is_valid() else queryset.none()
    return filterset, rows


def _page(request, rows):
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def hazard_list(request):
    filterset, rows = _filtered(request, "hazards")
    day = filterset.form.cleaned_data.get("as_of") if filterset.is_valid() else None
    day = day or default_as_of(request.user)
    rows = rows.select_related("inspection__project", "inspection__region").with_overdue(day)
    page = _page(request, rows)
    for hazard in page:
        hazard.late_days = hazard.days_overdue(day)
    return render(request, "safety/hazard_list.html", {
        "filter": filterset, "page": page, "as_of": day, "query": request.GET.urlencode(),
        "may_export": True,
    })  # fmt: skip


def _changes(obj):
    return entries(ChangeRecord.objects.for_object(obj).order_by("-time", "-id")[:200])


@login_required
def hazard_detail(request, pk: int):
    hazard = get_object_or_404(Hazard.objects.visible_to(request.user).select_related(
        "inspection__project", "inspection__region", "inspection__department"), pk=pk)  # fmt: skip
    day = default_as_of(request.user)
    can_change = allows(request.user, "change", hazard)
    return render(request, "safety/hazard_detail.html", {
        "hazard": hazard, "as_of": day, "days_overdue": hazard.days_overdue(day),
        "overdue_now": hazard.days_overdue(timezone.localdate()), "next_statuses": hazard.next_statuses(),
        "can_change": can_change, "transition_form": HazardTransitionForm(), "changes": _changes(hazard),
        "loop": _loop(hazard),
    })  # fmt: skip


def _loop(hazard: Hazard) -> list[dict]:
    """The hazard's way round the loop, for the page: each step, its day and who."""
    return [
        {"label": _("Found"), "day": hazard.found_on, "who": hazard.inspection.inspectors, "done": True},
        {"label": _("Rectification deadline"), "day": hazard.deadline, "who": hazard.owner,
         "done": hazard.status != "found"},
        {"label": _("Verified"), "day": hazard.verified_on, "who": hazard.verified_by,
         "done": bool(hazard.verified_on)},
        {"label": _("Closed (销号)"), "day": hazard.closed_on, "who": hazard.closed_by, "done": bool(hazard.closed_on)},
    ]  # fmt: skip


@login_required
@role_required(Hazard, "change")
@require_POST
def hazard_transition(request, pk: int):
    hazard = get_object_or_404(Hazard.objects.visible_to(request.user), pk=pk)
    require(request.user, "change", hazard)
    form = HazardTransitionForm(request.POST)
    if form.is_valid():
        try:
            actions.transition_hazard(hazard, form.cleaned_data["to"], acting_user=request.user,
                                      note=form.cleaned_data["note"], on=form.cleaned_data["on"])  # fmt: skip
            messages.success(request, _("The hazard is now “%(status)s”.") % {"status": hazard.get_status_display()})
        except actions.WorkflowError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, form_error_text(form))
    return redirect("safety:hazard_detail", pk=hazard.pk)


def _save(request, form, action: str) -> bool:
    """Validate, check the access rule on the object as it will be saved, save; a version conflict
    becomes a form error that says what is stored now."""
    if request.method != "POST" or not form.is_valid():
        return False
    require(request.user, action, form.instance)
    try:
        form.save()
    except VersionConflict as exc:
        form.add_error(None, str(exc))
        return False
    return True


def _form_page(request, form, title: str, cancel: str):
    return render(request, "safety/form.html", {"form": form, "title": title, "cancel": cancel})


@login_required
@role_required(Hazard, "add")
def hazard_create(request, inspection_pk: int):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=inspection_pk)
    form = HazardForm(
        request.POST or None,
        initial={"code": next_code(Hazard, "YH", inspection.inspected_on.year), "found_on": inspection.inspected_on},
    )
    form.instance.inspection = inspection
    if _save(request, form, "add"):
        messages.success(request, _("Hazard recorded."))
        return redirect("safety:hazard_detail", pk=form.instance.pk)
    return _form_page(request, form, _("New hazard · %(inspection)s") % {"inspection": inspection},
                      inspection.get_absolute_url())  # fmt: skip


@login_required
@role_required(Hazard, "change")
def hazard_edit(request, pk: int):
    hazard = get_object_or_404(Hazard.objects.visible_to(request.user), pk=pk)
    require(request.user, "change", hazard)
    form = HazardForm(request.POST or None, instance=hazard)
    if _save(request, form, "change"):
        messages.success(request, _("Hazard saved."))
        return redirect("safety:hazard_detail", pk=hazard.pk)
    return _form_page(request, form, str(hazard), hazard.get_absolute_url())


@login_required
def inspection_list(request):
    filterset, rows = _filtered(request, "inspections")
    rows = rows.select_related("project", "region", "department")
    return render(request, "safety/inspection_list.html", {
        "filter": filterset, "page": _page(request, rows), "query": request.GET.urlencode(),
        "may_add": may(request.user, Inspection, "add"),
    })  # fmt: skip


@login_required
def inspection_detail(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user).select_related(
        "project", "region", "platform", "department"), pk=pk)  # fmt: skip
    day = default_as_of(request.user)
    hazards = list(inspection.hazards.all())
    for hazard in hazards:
        hazard.late_days = hazard.days_overdue(day)
    return render(request, "safety/inspection_detail.html", {
        "inspection": inspection, "hazards": hazards, "as_of": day, "changes": _changes(inspection),
        "can_change": allows(request.user, "change", inspection),
        "can_add_hazard": allows(request.user, "add", Hazard(inspection=inspection)),
    })  # fmt: skip


@login_required
@role_required(Inspection, "add")
def inspection_create(request):
    form = InspectionForm(
        request.POST or None,
        initial={"code": next_code(Inspection, "AJ", timezone.localdate().year), "inspected_on": timezone.localdate()},
    )
    form.limit_choices(request.user, "add")
    if _save(request, form, "add"):
        messages.success(request, _("Inspection recorded."))
        return redirect("safety:inspection_detail", pk=form.instance.pk)
    return _form_page(request, form, _("New inspection"), "/safety/inspections/")


@login_required
@role_required(Inspection, "change")
def inspection_edit(request, pk: int):
    inspection = get_object_or_404(Inspection.objects.visible_to(request.user), pk=pk)
    require(request.user, "change", inspection)
    form = InspectionForm(request.POST or None, instance=inspection)
    form.limit_choices(request.user, "change")
    if _save(request, form, "change"):
        messages.success(request, _("Inspection saved."))
        return redirect("safety:inspection_detail", pk=inspection.pk)
    return _form_page(request, form, str(inspection), inspection.get_absolute_url())


@login_required
def accident_list(request):
    filterset, rows = _filtered(request, "accidents")
    rows = rows.select_related("project", "region")
    return render(request, "safety/accident_list.html", {
        "filter": filterset, "page": _page(request, rows), "query": request.GET.urlencode(),
        "may_add": may(request.user, Accident, "add"),
    })  # fmt: skip


@login_required
def accident_detail(request, pk: int):
    accident = get_object_or_404(Accident.objects.visible_to(request.user).select_related(
        "project", "region", "platform"), pk=pk)  # fmt: skip
    return render(request, "safety/accident_detail.html", {
        "accident": accident, "changes": _changes(accident), "can_change": allows(request.user, "change", accident),
    })  # fmt: skip


@login_required
@role_required(Accident, "add")
def accident_create(request):
    form = AccidentForm(request.POST or None, initial={"code": next_code(Accident, "SG", timezone.localdate().year)})
    form.limit_choices(request.user, "add")
    if _save(request, form, "add"):
        messages.success(request, _("Accident recorded as %(class)s.") % {
            "class": form.instance.get_accident_class_display()})  # fmt: skip
        return redirect("safety:accident_detail", pk=form.instance.pk)
    return _form_page(request, form, _("New accident"), "/safety/accidents/")


@login_required
@role_required(Accident, "change")
def accident_edit(request, pk: int):
    accident = get_object_or_404(Accident.objects.visible_to(request.user), pk=pk)
    require(request.user, "change", accident)
    form = AccidentForm(request.POST or None, instance=accident)
    form.limit_choices(request.user, "change")
    if _save(request, form, "change"):
        messages.success(request, _("Accident saved."))
        return redirect("safety:accident_detail", pk=accident.pk)
    return _form_page(request, form, str(accident), accident.get_absolute_url())


@login_required
def export(request, kind: str, fmt: str):
    """The list as filtered, as xlsx or CSV (the exchange's sheet for the kind)."""
    if kind not in LISTS or fmt not in ("xlsx", "csv"):
        raise Http404
    _filterset, rows = _filtered(request, kind)
    body = registry.export_kind(kind, fmt, user=request.user, queryset=rows)
    return attachment(body, f"safety-{kind}.{fmt}")


@login_required
def template(request, kind: str):
    if kind not in LISTS:
        raise Http404
    if not may(request.user, LISTS[kind][0], "view"):
        raise PermissionDenied
    return attachment(registry.template_kind(kind), f"safety-{kind}-template.xlsx")
