"""Pages of 招商引资: the figures with the funnel, the pipeline list, a lead, "my leads", the events,
and Excel downloads. Every read goes through `Lead.objects.visible_to`; logic lives elsewhere."""

from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from guatu.accounts.access import allows, may
from guatu.attraction import briefing
from guatu.attraction.choices import Stage
from guatu.attraction.figures import Filters, summary
from guatu.attraction.filtersets import LeadFilterSet
from guatu.attraction.forms import BY_LABELS, FiguresForm, TransitionForm
from guatu.attraction.models import CapitalArrival, Contact, Lead, LeadStageChange, SigningEvent, Talk
from guatu.attraction.reminders import reminders_for
from guatu.attraction.thresholds import Thresholds, check
from guatu.audit.changes import entries
from guatu.audit.models import ChangeRecord
from guatu.core.downloads import attachment
from guatu.core.money import fmt_money
from guatu.core.periods import Period
from guatu.exchange import registry
from guatu.projects.as_of import default_as_of
from guatu.projects.home_scope import bind_scope_form
from guatu.projects.views import default_period


def _figures_form(request) -> FiguresForm:
    period = default_period(request.user)
    return bind_scope_form(request, FiguresForm, {"year": period.year, "through": period.month, "by": "region"})


def _drill(query: dict | None, **extra) -> str | None:
    """A link to the pipeline list showing the leads behind a figure."""
    if query is None:
        return None
    return reverse("attraction:lead_list") + "?" + urlencode({**query, **extra})


def rate_labels() -> list[tuple[str, str]]:
    return [
        ("performance", _("Performance rate (履约率)")),
        ("landing", _("Landing rate (落地率)")),
        ("start", _("Start rate (开工率)")),
        ("production", _("Production rate (投产率)")),
    ]


def page_sentences(result) -> list[str]:
    """The briefing's sentences for the page's selection."""
    scope = result.filters.scope
    where = str(scope.platform or scope.region or _("the whole city"))
    sentences = [briefing.signing_sentence(result, where)]
    if result.overall.members:
        sentences.append(briefing.rates_sentence(result.overall))
    return sentences


def _funnel_chart(result, unit: str) -> dict:
    labels = dict(Stage.choices)
    funnel = [(s, n) for s, n in result.funnel]
    return {
        "stages": [str(labels[s]) for s, _n in funnel],
        "counts": [n for _s, n in funnel],
        "byLabels": [row.label for row in result.rows],
        "byAmounts": [fmt_money(row.signed_amount, unit, 2).replace(",", "") for row in result.rows],
        "amountName": _("Signed investment (100M yuan)") if unit == "yi" else _("Signed investment (10k yuan)"),
    }


@login_required
def overview(request):
    """The figures: signings against targets, sizes, rates, capital in place, fit, the funnel, the events,
    a breakdown, each number linking to the leads behind it."""
    form = _figures_form(request)
    context = {"form": form}
    if form.is_valid():
        by = form.cleaned_data.get("by") or "region"
        result = summary(form.filters(), form.period(), user=request.user, by=by)
        unit = form.money_unit()
        base = result.overall.query
        labels = dict(Stage.choices)
        context.update(
            result=result,
            f=result.overall,
            unit=unit,
            by_label=BY_LABELS.get(by),
            drill=_drill(base),
            drill_bands={name: _drill(base, band=name) for name in ("over_100m", "over_1b", "over_10b")},
            drill_reached={
                name: _drill(base, reached=stage)
                for name, stage in (
                    ("performance", "registered"),
                    ("landing", "land"),
                    ("start", "started"),
                    ("production", "producing"),
                )
            },
            stage_rows=[
                (s, labels[s], n, _drill({**result.filters.as_query(), "stage": s, "as_of": result.as_of.isoformat()}))
                for s, n in result.stages.items()
            ],
            funnel_rows=[
                (
                    labels[s],
                    n,
                    _drill(
                        {
                            **result.filters.as_query(),
                            "received_year": result.period.year,
                            "through": result.period.month,
                            "reached": s,
                        }
                    ),
                )
                for s, n in result.funnel
            ],
            events=[(e, ef, _drill(base, event=e.pk)) for e, ef in result.events],
            rows=[(row, _drill(row.query)) for row in result.rows],
            reminders=reminders_for(result.filters.apply(Lead.objects.visible_to(request.user)), result.as_of),
            chart=_funnel_chart(result, unit),
            may_add=may(request.user, Lead, "add"),
            sentences=page_sentences(result),
            rate_labels=rate_labels(),
            band_names=("over_100m", "over_1b", "over_10b"),
        )
    return render(request, "attraction/overview.html", context)


