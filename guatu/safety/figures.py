"""The safety year of a city and its counties — one function for the page, the API, the CLI and the
briefing: open and overdue hazards by grade, accidents by class, the 平安 award streaks, 满堂红 and
what threatens this year's award. Every read is restricted to what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.accounts.access import scope_choices
from guatu.core.models import Region
from guatu.core.money import money_str
from guatu.core.periods import Period
from guatu.projects.scope import Scope, ScopeError
from guatu.safety import threats as rules
from guatu.safety.choices import AccidentClass, HazardGrade, ThreatKind
from guatu.safety.classification import Streak, chinese_number, full_house, rank_of, streak
from guatu.safety.models import Accident, AccidentThreshold, Hazard, Inspection, SafetyAward, ThreatRule
from guatu.safety.warnings import overdue_text

GRADES = [g.value for g in HazardGrade]
CLASSES = [c.value for c in AccidentClass]


def as_of_for(period: Period) -> dt.date:
    """The day a period's figures are read on: its last day, or today while it is running."""
    return min(period.end, timezone.localdate())


def award_title(region: Region) -> str:
    return _("平安市") if region.level == Region.Level.CITY else _("平安县")


@dataclass
class Award:
    """A unit's award standing for the year: this year's result, the run, the history."""

    region: Region
    streak: Streak
    history: dict[int, bool]

    @property
    def title(self) -> str:
        return award_title(self.region)

    @property
    def run_label(self) -> str:
        """十八连冠 for a run of 18 (— when there is none)."""
        count = self.streak.count
        return f"{chinese_number(count)}连冠" if 1 <= count <= 99 else "—"

    @property
    def goal_label(self) -> str:
        """The award this year is about: 十九连冠 after 18 in a row."""
        n = self.streak.next_ordinal
        return f"{chinese_number(n)}连冠" if 1 <= n <= 99 else "—"

    def as_json(self) -> dict:
        s = self.streak
        return {
            "title": self.title,
            "result": s.result,
            "streak": s.count,
            "streak_from": s.first_year,
            "streak_through": s.last_year,
            "this_year_would_be": s.next_ordinal,
            "run_label": self.run_label,
            "goal_label": self.goal_label,
            "history": {str(y): won for y, won in sorted(self.history.items())},
        }


@dataclass
class Threat:
    """A threat rule that fired: on which unit, about which accident or hazard, in words."""

    rule: ThreatRule
    region: Region
    key: str
    text: str
    url: str

    def as_json(self) -> dict:
        return {
            "rule": self.rule.code,
            "rule_name": self.rule.name,
            "effect": self.rule.effect,
            "region": self.region.code,
            "region_name": self.region.name,
            "subject": self.key,
            "text": self.text,
        }


@dataclass
class UnitFigures:
    """One county's (or the city's) safety figures for the year as of the day."""

    region: Region
    inspections: int = 0
    hazards_found: int = 0
    hazards_open: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GRADES, 0))
    hazards_overdue: dict[str, int] = field(default_factory=lambda: dict.fromkeys(GRADES, 0))
    accidents: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CLASSES, 0))
    deaths: int = 0
    serious_injuries: int = 0
    direct_loss: Decimal = Decimal(0)
    award: Award | None = None
    threats: list[Threat] = field(default_factory=list)

    @property
    def open_total(self) -> int:
        return sum(self.hazards_open.values())

    @property
    def overdue_total(self) -> int:
        return sum(self.hazards_overdue.values())

    @property
    def accidents_total(self) -> int:
        return sum(self.accidents.values())

    @property
    def on_course(self) -> bool:
        return not any(t.rule.effect == rules.VETO for t in self.threats)

    def as_json(self) -> dict:
        return {
            "code": self.region.code, "name": self.region.name, "inspections": self.inspections,
            "hazards": {"found": self.hazards_found, "open": self.hazards_open, "overdue": self.hazards_overdue},
            "accidents": self.accidents, "accidents_total": self.accidents_total, "deaths": self.deaths,
            "serious_injuries": self.serious_injuries, "direct_loss_wan": money_str(self.direct_loss),
            "award": self.award.as_json() if self.award else None, "on_course": self.on_course,
            "threats": [t.as_json() for t in self.threats],
        }  # fmt: skip


