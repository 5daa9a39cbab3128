"""科创平台 pages: the platform list, a platform, its scorecard and years, the ranking, the rows behind a figure.
Every read starts from what the user may see; the figures come from `guatu.innovation.figures`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db.models import Max, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.accounts.access import allows, may, restrict
from guatu.audit.changes import entries
from guatu.audit.models import ChangeRecord
from guatu.core.downloads import CONTENT_TYPES, attachment
from guatu.core.money import pct_str
from guatu.exchange import registry
from guatu.innovation import figures, measures
from guatu.innovation.forms import PlatformFilterForm
from guatu.innovation.models import (
    EvaluationScheme,
    InnovationPlatform,
    PlatformMilestone,
    PlatformOutput,
    PlatformPartner,
    PlatformProject,
)
from guatu.projects.models import Project

CHART_MEASURES = ("talent", "first_of_kind", "papers", "patent_applications", "funded_projects", "firm_services")
EXPORTS = {"outputs": "innovation-outputs", "platforms": "innovation-platforms"}


def default_year(user) -> int:
    """The latest year any platform the user sees has reported, else this year."""
    latest = PlatformOutput.objects.visible_to(user).aggregate(latest=Max("year"))["latest"]
    return latest or timezone.localdate().year


def filter_form(request) -> PlatformFilterForm:
    data = request.GET.copy()
    data.setdefault("year", str(default_year(request.user)))
    return PlatformFilterForm(data)


def visible_platform(request, code: str) -> InnovationPlatform:
    platforms = InnovationPlatform.objects.visible_to(request.user).select_related(
        "platform_type", "region", "industrial_platform", "industry", "based_on")  # fmt: skip
    return get_object_or_404(platforms, code=code)


def _num(value) -> str | None:
    return None if value is None else str(value)


def by_measure(keys: list[str], years: list[int], outputs: dict) -> dict:
    """Chart data: the measures side by side, one series per year (so years compare measure by measure)."""
    return {
        "labels": [str(measures.measure(k).label) for k in keys],
        "series": [{"name": str(y), "values": [_num(outputs[y].value(k)) if y in outputs else None for k in keys]}
                   for y in years],
    }  # fmt: skip


@login_required
def platform_list(request):
    form = filter_form(request)
    context = {"form": form, "may_add": may(request.user, InnovationPlatform, "add")}
    if form.is_valid():
        year = form.cleaned_data["year"]
        platforms = list(InnovationPlatform.objects.visible_to(request.user).in_scope(**form.scope())
                         .select_related("platform_type", "region", "industrial_platform"))  # fmt: skip
        outputs, schemes = figures.outputs_of(platforms), figures.schemes_for(year)
        rows = []
        for p in platforms:
            card = figures.scorecard_for(p, year, outputs[p.pk], schemes.get(p.platform_type_id))
            rows.append({"platform": p, "figures": figures.summary_figures(outputs[p.pk], year), "card": card,
                         "years": sorted(y for y in outputs[p.pk] if y <= year)})  # fmt: skip
        scored = sorted((r for r in rows if r["card"].total is not None), key=lambda r: -r["card"].total)
        context.update(
            year=year, rows=rows, query=form.as_query(), measures=[measures.measure(k) for k in CHART_MEASURES],
            chart={"labels": [r["platform"].name for r in scored], "totals": [_num(r["card"].total) for r in scored],
                   "grades": [r["card"].grade for r in scored], "name": _("Score")},
        )  # fmt: skip
    return render(request, "innovation/platform_list.html", context)


def _changes(platform: InnovationPlatform):
    """The platform's change record: the platform and every row that belongs to it."""
    q = Q(content_type=ContentType.objects.get_for_model(InnovationPlatform), object_id=platform.pk)
    for model in (PlatformOutput, PlatformPartner, PlatformMilestone, PlatformProject):
        ids = list(model._base_manager.filter(platform=platform).values_list("pk", flat=True))
        q |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
    return entries(ChangeRecord.objects.filter(q).order_by("-time", "-id")[:200])


@login_required
def platform_detail(request, code: str):
    platform = visible_platform(request, code)
    outputs = figures.outputs_of([platform])[platform.pk]
    years = sorted(outputs)
    last = years[-1] if years else default_year(request.user)
    totals = figures.summary_figures(outputs, last)
    reported = [k for k in measures.KEYS if totals[k].value is not None]
    links = platform.project_links.filter(project__in=Project.objects.visible_to(request.user)).select_related(
        "project")  # fmt: skip
    yoy = figures.year_on_year(platform, years) if years else None
    chart = by_measure([k for k in CHART_MEASURES if k in reported], years, outputs)
    return render(request, "innovation/platform_detail.html", {
        "platform": platform, "outputs": [outputs[y] for y in years], "years": years, "totals": totals,
        "measures": [measures.measure(k) for k in reported], "last": last,
        "partners": platform.partners.all(), "milestones": platform.milestones.all(), "links": links,
        "lead_links": restrict(platform.lead_links.select_related("lead"), request.user, "view"),
        "cards": yoy.cards if yoy else [], "chart": chart, "changes": _changes(platform),
        "can_edit": allows(request.user, "change", platform),
        "can_add_output": allows(request.user, "add", PlatformOutput(platform=platform)),
    })  # fmt: skip


