"""指标穿透 pages: the board, the ranking and the drill-down."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from guatu.accounts.models import home_scope_of
from guatu.core import params
from guatu.core.money import round_half_up
from guatu.indicators.figures import board, breadcrumb, drill, gap_sentence, rank_report
from guatu.indicators.forms import BoardForm, DrillForm, RankForm
from guatu.indicators.models import Indicator, ReportingUnit
from guatu.indicators.ranking import RANK_BY
from guatu.indicators.sparkline import sparkline
from guatu.reporting.defaults import default_period

VIEW_PARAMS = ("by", "zones")  # how the viewer ranks: toggles on the page, not the form


def _home_unit(user) -> ReportingUnit | None:
    region, platform = home_scope_of(user)
    region = region or (platform.region if platform else None)
    return ReportingUnit.objects.filter(region=region).first() if region else None


def _defaults(request, **extra) -> dict:
    period = default_period(request.user)
    data = {"period": f"{period.year}-{period.month:02d}", **extra}
    data.update({k: v for k, v in request.GET.items() if v and k not in VIEW_PARAMS})
    return data


def ranking_choice(request) -> dict:
    """The viewer's ranking toggles, read strictly (a bad value is a 400 naming the parameter):
    `by` = growth|level (empty: each indicator's own setting), `zones` = 1 ranks zones beside districts."""
    return {
        "by": params.get(request.GET, "by", params.parse_choice, choices=RANK_BY),
        "zones": params.get(request.GET, "zones", params.parse_bool, default=False),
    }


def _toggles(choice: dict, default_by: str | None) -> dict:
    """What the toggles show: the ranking in force and the catalogue's default."""
    return {"by": choice["by"] or default_by, "by_given": choice["by"], "zones": choice["zones"],
            "default_by": default_by}  # fmt: skip


@login_required
def board_page(request):
    choice = ranking_choice(request)
    home = _home_unit(request.user)
    form = BoardForm(_defaults(request, unit=home.pk if home else ""))
    context = {"form": form, "toggles": _toggles(choice, None)}
    if form.is_valid():
        unit = form.cleaned_data["unit"]
        year, month = form.cleaned_data["period"]
        rows = board(unit, year, month, **choice)
        context.update(unit=unit, year=year, month=month, crumbs=breadcrumb(unit),
                       rows=[(row, sparkline([r for _m, r in row.rank_series], row.of)) for row in rows])  # fmt: skip
    return render(request, "indicators/board.html", context, status=200 if form.is_valid() else 400)


@login_required
def rank_page(request):
    choice = ranking_choice(request)
    home = _home_unit(request.user)
    defaults = {
        "parent": home.parent_id if home else "",
        "indicator": Indicator.objects.values_list("pk", flat=True).first(),
    }
    form = RankForm(_defaults(request, **defaults))
    context = {"form": form, "toggles": _toggles(choice, None)}
    if form.is_valid():
        year, month = form.cleaned_data["period"]
        indicator = form.cleaned_data["indicator"]
        report = rank_report(indicator, form.cleaned_data["parent"], year, month, **choice)
        gaps = [
            (
                status,
                [(name, gap, gap_sentence(indicator, gap, report.ranking.by)) for name, gap in status.gaps.items()],
            )
            for status in report.targets
        ]
        context.update(report=report, gaps=gaps, toggles=_toggles(choice, indicator.rank_by))
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
        context.update(report=report, crumbs=breadcrumb(unit), children=children, chart=_drill_chart(report))
    return render(request, "indicators/drill.html", context, status=200 if form.is_valid() else 400)


def _drill_chart(report) -> dict | None:
    """The contribution chart's data (the districts' pull on the growth, in points), or None when no
    district has a contribution to draw."""
    rows = [c for c in report.children if c.points is not None]
    if not rows:
        return None
    return {"labels": [c.name for c in rows], "points": [str(round_half_up(c.points, 2)) for c in rows],
            "axis": _("Contribution to growth (percentage points)"),
            "base": report.base.name if report.base else ""}  # fmt: skip