@dataclass
class SafetySummary:
    period: Period
    as_of: dt.date
    scope: Scope
    city: Region
    counties: list[UnitFigures]
    total: UnitFigures
    full_house: bool | None  # this year: every county won (None while undecided)
    full_house_years: list[int]  # the years every county won
    county_codes: list[str]
    threats: list[Threat]

    @property
    def year(self) -> int:
        return self.period.year

    @property
    def on_course(self) -> bool:
        return self.total.on_course

    @property
    def counties_on_course(self) -> bool:
        """满堂红 is still possible: no county has lost this year, no veto has fired in any."""
        return self.full_house is not False and all(c.on_course for c in self.counties)

    def as_json(self) -> dict:
        return {
            "year": self.year, "through_month": self.period.month, "as_of": self.as_of.isoformat(),
            "scope": self.scope.parts(),
            "city": {**self.total.as_json(), "full_house": self.full_house, "full_house_years": self.full_house_years,
                     "counties_on_course": self.counties_on_course},
            "counties": [c.as_json() for c in self.counties],
            "threats": [t.as_json() for t in self.threats],
            "on_course": self.on_course,
        }  # fmt: skip


def award_city(scope: Scope) -> tuple[Region, list[Region]]:
    """The city whose award a scope is about, and the counties to show (all the city's, or the one)."""
    region = scope.region or (scope.platform.region if scope.platform and scope.platform.region_id else None)
    if region is not None and region.level == Region.Level.COUNTY and region.parent_id:
        return region.parent, [region]
    if region is not None and region.level == Region.Level.TOWN:
        raise ScopeError(_("Choose a city or a county for the safety figures."))
    if region is None or region.level == Region.Level.PROVINCE:
        cities = list(Region.objects.filter(level=Region.Level.CITY, pk__in=SafetyAward.objects.values("region"))
                      .filter(**({"path__startswith": region.path} if region else {}))[:2])  # fmt: skip
        if len(cities) != 1:
            raise ScopeError(_("Name the city (region) whose safety figures you want."))
        region = cities[0]
    counties = list(Region.objects.filter(parent=region, level=Region.Level.COUNTY).order_by("code"))
    return region, counties


def _award(region: Region, results: dict[int, bool], year: int) -> Award:
    return Award(region, streak(results, year), results)


