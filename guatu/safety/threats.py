"""What threatens a unit's award this year — rules as data, applied by plain Python (no Django).

A rule fires on an accident of at least a class (e.g. 较大 or worse) or on a hazard of a grade
that is overdue (e.g. an overdue 重大 hazard). Its effect is `veto` (一票否决: the award is lost
for the unit where it happened, and the city's with it) or `warning` (a threat to fix in time).
The rules are `ThreatRule` rows; the facts are the year's accidents and the hazards open as of the day.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

VETO, WARNING = "veto", "warning"
ACCIDENT, OVERDUE_HAZARD = "accident", "overdue_hazard"


@dataclass(frozen=True)
class Rule:
    code: str
    effect: str  # veto | warning
    kind: str  # accident | overdue_hazard
    min_rank: int = 0  # accident: the least severe class rank that fires
    hazard_grade: str = ""  # overdue_hazard: the grade that fires


@dataclass(frozen=True)
class Fact:
    """An accident or an overdue hazard, where it happened (a region path) and what it is."""

    kind: str  # accident | overdue_hazard
    key: str  # the accident's or hazard's code
    region_path: str
    rank: int = 0  # accident class rank
    grade: str = ""  # hazard grade


@dataclass(frozen=True)
class Match:
    rule: Rule
    fact: Fact


def fires(rule: Rule, fact: Fact) -> bool:
    if rule.kind != fact.kind:
        return False
    if rule.kind == ACCIDENT:
        return fact.rank >= rule.min_rank
    return fact.grade == rule.hazard_grade


def matches(rules: Iterable[Rule], facts: Iterable[Fact], region_path: str = "") -> list[Match]:
    """Every (rule, fact) that fires within the region subtree `region_path` ("" = everywhere)."""
    facts = [f for f in facts if f.region_path.startswith(region_path)]
    return [Match(rule, fact) for rule in rules for fact in facts if fires(rule, fact)]


def on_course(found: Iterable[Match]) -> bool:
    """No veto has fired: the award can still be won (warnings threaten it, they do not lose it)."""
    return not any(m.rule.effect == VETO for m in found)
