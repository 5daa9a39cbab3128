"""招商引资 figures — the one computation the pages, the API, the CLI and the briefing share.

For a selection of leads (a cockpit scope, plus chain / source / leader / event) and a period
(year, through month), as the history stood at the period's end (`as_of`):

- the **cohort** is the leads whose first signing falls in the period — a lead counts once, at its
  first signing; a capital increase counts only the increase;
- signed count and amount against the year's target for the scope (only for a plain region /
  platform scope: a target is not split by chain or source), 亿元以上 / 10亿元以上 / 百亿级 counts;
- 履约率 / 落地率 / 开工率 / 投产率: cohort leads that had reached 注册 / 供地 / 开工 / 投产 (or a later
  stage) ÷ signed;
- 实际到位资金: capital in place for the cohort's leads up to `as_of`, and its share of the amount;
- 产业契合度: the share of the amount in the city's flagship chains;
- the **pipeline** at `as_of`: leads by the stage they were in, and the **funnel** of the leads
  received in the period (how many reached each stage);
- the **cumulative** cohort: every signing up to `as_of` (百亿级项目 are counted over the years).

Amounts are Decimal 万元; rates unrounded Decimal percentages (None without a denominator),
rounded half-up only when shown.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.accounts.access import allows, scope_q
from guatu.attraction.choices import Ownership, Source, Stage
from guatu.attraction.models import AttractionTarget, CapitalArrival, IndustryChain, Lead, SigningEvent
from guatu.attraction.stages import MAIN, RANK
from guatu.attraction.thresholds import Thresholds
from guatu.core.models import Region
from guatu.core.money import money_str, pct_str, ratio_pct
from guatu.core.periods import Period
from guatu.projects.scope import Scope

ZERO = Decimal(0)
YI = Decimal(10_000)  # 1 亿元 in 万元
BANDS = {"over_100m": YI, "over_1b": 10 * YI, "over_10b": 100 * YI}  # 亿元以上, 10亿元以上, 百亿级 (≥)
RATES = {"performance": Stage.REGISTERED, "landing": Stage.LAND, "start": Stage.STARTED, "production": Stage.PRODUCING}
BY = ("region", "platform", "leader", "chain", "industry", "source", "event", "year")


@dataclass(frozen=True)
class Filters:
    """Which leads: a cockpit scope and the pipeline's own filters."""

    scope: Scope = field(default_factory=Scope)
    chain: IndustryChain | None = None
    source: str | None = None
    leader: str | None = None  # the leading leader as written on the leads
    leader_user: object = None  # "my leads": the leads owned by this account
    event: SigningEvent | None = None

    def apply(self, leads):
        leads = leads.in_scope(self.scope)
        if self.chain:
            leads = leads.filter(chain=self.chain)
        if self.source:
            leads = leads.filter(source=self.source)
        if self.leader:
            leads = leads.filter(leader_name=self.leader)
        if self.leader_user is not None:
            leads = leads.filter(leader=self.leader_user)
        if self.event:
            leads = leads.filter(event=self.event)
        return leads

    @property
    def plain_scope(self) -> bool:
        """Only a region and/or platform: the selection a signing target is set for."""
        s = self.scope
        return not (
            s.industry or s.department or self.chain or self.source or self.leader or self.leader_user or self.event
        )

    def parts(self) -> list[str]:
        parts = [
            str(p)
            for p in (self.scope.region, self.scope.platform, self.scope.industry, self.scope.department, self.chain)
            if p
        ]
        if self.source:
            parts.append(str(Source(self.source).label))
        if self.leader:
            parts.append(self.leader)
        if self.leader_user is not None:
            parts.append(self.leader_user.get_username())
        if self.event:
            parts.append(self.event.name)
        return parts

    def as_query(self) -> dict[str, str]:
        """As the pipeline list's query parameters (for drill-down links)."""
        query = {k: v for k, v in self.scope.as_query().items() if k != "list"}
        for name in ("chain", "event"):
            if getattr(self, name):
                query[name] = str(getattr(self, name).pk)
        if self.source:
            query["source"] = self.source
        if self.leader:
            query["leader"] = self.leader
        if self.leader_user is not None:
            query["mine"] = "true"
        return query