def summary(scope: Scope, period: Period, *, user=None, as_of: dt.date | None = None) -> SafetySummary:
    """The safety year of the scope's city (or one county) for `period`, as of its last day (or `as_of`)."""
    city, counties = award_city(scope)
    day = as_of or as_of_for(period)
    start = period.start
    area = counties[0] if len(counties) == 1 and scope.region and scope.region.pk == counties[0].pk else city
    visible_counties = set(scope_choices(user, "view", Hazard, "region", Region.objects.filter(
        pk__in=[c.pk for c in counties])).values_list("pk", flat=True))  # fmt: skip
    shown = [c for c in counties if c.pk in visible_counties]
    year = period.year

    def rows(model):
        return model.objects.visible_to(user).in_scope(scope, year).in_region(area)

    units = {c.path: UnitFigures(c) for c in shown}
    total = UnitFigures(city if area == city else area)

    def unit_of(path: str) -> UnitFigures | None:
        return next((u for p, u in units.items() if path.startswith(p)), None)

    def add(path: str, apply) -> None:
        apply(total)
        unit = unit_of(path)
        if unit is not None:
            apply(unit)

    for path in rows(Inspection).in_period(start, day).values_list("region__path", flat=True):
        add(path, lambda u: setattr(u, "inspections", u.inspections + 1))
    hazards = rows(Hazard).select_related("inspection__region", "inspection__project")
    for path in hazards.found_in(start, day).values_list("inspection__region__path", flat=True):
        add(path, lambda u: setattr(u, "hazards_found", u.hazards_found + 1))
    overdue_hazards = []
    for hazard in hazards.open_on(day):
        late = hazard.is_overdue_on(day)
        if late:
            overdue_hazards.append(hazard)

        def count(u, h=hazard, late=late):
            u.hazards_open[h.grade] += 1
            if late:
                u.hazards_overdue[h.grade] += 1

        add(hazard.inspection.region.path, count)
    accidents = list(rows(Accident).in_period(start, day).select_related("region"))
    for accident in accidents:

        def tally(u, a=accident):
            u.accidents[a.accident_class] += 1
            u.deaths += a.deaths
            u.serious_injuries += a.serious_injuries
            u.direct_loss += a.direct_loss

        add(accident.region.path, tally)

    found = _threats(accidents, overdue_hazards, day)
    total.threats = found
    for unit in units.values():
        unit.threats = [t for t in found if t.region.path.startswith(unit.region.path)]

    awards: dict[int, dict[int, bool]] = {}
    for region_id, y, won in SafetyAward.objects.filter(region__in=[city, *counties]).values_list(
            "region_id", "year", "won"):  # fmt: skip
        awards.setdefault(region_id, {})[y] = won
    total.award = _award(total.region, awards.get(total.region.pk, {}), year)
    for unit in units.values():
        unit.award = _award(unit.region, awards.get(unit.region.pk, {}), year)
    codes = [c.code for c in counties]
    by_code = {c.code: awards.get(c.pk, {}) for c in counties}
    years = sorted({y for results in by_code.values() for y in results})
    full_house_years = [y for y in years if full_house({c: r.get(y) for c, r in by_code.items()}, codes)]
    return SafetySummary(
        period=period, as_of=day, scope=scope, city=city, counties=list(units.values()), total=total,
        full_house=full_house({c: r.get(year) for c, r in by_code.items()}, codes),
        full_house_years=full_house_years, county_codes=codes, threats=found,
    )  # fmt: skip


def _threats(accidents: list[Accident], overdue: list[Hazard], day: dt.date) -> list[Threat]:
    """The active threat rules applied to the year's accidents and the overdue hazards."""
    thresholds = AccidentThreshold.current()
    active = list(ThreatRule.objects.filter(active=True))
    pure = {
        r.code: rules.Rule(r.code, r.effect, r.kind,
                           rank_of(r.accident_class, thresholds) if r.kind == ThreatKind.ACCIDENT else 0,
                           r.hazard_grade)
        for r in active
    }  # fmt: skip
    subjects = {f"A:{a.code}": a for a in accidents} | {f"H:{h.code}": h for h in overdue}
    facts = [rules.Fact(rules.ACCIDENT, f"A:{a.code}", a.region.path, rank=rank_of(a.accident_class, thresholds))
             for a in accidents]  # fmt: skip
    facts += [rules.Fact(rules.OVERDUE_HAZARD, f"H:{h.code}", h.inspection.region.path, grade=h.grade)
              for h in overdue]  # fmt: skip
    by_code = {r.code: r for r in active}
    out = []
    for match in rules.matches(pure.values(), facts):
        subject = subjects[match.fact.key]
        if isinstance(subject, Accident):
            region = subject.region
            text = _("%(class)s accident %(code)s on %(day)s in %(region)s: %(what)s") % {
                "class": subject.get_accident_class_display(), "code": subject.code,
                "day": subject.occurred_on.isoformat(), "region": region.name, "what": subject.description}  # fmt: skip
        else:
            region = subject.inspection.region
            text = f"{region.name}{subject.inspection.where}:" + overdue_text(
                subject.grade, subject.description, subject.days_overdue(day), subject.supervision_level
            )
        out.append(Threat(by_code[match.rule.code], region, subject.code, text, subject.get_absolute_url()))
    return out
