"""Reminders from the city's time rules (`TimeRule`), evaluated for a day, and the warnings they feed.

For a lead as its history stood on the day (defaults in brackets, editable per region):
- respond: still a 线索 with nothing in its talks log [1] day after it was received;
- screen: still a 线索 [3] days after it was received;
- report: in 研判, 在谈, 签约, 注册 or 供地 with no talk and no stage change for [14] days (after 开工
  the ledger project's monthly reports take over);
- exit review (red): signed but not started [6] months after the agreed start date;
- convert: started, but not yet a ledger project.
Each says how many days late it is. Exit reviews are red warnings, the rest yellow.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Max, Min
from django.utils.translation import gettext as _

from guatu.attraction.choices import Stage
from guatu.attraction.models import Lead, LeadStageChange, Talk, TimeRule
from guatu.attraction.stages import RANK, REPORTING, SIGNED_NOT_STARTED

RED, YELLOW = "red", "yellow"
SEVERITY = {RED: 0, YELLOW: 1}
RULES = ("respond", "screen", "report", "exit_review", "convert")


@dataclass(frozen=True)
class Rules:
    respond_days: int = 1
    screen_days: int = 3
    report_days: int = 14
    exit_review_months: int = 6


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it is shorter: 08-31 + 6 → 02-28/29)."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class TimeRules:
    """The rules table, loaded once; a lead gets its region's rules, else the nearest ancestor's, else
    the default row, else the built-in defaults."""

    def __init__(self) -> None:
        rows = TimeRule.objects.select_related("region")
        self.default = Rules()
        self.by_path: dict[str, Rules] = {}
        for row in rows:
            rules = Rules(row.respond_days, row.screen_days, row.report_days, row.exit_review_months)
            if row.region is None:
                self.default = rules
            else:
                self.by_path[row.region.path] = rules

    def for_lead(self, lead: Lead) -> Rules:
        path = lead.region.path if lead.region_id else ""
        best = max((p for p in self.by_path if path.startswith(p)), key=len, default=None)
        return self.by_path[best] if best else self.default


@dataclass(frozen=True)
class Reminder:
    lead: Lead
    rule: str
    level: str
    due: dt.date
    days_late: int
    text: str

    def as_json(self) -> dict:
        return {
            "lead": self.lead.code,
            "name": self.lead.name,
            "rule": self.rule,
            "level": self.level,
            "due": self.due.isoformat(),
            "days_late": self.days_late,
            "text": self.text,
            "leader": self.lead.leader_name,
        }


def _text(rule: str, lead: Lead, rules: Rules, late: int) -> str:
    texts = {
        "respond": _("No response logged within %(n)s day(s) of receiving the lead; %(late)s day(s) late."),
        "screen": _("Not screened within %(n)s day(s) of receiving the lead; %(late)s day(s) late."),
        "report": _("No progress reported for more than %(n)s days; %(late)s day(s) late."),
        "exit_review": _(
            "Signed but not started %(n)s months after the agreed start: due for an exit review, %(late)s day(s) late."
        ),
        "convert": _("Started but not in the project ledger yet: convert it."),
    }
    n = {
        "respond": rules.respond_days,
        "screen": rules.screen_days,
        "report": rules.report_days,
        "exit_review": rules.exit_review_months,
    }.get(rule, 0)
    return texts[rule] % {"n": n, "late": late}


def reminders_for(leads, as_of: dt.date) -> list[Reminder]:
    """The reminders of `leads` (a queryset) as their history stood on `as_of`, most urgent first."""
    annotated = leads.with_progress(as_of).select_related("region")
    ids = annotated.values("pk")
    talks = {
        row["lead"]: row
        for row in Talk.objects.filter(lead__in=ids, on__lte=as_of)
        .order_by()
        .values("lead")
        .annotate(first=Min("on"), last=Max("on"))
    }
    changes = LeadStageChange.objects.filter(lead__in=ids, on__lte=as_of).order_by()
    last_change = dict(changes.values("lead").annotate(last=Max("on")).values_list("lead", "last"))
    started = dict(
        changes.filter(to_rank__gte=RANK[Stage.STARTED])
        .values("lead")
        .annotate(first=Min("on"))
        .values_list("lead", "first")
    )
    table = TimeRules()
    out: list[Reminder] = []
    for lead in annotated:
        rules = table.for_lead(lead)
        stage = lead.stage_then
        found: list[tuple[str, dt.date]] = []
        if stage == Stage.LEAD:
            if lead.pk not in talks:
                found.append(("respond", lead.received_on + dt.timedelta(days=rules.respond_days)))
            found.append(("screen", lead.received_on + dt.timedelta(days=rules.screen_days)))
        if stage in REPORTING:
            last = max(d for d in (lead.received_on, last_change.get(lead.pk), talks.get(lead.pk, {}).get("last")) if d)
            found.append(("report", last + dt.timedelta(days=rules.report_days)))
        if stage in SIGNED_NOT_STARTED and lead.agreed_start:
            found.append(("exit_review", add_months(lead.agreed_start, rules.exit_review_months)))
        if lead.pk in started and lead.project_id is None and stage != Stage.EXITED:
            found.append(("convert", started[lead.pk]))
        for rule, due in found:
            late = (as_of - due).days
            if late > 0 or (rule == "convert" and late >= 0):
                level = RED if rule == "exit_review" else YELLOW
                out.append(Reminder(lead, rule, level, due, late, _text(rule, lead, rules, late)))
    return sorted(out, key=lambda r: (SEVERITY[r.level], -r.days_late, r.lead.code, RULES.index(r.rule)))


@dataclass
class LeadWarning:
    """A lead's warning level (the worst of its reminders) and the reminders behind it."""

    lead: Lead
    level: str
    reminders: list[Reminder] = field(default_factory=list)

    def as_json(self) -> dict:
        return {
            "lead": self.lead.code,
            "name": self.lead.name,
            "level": self.level,
            "reasons": [r.as_json() for r in self.reminders],
        }


def group(reminders: Iterable[Reminder]) -> list[LeadWarning]:
    by_lead: dict[int, LeadWarning] = {}
    for reminder in reminders:
        warning = by_lead.setdefault(reminder.lead.pk, LeadWarning(reminder.lead, reminder.level))
        warning.reminders.append(reminder)
        if SEVERITY[reminder.level] < SEVERITY[warning.level]:
            warning.level = reminder.level
    return sorted(by_lead.values(), key=lambda w: (SEVERITY[w.level], w.lead.code))


def attraction_warnings(scope, as_of: dt.date, *, user) -> list[LeadWarning]:
    """Red/yellow warnings of the leads in a cockpit scope the user may see, as of a day — for the
    battle map's warnings page (one row per lead with a reminder; red first)."""
    leads = Lead.objects.visible_to(user).in_scope(scope)
    return group(reminders_for(leads, as_of))