@dataclass(frozen=True)
class LeadFigures:
    """One lead's part in a figure."""

    lead: Lead
    counted: Decimal
    furthest: int  # rank of the furthest main stage reached by as_of
    stage: str  # the stage held on as_of
    in_place: Decimal
    flagship: bool
    flagged: bool

    def reached(self, stage: str) -> bool:
        return self.furthest >= RANK[stage]

    def as_json(self) -> dict:
        lead = self.lead
        return {
            "code": lead.code,
            "name": lead.name,
            "investor": lead.investor,
            "signed_on": lead.signed_on.isoformat() if lead.signed_on else None,
            "event": lead.event.name if lead.event_id else None,
            "counted_wan": money_str(self.counted),
            "stage": self.stage,
            "in_place_wan": money_str(self.in_place),
            "project": lead.project.code if lead.project_id else None,
        }


@dataclass
class Figures:
    """The signing figures of a set of leads (a cohort, or one group of it)."""

    label: str
    members: list[LeadFigures] = field(default_factory=list)
    target: AttractionTarget | None = None
    query: dict[str, str] | None = None  # the pipeline list's filters that give these leads

    @property
    def signed_count(self) -> int:
        return len(self.members)

    @property
    def signed_amount(self) -> Decimal:
        return sum((m.counted for m in self.members), ZERO)

    @property
    def count_pct(self) -> Decimal | None:
        return ratio_pct(Decimal(self.signed_count), Decimal(self.target.signed_count)) if self.target else None

    @property
    def amount_pct(self) -> Decimal | None:
        return ratio_pct(self.signed_amount, self.target.signed_amount) if self.target else None

    def band(self, name: str) -> int:
        return sum(1 for m in self.members if m.counted >= BANDS[name])

    def band_members(self, name: str) -> list[LeadFigures]:
        return [m for m in self.members if m.counted >= BANDS[name]]

    def reached(self, stage: str) -> int:
        return sum(1 for m in self.members if m.reached(stage))

    def rate(self, name: str) -> Decimal | None:
        """履约率 (performance), 落地率 (landing), 开工率 (start), 投产率 (production): reached ÷ signed."""
        return ratio_pct(Decimal(self.reached(RATES[name])), Decimal(self.signed_count))

    @property
    def in_place(self) -> Decimal:
        return sum((m.in_place for m in self.members), ZERO)

    @property
    def in_place_pct(self) -> Decimal | None:
        return ratio_pct(self.in_place, self.signed_amount)

    @property
    def fit_pct(self) -> Decimal | None:
        """产业契合度: the amount in flagship chains ÷ the amount."""
        return ratio_pct(sum((m.counted for m in self.members if m.flagship), ZERO), self.signed_amount)

    @property
    def fund_backed(self) -> list[LeadFigures]:
        return [m for m in self.members if m.lead.source == Source.FUND]

    @property
    def fund_investment(self) -> Decimal:
        return sum((m.lead.fund_investment for m in self.members), ZERO)

    @property
    def flagged(self) -> int:
        return sum(1 for m in self.members if m.flagged)

    def ownership(self) -> dict[str, int]:
        counts = Counter(m.lead.ownership for m in self.members)
        return {o.value: counts.get(o.value, 0) for o in Ownership}

    def as_json(self, *, leads: bool = True) -> dict:
        target = self.target
        body = {
            "label": self.label,
            "signed": {
                "count": self.signed_count,
                "amount_wan": money_str(self.signed_amount),
                "target_count": target.signed_count if target else None,
                "target_amount_wan": money_str(target.signed_amount) if target else None,
                "count_pct": pct_str(self.count_pct),
                "amount_pct": pct_str(self.amount_pct),
            },
            "bands": {name: self.band(name) for name in BANDS},
            "reached": {stage: self.reached(stage) for stage in RATES.values()},
            "rates": {f"{name}_pct": pct_str(self.rate(name)) for name in RATES},
            "funds_in_place_wan": money_str(self.in_place),
            "in_place_pct": pct_str(self.in_place_pct),
            "fit_pct": pct_str(self.fit_pct),
            "fund_backed": {"count": len(self.fund_backed), "fund_investment_wan": money_str(self.fund_investment)},
            "ownership": self.ownership(),
            "below_threshold": self.flagged,
        }
        if self.query is not None:
            body["query"] = self.query
        if leads:
            body["leads"] = [m.as_json() for m in sorted(self.members, key=lambda m: m.lead.code)]
        return body


