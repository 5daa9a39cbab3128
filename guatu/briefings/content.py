"""The monthly briefing (简报): what it says, computed from the same functions as the cockpit.

Every figure carries the rows that make it (`Trace`), so the appendix can list, for each
sentence, the projects and monthly-report rows that sum to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from guatu.briefings.sections import Section, build_sections
from guatu.core.money import fmt_money, fmt_pct
from guatu.core.periods import Period
from guatu.projects.models import Project
from guatu.projects.progress import ProgressRow, ProjectFigures, progress
from guatu.projects.scope import Scope
from guatu.projects.sentences import list_sentence
from guatu.schedules.models import Problem
from guatu.schedules.problems import overdue_by_department
from guatu.schedules.warnings import scope_warnings


@dataclass
class Trace:
    """A figure and the rows that sum to it."""

    label: str
    total_wan: Decimal
    rows: list[ProjectFigures]


@dataclass
class ListSection:
    row: ProgressRow
    sentence: str
    started: str
    best: list[ProjectFigures]
    lagging: list[ProjectFigures]
    trace: Trace


@dataclass
class Briefing:
    title: str
    period: Period
    scope: Scope
    as_of: dt.date
    lists: list[ListSection] = field(default_factory=list)
    warning_counts: dict[str, int] = field(default_factory=dict)
    red_projects: list[str] = field(default_factory=list)
    open_problems: int = 0
    overdue: dict[str, int] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)  # the other parts' (guatu.briefings.sections)

    @property
    def where(self) -> str:
        return self.scope.describe()


def build(scope: Scope, period: Period, *, user=None, language: str = "zh-hans") -> Briefing:
    """The briefing's content for a scope and period, in `language` (Chinese by default)."""
    with translation.override(language):
        report = progress(scope, period, user=user)
        where = scope.platform or scope.region or ""
        title = _("%(where)s key projects briefing, %(period)s") % {
            "where": where or scope.describe(), "period": period.label_zh() if language.startswith("zh")
            else period.label_en()}  # fmt: skip
        briefing = Briefing(title=title, period=period, scope=scope, as_of=period.end)
        for row in report.rows:
            with_plan = [m for m in row.members if m.completion is not None]
            best = sorted(with_plan, key=lambda m: (-m.completion, m.code))[:3]
            started = (_("All %(n)s projects have started.") % {"n": row.projects} if row.started == row.projects
                       else _("%(started)s of the %(n)s projects have started.") % {"started": row.started,
                                                                                    "n": row.projects})  # fmt: skip
            trace = Trace(row.label, row.ytd_actual, sorted(row.members, key=lambda m: m.code))
            briefing.lists.append(
                ListSection(row, list_sentence(row, scope), started, best, row.lagging_page[:5], trace)
            )
        found = scope_warnings(scope, period.end, user=user)
        counts = found.counts()
        for level in ("red", "yellow", "green"):
            briefing.warning_counts[level] = counts[level]
        briefing.red_projects = [w.project.name for w in found.flagged("red")[0:10]]
        in_scope = scope.apply(Project.objects.visible_to(user), period.year).order_by().values("pk")
        problems = Problem.objects.visible_to(user).filter(project__in=in_scope)
        briefing.open_problems = problems.unresolved().count()
        briefing.overdue = overdue_by_department(period.end, problems=problems)
        briefing.sections = build_sections(scope, period, user=user)
        return briefing


def money_yi(wan: Decimal) -> str:
    return fmt_money(wan, "yi", 2, trim=True)


def percent(value: Decimal | None) -> str:
    return fmt_pct(value)