def _leads(request):
    return Lead.objects.visible_to(request.user).select_related(
        "region", "platform", "industry", "chain", "event", "project"
    )


@login_required
def lead_list(request):
    filterset = LeadFilterSet(request.GET or None, queryset=_leads(request), request=request)
    leads = filterset.qs.order_by("code")
    page = Paginator(leads, 50).get_page(request.GET.get("page"))
    thresholds = Thresholds()
    rows = [(lead, thresholds.check(lead)) for lead in page]
    return render(
        request,
        "attraction/lead_list.html",
        {
            "filterset": filterset,
            "page": page,
            "rows": rows,
            "total_count": page.paginator.count,
            "total_counted": sum((lead.counted_investment for lead in leads), start=Decimal(0)),
            "may_add": may(request.user, Lead, "add"),
            "query": request.GET.urlencode(),
        },
    )


def visible_lead(request, code: str) -> Lead:
    return get_object_or_404(_leads(request), code=code)


def lead_changes(lead: Lead, limit: int = 200):
    """The change record of a lead and of every row that belongs to it (deleted ones too)."""
    children = ContentType.objects.get_for_models(LeadStageChange, Talk, Contact, CapitalArrival).values()
    records = ChangeRecord.objects.filter(
        Q(content_type=ContentType.objects.get_for_model(Lead), object_id=lead.pk)
        | Q(content_type__in=list(children)) & (Q(after__lead_id=lead.pk) | Q(before__lead_id=lead.pk))
    ).select_related("content_type")[:limit]
    return entries(records)


@login_required
def lead_detail(request, code: str):
    lead = visible_lead(request, code)
    can_change = allows(request.user, "change", lead)
    day = default_as_of(request.user)
    return render(
        request,
        "attraction/lead_detail.html",
        {
            "lead": lead,
            "check": check(lead),
            "history": lead.stage_changes.order_by("on", "id"),
            "talks": lead.talks.order_by("-on", "-id"),
            "contacts": lead.contacts.all(),
            "arrivals": lead.arrivals.order_by("on", "id"),
            "arrived": sum((a.amount for a in lead.arrivals.all()), start=Decimal(0)),
            "reminders": reminders_for(Lead.objects.filter(pk=lead.pk), day),
            "can_change": can_change,
            "transition_form": TransitionForm(lead=lead) if can_change else None,
            "may_convert": can_change
            and lead.project_id is None
            and lead.signed_on is not None
            and lead.stage != Stage.EXITED,
            "changes": lead_changes(lead),
            "today": day,
        },
    )


@login_required
def my_leads(request):
    """The leads the signed-in leader owns, their reminders and their figures."""
    form = _figures_form(request)
    context = {"form": form}
    leads = _leads(request).filter(leader=request.user).order_by("code")
    context["leads"] = leads
    context["reminders"] = reminders_for(leads, default_as_of(request.user))
    if form.is_valid():
        result = summary(form.filters(leader_user=request.user), form.period(), user=request.user)
        context.update(result=result, f=result.overall, unit=form.money_unit(), drill=_drill(result.overall.query))
    return render(request, "attraction/my_leads.html", context)


@login_required
def event_list(request):
    events = SigningEvent.objects.select_related("region")
    return render(request, "attraction/event_list.html", {"events": events})


@login_required
def event_detail(request, pk: int):
    event = get_object_or_404(SigningEvent, pk=pk)
    leads = _leads(request).filter(event=event).order_by("code")
    result = summary(Filters(event=event), Period(event.on.year, 12), user=request.user)
    return render(
        request,
        "attraction/event_detail.html",
        {
            "event": event,
            "leads": leads,
            "f": result.overall,
            "as_of": result.as_of,
            "drill": _drill({"event": event.pk}),
        },
    )


@login_required
def lead_export(request, fmt: str):
    if fmt not in ("xlsx", "csv"):
        raise Http404
    filterset = LeadFilterSet(
        request.GET or None, queryset=registry.get("leads").rows_for(request.user), request=request
    )
    body = registry.export_kind("leads", fmt, user=request.user, queryset=filterset.qs.order_by("code"))
    return attachment(body, f"leads.{fmt}")


@login_required
def template_download(request, kind: str):
    if kind not in ("leads", "lead-talks"):
        raise Http404
    return attachment(registry.template_kind(kind), f"{kind}-template.xlsx")