@dataclass
class Summary:
    """Everything the figures page, `guatu attraction summary` and the briefing show."""

    period: Period
    as_of: dt.date
    filters: Filters
    overall: Figures
    cumulative: Figures
    stages: dict[str, int]
    funnel: list[tuple[str, int]]
    events: list[tuple[SigningEvent, Figures]]
    rows: list[Figures] = field(default_factory=list)
    by: str | None = None

    def as_json(self) -> dict:
        labels = dict(Stage.choices)
        overall = self.overall.as_json()
        cumulative = self.cumulative.as_json(leads=False)
        cumulative["over_10b_leads"] = [
            m.as_json() | {"short_name": m.lead.short_name, "landed": m.reached(Stage.LAND)}
            for m in self.cumulative.band_members("over_10b")
        ]
        return {
            "year": self.period.year,
            "through_month": self.period.month,
            "as_of": self.as_of.isoformat(),
            "scope": self.filters.parts(),
            "stages": self.stages,
            "funnel": [{"stage": s, "label": str(labels[s]), "count": n} for s, n in self.funnel],
            **{k: v for k, v in overall.items() if k != "label"},
            "cumulative": cumulative,
            "events": [
                {"id": e.pk, "name": e.name, "on": e.on.isoformat(), **f.as_json(leads=False)["signed"]}
                for e, f in self.events
            ],
            "by": self.by,
            "rows": [row.as_json(leads=False) for row in self.rows],
        }


def default_as_of(period: Period) -> dt.date:
    return min(period.end, timezone.localdate())


def lead_figures(leads, as_of: dt.date) -> list[LeadFigures]:
    """Each lead (a queryset) with its figures as its history stood on `as_of`."""
    rows = list(
        leads.with_progress(as_of).select_related("chain", "region", "platform", "industry", "event", "project")
    )
    arrived: dict[int, Decimal] = defaultdict(lambda: ZERO)
    ids = [lead.pk for lead in rows]
    for start in range(0, len(ids), 500):
        for lead_id, amount in CapitalArrival.objects.filter(
            lead_id__in=ids[start : start + 500], on__lte=as_of
        ).values_list("lead_id", "amount"):
            arrived[lead_id] += amount
    thresholds = Thresholds()
    return [
        LeadFigures(
            lead,
            lead.counted_investment,
            lead.furthest,
            lead.stage_then,
            arrived[lead.pk],
            bool(lead.chain_id and lead.chain.flagship),
            thresholds.check(lead).flagged,
        )
        for lead in rows
    ]


def _target(filters: Filters, year: int, user) -> AttractionTarget | None:
    """The target set for exactly this region/platform — when the user sees all of it (a reporter for one
    county does not measure the city's target with that county's signings)."""
    if not filters.plain_scope:
        return None
    region, platform = filters.scope.region, filters.scope.platform
    if scope_q(user, Lead, "view") is not None and not allows(user, "view", Lead(region=region, platform=platform)):
        return None
    return AttractionTarget.objects.filter(year=year, region=region, platform=platform).first()


