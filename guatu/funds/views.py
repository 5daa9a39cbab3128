"""The funds pages: the cluster overview, the fund list and a fund, investments and commitments with the
cockpit's filters, and the drill-down from every figure to its rows. Logic lives in `figures`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from guatu.accounts.access import allows, may
from guatu.accounts.models import home_scope_of
from guatu.audit.changes import entries
from guatu.audit.models import ChangeRecord
from guatu.core.downloads import attachment
from guatu.core.money import pct_str
from guatu.core.periods import Period
from guatu.exchange import registry
from guatu.funds.briefing import flagship_sentence, fund_sentences, headline
from guatu.funds.figures import DAY, FundBook, by_industry, fund_figures, size_series, summary
from guatu.funds.filtersets import FundCommitmentFilterSet, FundFilterSet, FundInvestmentFilterSet
from guatu.funds.forms import FundScopeForm
from guatu.funds.models import Fund, FundCommitment, FundInvestment
from guatu.funds.scope import FundScope
from guatu.funds.warnings import fund_warnings
from guatu.reporting.defaults import default_period as reporting_period

LEVEL_ORDER = {"province": 0, "city": 1, "county": 2}
KIND_FILTERS = {
    "funds": FundFilterSet,
    "fund-commitments": FundCommitmentFilterSet,
    "fund-investments": FundInvestmentFilterSet,
}


def default_period(user) -> Period:
    """The cockpit's month: the latest closed reporting month (`guatu.reporting.defaults`)."""
    return reporting_period(user)


def home_region(user):
    """Funds belong to governments: the user's home region, or the region that runs their home platform."""
    region, platform = home_scope_of(user)
    return region or (platform.region if platform else None)


def scope_form(request) -> FundScopeForm:
    period = default_period(request.user)
    defaults = {"year": period.year, "through": period.month}
    if request.GET:
        data = request.GET.copy()
        for key, value in defaults.items():
            data.setdefault(key, str(value))
    else:
        region = home_region(request.user)
        data = {**defaults, "region": region.pk if region else ""}
    return FundScopeForm(data, user=request.user)


def _query(scope: FundScope, **extra) -> str:
    from urllib.parse import urlencode

    return urlencode({**scope.as_query(), **{k: v for k, v in extra.items() if v not in (None, "")}})


@login_required
def overview(request):
    form = scope_form(request)
    context: dict = {"form": form}
    if form.is_valid():
        scope, period = form.scope(), form.period()
        book = FundBook(scope, user=request.user)
        s = summary(scope, period.start, period.end, user=request.user, book=book)
        end, start = period.end.isoformat(), period.start.isoformat()
        period_rows = book.period_investments(period.start, period.end)
        industries = by_industry(period_rows)
        context.update(
            s=s,
            scope=scope,
            period=period,
            unit=form.money_unit(),
            sentences=[headline(s), flagship_sentence(s), *fund_sentences(s, book)],
            cluster=sorted(
                (f for f in s.funds if f.fund.pk in book.cluster(period.end)),
                key=lambda f: (LEVEL_ORDER[f.fund.level], -f.committed, f.fund.code),
            ),
            industries=industries,
            links={
                "size": f"?{_query(scope, counted=end)}",
                "growth": f"?{_query(scope, growth_from=start, growth_to=end)}",
                "new": f"?{_query(scope, start=start, end=end)}",
                "invested": f"?{_query(scope, until=end)}",
                "flagship": f"?{_query(scope, until=end, flagship='true')}",
                "not_local": f"?{_query(scope, until=end, local='false')}",
                "not_high_tech": f"?{_query(scope, until=end, high_tech='false')}",
                "not_private": f"?{_query(scope, until=end, private='false')}",
                "outflow": f"?{_query(scope, outflow_from=start, outflow_to=end)}",
                "funds": f"?{_query(scope)}",
            },
            chart={
                "size": [{"label": label, "yi": str(v / 10000)} for label, v in size_series(book, period.end)],
                "industries": [
                    {"name": r["industry"], "flagship": r["flagship"], "yi": str(r["amount"] / 10000)}
                    for r in industries
                ],
                "checks": [
                    {"name": name, "pct": pct_str(s.shares[key])}
                    for key, name in (
                        ("local", _("Local")),
                        ("high_tech", _("High-tech")),
                        ("private", _("Private firm")),
                        ("flagship", _("Flagship industries")),
                    )
                ],
                "names": {"size": _("Cluster size (100M yuan)"), "flagship": _("Flagship"), "other": _("Other")},
            },
        )
    return render(request, "funds/overview.html", context)


def _scope_of(request) -> FundScope:
    """The scope named by a drill-down link's query (the period there is given by its dates)."""
    form = FundScopeForm({"year": 2000, "through": 12, **request.GET.dict()}, user=request.user)
    if not form.is_valid():
        raise Http404(form.errors.as_text())
    return form.scope()


def _as_of(request) -> dt.date:
    try:
        return (
            dt.date.fromisoformat(request.GET["as_of"])
            if request.GET.get("as_of")
            else default_period(request.user).end
        )
    except ValueError:
        return default_period(request.user).end