@login_required
def scorecard_page(request, code: str, year: int):
    platform = visible_platform(request, code)
    card = figures.scorecard(platform, year)
    years = sorted({*card.outputs, *EvaluationScheme.objects.filter(platform_type=platform.platform_type)
                    .values_list("year", flat=True)})  # fmt: skip
    lines = card.lines
    chart = {
        "labels": [line.indicator.label for line in lines],
        "scores": [str(line.item.score) for line in lines],
        "ceilings": [str(line.item.indicator.ceiling) for line in lines],
        "names": {"score": _("Score"), "ceiling": _("Most points")},
    }  # fmt: skip
    return render(request, "innovation/scorecard.html", {
        "platform": platform, "card": card, "year": year, "years": years, "chart": chart,
        "ratios": [pct_str(line.item.ratio_pct) for line in lines],
    })  # fmt: skip


@login_required
def ranking_page(request):
    form = filter_form(request)
    context = {"form": form}
    if form.is_valid():
        year = form.cleaned_data["year"]
        platforms = InnovationPlatform.objects.visible_to(request.user).in_scope(**form.scope()).select_related(
            "platform_type", "region")  # fmt: skip
        groups = figures.ranking(platforms, year)
        context.update(
            year=year, groups=groups, query=form.as_query(),
            chart={"groups": [{"name": g.platform_type.name,
                               "labels": [r.platform.name for r in g.rows if r.card.total is not None],
                               "totals": [str(r.card.total) for r in g.rows if r.card.total is not None],
                               "previous": [_num(r.previous.total) if r.previous else None
                                            for r in g.rows if r.card.total is not None]}
                              for g in groups if any(r.card.total is not None for r in g.rows)],
                   "names": {"now": str(year), "before": str(year - 1)}},
        )  # fmt: skip
    return render(request, "innovation/ranking.html", context)


@login_required
def year_on_year_page(request, code: str):
    platform = visible_platform(request, code)
    yoy = figures.year_on_year(platform)
    outputs = figures.outputs_of([platform])[platform.pk]
    chart = by_measure([r.key for r in yoy.rows if r.key in CHART_MEASURES], yoy.years, outputs)
    return render(request, "innovation/year_on_year.html", {"platform": platform, "yoy": yoy, "chart": chart})


@login_required
def outputs_page(request):
    """The rows behind a figure: one platform's outputs in a year (`year`) or up to it (`through`)."""
    rows = PlatformOutput.objects.visible_to(request.user).select_related("platform")
    platform = None
    if request.GET.get("platform"):
        platform = visible_platform(request, request.GET["platform"])
        rows = rows.filter(platform=platform)
    year, through = _int(request.GET.get("year")), _int(request.GET.get("through"))
    if year:
        rows = rows.filter(year=year)
    if through:
        rows = rows.filter(year__lte=through)
    rows = list(rows.order_by("platform__code", "year"))
    shown = [m for m in measures.MEASURES if any(r.value(m.key) is not None for r in rows)]
    totals = {m.key: sum((r.value(m.key) for r in rows if r.value(m.key) is not None), 0) for m in shown}
    return render(request, "innovation/outputs.html", {
        "rows": rows, "measures": shown, "totals": totals, "platform": platform, "year": year, "through": through,
        "single_platform": platform is not None,
    })  # fmt: skip


def _int(value) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        raise Http404("not a year") from None


@login_required
def export(request, kind: str, fmt: str):
    """The platforms or outputs the user may see, as xlsx or CSV (the exchange's writers)."""
    if kind not in EXPORTS or fmt not in CONTENT_TYPES:
        raise Http404
    exchange_kind = registry.get(EXPORTS[kind])
    rows = exchange_kind.rows_for(request.user)
    if request.GET.get("platform"):
        platform = visible_platform(request, request.GET["platform"])
        rows = rows.filter(pk=platform.pk) if kind == "platforms" else rows.filter(platform=platform)
    body = registry.export_kind(EXPORTS[kind], fmt, user=request.user, queryset=restrict(rows, request.user))
    return attachment(body, f"{EXPORTS[kind]}.{fmt}")


@login_required
def template(request, kind: str):
    if kind not in EXPORTS:
        raise Http404
    return attachment(registry.template_kind(EXPORTS[kind]), f"{EXPORTS[kind]}-template.xlsx")