def summary(filters: Filters, period: Period, *, user, as_of: dt.date | None = None, by: str | None = None) -> Summary:
    """The figures of the leads `user` may see in `filters`, for `period`, as of its end (or `as_of`)."""
    as_of = as_of or default_as_of(period)
    visible = filters.apply(Lead.objects.visible_to(user))
    label = " · ".join(filters.parts()) or _("All leads")
    everything = lead_figures(visible.signed_between(None, as_of), as_of)
    cohort = [m for m in everything if m.lead.signed_on >= period.start]
    overall = Figures(
        label,
        cohort,
        _target(filters, period.year, user),
        {**filters.as_query(), "signed_year": str(period.year), "through": str(period.month)},
    )
    pipeline = visible.with_progress(as_of)
    stages = Counter(pipeline.values_list("stage_then", flat=True))
    received = Counter(
        visible.filter(received_on__gte=period.start).with_progress(as_of).values_list("furthest", flat=True)
    )
    funnel = [(s.value, sum(n for r, n in received.items() if r >= RANK[s])) for s in MAIN]
    events = []
    for event in SigningEvent.objects.filter(on__gte=period.start, on__lte=as_of).order_by("on", "pk"):
        members = [m for m in cohort if m.lead.event_id == event.pk]
        if members:
            events.append((event, Figures(event.name, members)))
    result = Summary(
        period,
        as_of,
        filters,
        overall,
        Figures(_("All signing years"), everything),
        {s.value: stages.get(s.value, 0) for s in Stage},
        funnel,
        events,
        by=by,
    )
    if by:
        result.rows = breakdown(cohort if by != "year" else everything, by, period, filters)
    return result


def _county_of(regions: dict[str, Region], region: Region) -> Region:
    """The county-level ancestor (or the region itself when it is a city or a county)."""
    codes = region.path.strip("/").split("/")
    return regions.get(codes[2], region) if len(codes) > 3 else region


def breakdown(members: Iterable[LeadFigures], by: str, period: Period, filters: Filters) -> list[Figures]:
    """The members grouped by county, platform, leader, chain, industry, source, event or signing year."""
    if by not in BY:
        raise ValueError(f"by: one of {', '.join(BY)}")
    members = list(members)
    base = {**filters.as_query(), "signed_year": str(period.year), "through": str(period.month)}
    key: Callable[[LeadFigures], tuple[object, str, dict | None]]
    if by == "region":
        codes = {code for m in members for code in m.lead.region.path.strip("/").split("/")}
        regions = {r.code: r for r in Region.objects.filter(code__in=codes)}

        def key(m):
            county = _county_of(regions, m.lead.region)
            return county.path, county.name, {"region": str(county.pk)}
    elif by == "platform":
        roots = {}

        def key(m):
            platform = m.lead.platform
            if platform is None:
                return "~", _("No platform"), None
            code = platform.path.strip("/").split("/")[0]
            root = roots.get(code) or roots.setdefault(code, type(platform).objects.get(code=code))
            return root.path, root.name, {"platform": str(root.pk)}
    elif by == "leader":

        def key(m):
            return m.lead.leader_name, m.lead.leader_name, {"leader": m.lead.leader_name}
    elif by == "chain":

        def key(m):
            chain = m.lead.chain
            if chain is None:
                return (9999, ""), _("No chain"), None
            return (chain.sort_order, chain.code), chain.name, {"chain": str(chain.pk)}
    elif by == "industry":

        def key(m):
            industry = m.lead.industry
            return (industry.sort_order, industry.code), industry.name, {"industry": str(industry.pk)}
    elif by == "source":
        order = list(Source.values)

        def key(m):
            return order.index(m.lead.source), str(Source(m.lead.source).label), {"source": m.lead.source}
    elif by == "event":

        def key(m):
            event = m.lead.event
            if event is None:
                return (dt.date.max, 0), _("Not at an event"), None
            return (event.on, event.pk), event.name, {"event": str(event.pk)}
    else:  # year: the cohort of each signing year

        def key(m):
            year = m.lead.signed_on.year
            return year, str(year), {"signed_year": str(year), "through": "12"}

    groups: dict[object, Figures] = {}
    for m in members:
        sort_key, label, query = key(m)
        if sort_key not in groups:
            drill = None if query is None else ({**filters.as_query(), **query} if by == "year" else {**base, **query})
            groups[sort_key] = Figures(label, [], None, drill)
        groups[sort_key].members.append(m)
    return [groups[k] for k in sorted(groups)]
