"""指标穿透 pages: the board, the ranking and the drill-down."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from guatu.accounts.models import home_scope_of
from guatu.indicators.figures import board, breadcrumb, drill, gap_sentence, rank_report
from guatu.indicators.forms import BoardForm, DrillForm, RankForm
from guatu.indicators.models import Indicator, ReportingUnit
from guatu.indicators.sparkline import sparkline
from guatu.reporting.defaults import default_period


def _home_unit(user) -> ReportingUnit | None:
    region, platform = home_scope_of(user)
    region = region or (platform.region if platform else None)
    return ReportingUnit.objects.filter(region=region).first() if region else None


def _defaults(request, **extra) -> dict:
    period = default_period(request.user)
    data = {"period": f"{period.year}-{period.month:02d}", **extra}
    data.update({k: v for k, v in request.GET.items() if v})
    return data


@login_required
def board_page(request):
    home = _home_unit(request.user)
    form = BoardForm(_defaults(request, unit=home.pk if home else ""))
    context = {"form": form}
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        year, month = form.cleaned_data["period"]
        rows = board(unit, year, month)
        context.update(unit=unit, year=year, month=month, crumbs=breadcrumb(unit),
                       rows=[(row, sparkline([r for _m, r in row.rank_series], row.of)) for row in rows])  # fmt: skip
    return render(request, "indicators/board.html", context, status=200 if form.is_valid() else 400)


@login_required
def rank_page(request):
    home = _home_unit(request.user)
    defaults = {
        "parent": home.parent_id if home else "",
        "indicator": Indicator.objects.values_list("pk", flat=True).first(),
    }
    form = RankForm(_defaults(request, **defaults))
    context = {"form": form}
    if form.is_valid():
        year, month = form.cleaned_data["period"]
        report = rank_report(form.cleaned_data["indicator"], form.cleaned_data["parent"], year, month)
        gaps = [
            (status, [(name, gap, gap_sentence(report.indicator, gap)) for name, gap in status.gaps.items()])
            for status in report.targets
        ]
        context.update(report=report, gaps=gaps)
    return render(request, "indicators/rank.html", context, status=200 if form.is_valid() else 400)


@login_required
def drill_page(request):
    home = _home_unit(request.user)
    defaults = {"unit": home.pk if home else "", "indicator": Indicator.objects.filter(code="FAI").values_list(
        "pk", flat=True).first()}  # fmt: skip
    form = DrillForm(_defaults(request, **defaults))
    context = {"form": form}
    if form.is_valid():
        year, month = form.cleaned_data["period"]
        unit = form.cleaned_data["unit"]
        report = drill(form.cleaned_data["indicator"], unit, year, month, user=request.user)
        children = {c.code: c for c in unit.children.all()}
        context.update(report=report, crumbs=breadcrumb(unit), children=children,
                       chart={"labels": [c.name for c in report.children],
                              "points": [None if c.points is None else float(round(c.points, 2))
                                         for c in report.children]})  # fmt: skip
    return render(request, "indicators/drill.html", context, status=200 if form.is_valid() else 400)