@login_required
def fund_list(request):
    as_of = _as_of(request)
    filterset = FundFilterSet(request.GET or None, queryset=Fund.objects.visible_to(request.user))
    wanted = set(filterset.qs.values_list("pk", flat=True))
    book = FundBook(FundScope(), user=request.user)
    rows = [f for f in fund_figures(book, as_of) if f.fund.pk in wanted]
    warned = {w.fund.pk for w in fund_warnings(as_of, book=book)}
    return render(
        request,
        "funds/fund_list.html",
        {
            "filterset": filterset,
            "rows": rows,
            "as_of": as_of,
            "warned": warned,
            "can_add": may(request.user, Fund, "add"),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def fund_detail(request, code: str):
    fund = get_object_or_404(
        Fund.objects.visible_to(request.user).select_related("region", "platform", "parent"), code=code
    )
    as_of = _as_of(request)
    book = FundBook(FundScope(fund=fund), user=request.user)
    own = next(f for f in fund_figures(book, as_of) if f.fund.pk == fund.pk)
    family = None
    if len(book.funds) > 1:  # a 母基金: its figures with the sub-funds under it
        period = Period(as_of.year, as_of.month)
        family = summary(FundScope(fund=fund), period.start, as_of, user=request.user, book=book)
    records = ChangeRecord.objects.visible_to(request.user).for_object(fund).order_by("-time", "-id")[:50]

    return render(
        request,
        "funds/fund_detail.html",
        {
            "fund": fund,
            "f": own,
            "family": family,
            "as_of": as_of,
            "commitments": fund.commitments.select_related("lp_fund").order_by("committed_on", "lp_name"),
            "investments": fund.investments.select_related("industry", "project", "region").order_by("-invested_on"),
            "stakes": FundCommitment.objects.visible_to(request.user).filter(lp_fund=fund).select_related("fund"),
            "children": Fund.objects.visible_to(request.user).filter(parent=fund),
            "focus": fund.focus_industries.all(),
            "warnings": fund_warnings(as_of, book=book),
            "can_change": allows(request.user, "change", fund),
            "changes": entries(records),
        },
    )


@login_required
def investment_list(request):
    base = FundInvestment.objects.visible_to(request.user).select_related("fund", "industry", "project", "region")
    filterset = FundInvestmentFilterSet(request.GET or None, queryset=base)
    rows = filterset.qs.order_by("-invested_on", "fund__code", "investee")
    totals = rows.aggregate(amount=Sum("amount"), co=Sum("co_investment"), fin=Sum("investee_financing"))
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "funds/investment_list.html",
        {
            "filterset": filterset,
            "page": page,
            "totals": {k: v or Decimal(0) for k, v in totals.items()},
            "count": page.paginator.count,
            "query": request.GET.urlencode(),
        },
    )


def _date(request, key: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(request.GET[key]) if request.GET.get(key) else None
    except ValueError:
        raise Http404(f"{key}: not a date") from None


@login_required
def commitment_list(request):
    """LP commitments; `counted=DAY` lists those in the cluster's size that day, `growth_from`/`growth_to`
    those that entered (+) or left (−) it, `outflow_from`/`outflow_to` money paid into funds outside the scope."""
    base = FundCommitment.objects.visible_to(request.user).select_related("fund", "lp_fund")
    filterset = FundCommitmentFilterSet(request.GET or None, queryset=base)
    rows = filterset.qs
    signs: dict[int, int] = {}
    counted, growth_from, growth_to = (
        _date(request, "counted"),
        _date(request, "growth_from"),
        _date(request, "growth_to"),
    )
    outflow_from, outflow_to = _date(request, "outflow_from"), _date(request, "outflow_to")
    if counted or (growth_from and growth_to) or (outflow_from and outflow_to):
        book = FundBook(_scope_of(request), user=request.user)
        if counted:
            wanted = [c["pk"] for c in book.counted(counted)]
        elif growth_from and growth_to:
            growth = book.growth_rows(growth_from, growth_to)
            signs = {c["pk"]: sign for sign, c in growth}
            wanted = list(signs)
        else:
            wanted = [c["pk"] for c in book.outflows(outflow_from, outflow_to)]
        rows = FundCommitment.objects.filter(pk__in=wanted).select_related("fund", "lp_fund")
    rows = list(rows.order_by("fund__code", "committed_on", "lp_name"))
    total = sum((signs.get(c.pk, 1) * (c.paid_in if outflow_from else c.committed) for c in rows), Decimal(0))
    return render(
        request,
        "funds/commitment_list.html",
        {
            "filterset": filterset,
            "rows": [(c, signs.get(c.pk)) for c in rows],
            "total": total,
            "counted": counted,
            "growth": (growth_from, growth_to) if growth_from and growth_to else None,
            "outflow": (outflow_from, outflow_to) if outflow_from and outflow_to else None,
            "before": growth_from - DAY if growth_from else None,
            "query": request.GET.urlencode(),
        },
    )


@login_required
def export(request, kind: str, fmt: str):
    """The list's rows (its filters applied) as xlsx or CSV — the sheet the importer reads back."""
    if kind not in KIND_FILTERS or fmt not in ("xlsx", "csv"):
        raise Http404
    exchange_kind = registry.get(kind)
    filterset = KIND_FILTERS[kind](request.GET, queryset=exchange_kind.rows_for(request.user))
    if not filterset.is_valid():
        return HttpResponse(str(filterset.errors), status=400, content_type="text/plain; charset=utf-8")
    body = registry.export_kind(kind, fmt, user=request.user, queryset=filterset.qs)
    return attachment(body, f"guatu-{kind}.{fmt}")


@login_required
def template(request, kind: str):
    if kind not in KIND_FILTERS:
        raise Http404
    return attachment(registry.template_kind(kind), f"guatu-template-{kind}.xlsx")
