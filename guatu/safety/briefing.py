"""The briefing's 安全生产 section: inspections and hazards, accidents, and the 平安 award — in the
article's register ("平安衢州'十九连冠'…") — with a table per county and an appendix listing the
hazards, accidents and award years behind every figure."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.briefings.sections import Section, Table
from guatu.core.money import fmt_amount, fmt_pct, ratio_pct
from guatu.core.periods import Period
from guatu.projects.scope import Scope, ScopeError
from guatu.safety.choices import OPEN_STATUSES, AccidentClass, HazardGrade
from guatu.safety.exchange import CLASSES, GRADES, STATUSES, word
from guatu.safety.figures import SafetySummary, summary
from guatu.safety.models import Accident, Hazard, Inspection


def safety_section(scope: Scope, period: Period, *, user) -> Section | None:
    try:
        data = summary(scope, period, user=user)
    except ScopeError:
        return None
    return Section("safety", _("Work safety"), paragraphs=paragraphs(data, user), tables=[county_table(data)],
                   appendix=appendix(data, user), order=60)  # fmt: skip


def _where(data: SafetySummary) -> str:
    whole_city = data.total.region == data.city and not any(
        (data.scope.platform, data.scope.project_list, data.scope.industry, data.scope.department)
    )
    return _("the whole city") if whole_city else data.scope.describe()


def _rows(model, data: SafetySummary, user):
    return model.objects.visible_to(user).in_scope(data.scope, data.year).in_region(data.total.region)


def paragraphs(data: SafetySummary, user) -> list[str]:
    day, when, where = data.as_of, data.period.label_zh(), _where(data)
    total = data.total
    found = _rows(Hazard, data, user).found_in(data.period.start, day)
    found_major = found.filter(grade=HazardGrade.MAJOR).count()
    rectified = found.exclude(status__in=OPEN_STATUSES).filter(verified_on__lte=day).count()
    sites = (_rows(Inspection, data, user).in_period(data.period.start, day).filter(project__isnull=False)
             .values("project").distinct().count())  # fmt: skip
    out = [_(
        "In %(when)s, %(where)s carried out %(inspections)s safety inspections covering %(sites)s project sites and "
        "found %(found)s hazards (%(major)s major); %(rectified)s have been rectified, a rectification rate of "
        "%(rate)s. As of %(month)s月%(dayn)s日, %(open)s hazards are still being rectified (%(open_major)s major), "
        "%(overdue)s of them overdue (%(overdue_major)s major, under 挂牌督办)."
    ) % {"when": when, "where": where, "inspections": total.inspections, "sites": sites, "found": total.hazards_found,
         "major": found_major, "rectified": rectified, "rate": fmt_pct(ratio_pct(Decimal(rectified),
                                                                                 Decimal(total.hazards_found))),
         "month": day.month, "dayn": day.day, "open": total.open_total, "open_major": total.hazards_open["major"],
         "overdue": total.overdue_total, "overdue_major": total.hazards_overdue["major"]}]  # fmt: skip
    late = [t.text for t in data.threats if t.rule.kind == "overdue_hazard"]
    if late:
        out.append(_("Overdue: %(items)s.") % {"items": ";".join(late)})
    serious = sum(n for c, n in total.accidents.items() if c != AccidentClass.GENERAL)
    out.append(_(
        "%(where)s had %(n)s production safety accidents in %(when)s (%(classes)s), with %(deaths)s deaths, "
        "%(injuries)s serious injuries and a direct economic loss of %(loss)s万元; %(serious)s."
    ) % {"where": where, "n": total.accidents_total, "when": when,
         "classes": "、".join(f"{word(CLASSES, c)}事故{n}起" for c, n in total.accidents.items() if n) or "—",
         "deaths": total.deaths, "injuries": total.serious_injuries,
         "loss": fmt_amount(total.direct_loss, 2, trim=True),
         "serious": _("no accident of the 较大 class or worse") if not serious else
         _("%(n)s of the 较大 class or worse") % {"n": serious}})  # fmt: skip
    out.append(award_sentence(data))
    return out


def award_sentence(data: SafetySummary) -> str:
    award = data.total.award
    s = award.streak
    name = data.total.region.name
    name = name[:-1] if len(name) > 2 and name[-1] in "市县区" else name
    if s.count == 0:
        text = _("平安%(name)s has no run of awards yet.") % {"name": name}
    elif s.result is True:
        text = _("平安%(name)s has won %(label)s (%(first)s–%(last)s).") % {
            "name": name, "label": award.run_label, "first": s.first_year, "last": s.last_year}  # fmt: skip
    else:
        text = _("平安%(name)s has won %(label)s (%(first)s–%(last)s); %(year)s would be its %(nth)s in a row "
                 "(“%(goal)s”).") % {"name": name, "label": award.run_label, "first": s.first_year,
                                     "last": s.last_year, "year": data.year, "nth": s.next_ordinal,
                                     "goal": award.goal_label}  # fmt: skip
    if data.full_house_years:
        text += _(" Every county won (满堂红) in %(years)s.") % {"years": _years(data.full_house_years)}
    vetoes = [t for t in data.threats if t.rule.effect == "veto"]
    warnings = [t for t in data.threats if t.rule.effect != "veto"]
    if vetoes:
        text += _(" The award is lost for this year: %(items)s.") % {"items": ";".join(t.text for t in vetoes)}
    elif data.full_house is not False:
        text += _(" The city is on course for %(goal)s and for 满堂红 of its counties") % {"goal": award.goal_label}
        text += (_("; what threatens it: %(items)s.") % {"items": ";".join(
            f"{t.region.name}{t.rule.name}" for t in warnings)}) if warnings else "。"  # fmt: skip
    return text


def _years(years: list[int]) -> str:
    """2006—2011、2013、2018—2023: runs of consecutive years joined."""
    runs, start = [], None
    for i, y in enumerate(years):
        start = y if start is None else start
        if i + 1 == len(years) or years[i + 1] != y + 1:
            runs.append(f"{start}—{y}" if start != y else str(y))
            start = None
    return "、".join(runs)


def county_table(data: SafetySummary) -> Table:
    headers = [_("Region"), _("Inspections"), _("Hazards found"), _("Open (general/major)"),
               _("Overdue (general/major)"), _("Accidents"), _("Deaths"), _("平安 streak")]  # fmt: skip

    def row(u):
        return [u.region.name, str(u.inspections), str(u.hazards_found),
                f"{u.hazards_open['general']}/{u.hazards_open['major']}",
                f"{u.hazards_overdue['general']}/{u.hazards_overdue['major']}", str(u.accidents_total), str(u.deaths),
                u.award.run_label if u.award else "—"]  # fmt: skip

    return Table(headers, [row(u) for u in data.counties] + [row(data.total)],
                 _("Safety by county, %(when)s") % {"when": data.period.label_zh()})  # fmt: skip


def appendix(data: SafetySummary, user) -> list[Table]:
    day = data.as_of
    hazards = (_rows(Hazard, data, user).filter(found_on__lte=day)
               .select_related("inspection__project", "inspection__region").order_by("found_on", "code"))  # fmt: skip
    found = [h for h in hazards if h.found_on >= data.period.start]
    open_rows = [h for h in hazards if h.is_open_on(day)]

    def hazard_row(h):
        return [h.code, h.inspection.region.name, h.inspection.where, word(GRADES, h.grade), h.description,
                h.found_on.isoformat(), h.deadline.isoformat(), word(STATUSES, h.status),
                str(h.days_overdue(day)) if h.is_overdue_on(day) else ""]  # fmt: skip

    headers = [_("Number"), _("Region"), _("Site"), _("Grade"), _("Hazard"), _("Found on"), _("Deadline"),
               _("Status"), _("Days overdue")]  # fmt: skip
    accidents = _rows(Accident, data, user).in_period(data.period.start, day).select_related("region", "project")
    award = data.total.award
    return [
        Table(headers, [hazard_row(h) for h in found],
              _("Hazards found in %(when)s: %(n)s") % {"when": data.period.label_zh(), "n": len(found)}),
        Table(headers, [hazard_row(h) for h in open_rows],
              _("Hazards open on %(day)s: %(n)s") % {"day": day.isoformat(), "n": len(open_rows)}),
        Table([_("Number"), _("Occurred on"), _("Region"), _("Site"), _("Deaths"), _("Serious injuries"),
               _("Direct loss (10k yuan)"), _("Class")],
              [[a.code, a.occurred_on.isoformat(), a.region.name, a.where, str(a.deaths), str(a.serious_injuries),
                fmt_amount(a.direct_loss), word(CLASSES, a.accident_class)] for a in accidents],
              _("Accidents in %(when)s: %(n)s") % {"when": data.period.label_zh(), "n": len(accidents)}),
        Table([_("Year"), award.title],
              [[str(y), _("won") if won else _("not won")] for y, won in sorted(award.history.items())],
              _("%(unit)s %(title)s results: %(label)s through %(last)s") % {
                  "unit": data.total.region.name, "title": award.title, "label": award.run_label,
                  "last": award.streak.last_year or "—"}),
    ]  # fmt: skip
