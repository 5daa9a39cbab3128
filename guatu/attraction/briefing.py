"""The briefing's 招商引资 section, in the article's register, with an appendix tracing every figure
to the leads behind it. Built from `figures.summary`, like the page, the API and the CLI."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.attraction.choices import Stage
from guatu.attraction.figures import Figures, Filters, LeadFigures, Summary, summary
from guatu.attraction.models import Lead
from guatu.attraction.reminders import reminders_for
from guatu.briefings.sections import Section, Table, register
from guatu.core.money import fmt_amount, fmt_money, fmt_pct
from guatu.core.periods import Period
from guatu.projects.scope import Scope


def register_section() -> None:
    register("attraction", build_section)


def _months(period: Period) -> str:
    names = [
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    ]
    return names[0] if period.month == 1 else _("January to %(month)s") % {"month": names[period.month - 1]}


def yi(wan: Decimal) -> str:
    """亿元 as the article writes them: 98, 55.5, 230.5 (two places at most, trailing zeros dropped)."""
    return fmt_money(wan, "yi", 2, trim=True)


def _where(scope: Scope) -> str:
    place = scope.platform or scope.region
    return str(place) if place else _("the whole city")


def signing_sentence(s: Summary, where: str) -> str:
    f = s.overall
    values = {
        "months": _months(s.period),
        "year": s.period.year,
        "where": where,
        "count": f.signed_count,
        "amount": yi(f.signed_amount),
        "count_pct": fmt_pct(f.count_pct),
        "amount_pct": fmt_pct(f.amount_pct),
        "over_100m": f.band("over_100m"),
        "over_1b": f.band("over_1b"),
        "over_10b": f.band("over_10b"),
    }
    if f.target is not None:
        return (
            _(
                "In %(months)s %(year)s, %(where)s signed %(count)s investment projects with %(amount)s 100M yuan of "
                "investment, %(count_pct)s and %(amount_pct)s of the annual targets; "
                "%(over_100m)s of them of 100M yuan or more, %(over_1b)s of 1B yuan or more, %(over_10b)s of 10B yuan "
                "or more."
            )
            % values
        )
    return (
        _(
            "In %(months)s %(year)s, %(where)s signed %(count)s investment projects with %(amount)s 100M yuan of "
            "investment; %(over_100m)s of them of 100M yuan or more, %(over_1b)s of 1B yuan or more, %(over_10b)s of "
            "10B yuan or more."
        )
        % values
    )


def rates_sentence(f: Figures) -> str:
    return _(
        "Of the projects signed, %(performance)s have registered (履约率), %(landing)s have land (落地率), "
        "%(start)s have started (开工率) and %(production)s are producing (投产率); %(in_place)s 100M yuan of "
        "capital is in place, and %(fit)s of the investment is in the flagship chains (产业契合度)."
    ) % {
        "performance": fmt_pct(f.rate("performance")),
        "landing": fmt_pct(f.rate("landing")),
        "start": fmt_pct(f.rate("start")),
        "production": fmt_pct(f.rate("production")),
        "in_place": yi(f.in_place),
        "fit": fmt_pct(f.fit_pct),
    }


def event_sentence(event, f: Figures, where: str | None) -> str:
    values = {
        "date": _("%(month)s/%(day)s") % {"month": event.on.month, "day": event.on.day},
        "host": event.host,
        "event": event.name,
        "count": f.signed_count,
        "amount": yi(f.signed_amount),
        "where": where,
    }
    if where is None:
        return (
            _(
                "On %(date)s %(host)s held the %(event)s, where %(count)s projects were signed with %(amount)s "
                "100M yuan of investment."
            )
            % values
        )
    return (
        _(
            "On %(date)s %(host)s held the %(event)s; %(where)s signed %(count)s projects there with %(amount)s "
            "100M yuan of investment."
        )
        % values
    )


def fund_sentence(m: LeadFigures) -> str:
    lead = m.lead
    values = {
        "funds": lead.fund_note,
        "amount": fmt_amount(lead.fund_investment, 2, trim=True, grouping=False),
        "name": lead.name,
        "chain": lead.chain.name if lead.chain_id else "",
    }
    if lead.chain_id:
        return _("In the %(chain)s industry, %(funds)s invested %(amount)s 10k yuan to bring in %(name)s.") % values
    return _("%(funds)s invested %(amount)s 10k yuan to bring in %(name)s.") % values


def giants_sentence(giants: list[LeadFigures]) -> str:
    names = "、".join(m.lead.short_name or m.lead.name for m in giants)
    return _("%(names)s and others: %(count)s projects of 10B yuan or more have landed.") % {
        "names": names,
        "count": len(giants),
    }


def ownership_sentence(f: Figures) -> str:
    counts = f.ownership()
    return _(
        "Investment attraction is run as the “top leader” project: %(top)s of the signed projects are led by the "
        "top leader, %(leader)s by a leader in charge."
    ) % {"top": counts["top_leader"], "leader": counts["leader"]}


def reminders_sentence(s: Summary, user) -> str:
    found = reminders_for(s.filters.apply(Lead.objects.visible_to(user)), s.as_of)
    exits = sum(1 for r in found if r.rule == "exit_review")
    return _("As of %(day)s, %(count)s reminders are open on leads, %(exits)s of them exit reviews.") % {
        "day": s.as_of.isoformat(),
        "count": len(found),
        "exits": exits,
    }


def _lead_rows(members: list[LeadFigures]) -> list[list[str]]:
    return [
        [
            m.lead.code,
            m.lead.name,
            m.lead.investor,
            m.lead.signed_on.isoformat(),
            m.lead.event.name if m.lead.event_id else "",
            fmt_amount(m.counted),
            str(_stage_label(m.stage)),
            fmt_amount(m.in_place),
        ]
        for m in sorted(members, key=lambda m: (m.lead.signed_on, m.lead.code))
    ]


def _stage_label(stage: str) -> str:
    return Stage(stage).label


def build_section(scope: Scope, period: Period, *, user) -> Section | None:
    """The section for the briefing's scope and period (None when no lead was signed up to its end)."""
    s = summary(Filters(scope=scope), period, user=user, by="region")
    if not s.cumulative.members and not s.stages.get("lead"):
        return None
    where = _where(scope)
    f = s.overall
    paragraphs = [signing_sentence(s, where)]
    if f.members:
        paragraphs.append(rates_sentence(f))
    scoped = bool(scope.region or scope.platform or scope.industry or scope.department)
    paragraphs += [event_sentence(event, ef, where if scoped else None) for event, ef in s.events]
    paragraphs += [
        fund_sentence(m)
        for m in sorted(f.fund_backed, key=lambda m: m.lead.code)
        if m.lead.fund_investment and m.lead.fund_note
    ]
    giants = [m for m in s.cumulative.band_members("over_10b") if m.reached("land")]
    if giants:
        paragraphs.append(giants_sentence(sorted(giants, key=lambda m: (m.lead.signed_on, m.lead.code))))
    if f.members:
        paragraphs.append(ownership_sentence(f))
    paragraphs.append(reminders_sentence(s, user))
    money_headers = [
        _("Signed projects"),
        _("Signed investment (100M yuan)"),
        _("Registered"),
        _("Land supplied"),
        _("Started"),
        _("Producing"),
        _("Capital in place (100M yuan)"),
    ]
    table = Table(
        [_("Region"), *money_headers],
        [
            [
                row.label,
                str(row.signed_count),
                yi(row.signed_amount),
                fmt_pct(row.rate("performance")),
                fmt_pct(row.rate("landing")),
                fmt_pct(row.rate("start")),
                fmt_pct(row.rate("production")),
                yi(row.in_place),
            ]
            for row in [*s.rows, f]
        ],
        _("Signings by region"),
    )
    table.rows[-1][0] = _("Total")
    lead_headers = [
        _("Code"),
        _("Lead"),
        _("Investor"),
        _("First signed"),
        _("Signing event"),
        _("Counted (10k yuan)"),
        _("Stage"),
        _("Capital in place (10k yuan)"),
    ]
    total = [_("Total"), "", "", "", "", fmt_amount(f.signed_amount), "", fmt_amount(f.in_place)]
    appendix = [
        Table(
            lead_headers,
            [*_lead_rows(f.members), total],
            _("Investment attraction: the %(count)s leads signed in the period, adding up to %(amount)s 10k yuan")
            % {"count": f.signed_count, "amount": fmt_amount(f.signed_amount)},
        ),
    ]
    if giants:
        appendix.append(
            Table(
                lead_headers,
                _lead_rows(giants),
                _("Investment attraction: projects of 10B yuan or more signed up to the period's end"),
            )
        )
    return Section("attraction", _("Investment attraction"), paragraphs, [table], appendix, order=10)
