"""Progress against annual targets — the one computation the cockpit, API, CLI and briefing share.

For a scope and a period (year, through month): per project list, how many projects, how many
started, total investment, Σ annual plan, Σ YTD actual, completion rate, 序时进度, 超序时, and
the lagging projects. Amounts are Decimal 万元; rates are unrounded Decimal percentages, rounded
half-up only when shown (`guatu.core.money`).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import cmp_to_key

from django.utils.translation import gettext as _

from guatu.core.money import money_str, pct_str, ratio_pct, round_half_up
from guatu.core.periods import Period
from guatu.projects.models import ListMembership, Project, ProjectList
from guatu.projects.scope import Scope

ZERO = Decimal(0)
LAGGARDS_PER_PAGE = 20  # a row's laggards come a page at a time (its count is `lagging_count`)


@dataclass(frozen=True)
class ProjectFigures:
    """One project's figures for the period."""

    pk: int
    code: str
    name: str
    total_investment: Decimal
    annual_plan: Decimal | None
    ytd_actual: Decimal | None
    ytd_month: int | None
    started: bool

    @property
    def completion(self) -> Decimal | None:
        return ratio_pct(self.ytd_actual or ZERO, self.annual_plan)


def fen_decimal(fen: int | None) -> Decimal | None:
    """Integer fen (0.01 万元, as the rollups keep amounts) → Decimal 万元 with two places."""
    return None if fen is None else Decimal(fen).scaleb(-2)


@dataclass(frozen=True)
class Laggard:
    """A lagging project as the rollups give it (amounts in fen); `figures` makes its `ProjectFigures`."""

    pk: int
    code: str
    name: str
    total: int
    actual_start: object
    plan: int
    reported: int
    ytd: int

    @property
    def completion(self) -> Decimal | None:
        """The year-to-date actual against the plan, in percent (unrounded): the same ratio in fen as in 万元."""
        return ratio_pct(self.ytd, self.plan)

    def figures(self, period: Period) -> ProjectFigures:
        from guatu.rollups.facts import to_date

        return _figures(self.pk, self.code, self.name, self.total, to_date(self.actual_start), self.plan,
                        self.reported,
                        self.ytd if self.reported & ((1 << period.month) - 1) else None, period)  # fmt: skip


def _figures(pk, code, name, total, start, plan, reported, ytd, period: Period) -> ProjectFigures:
    months = (reported or 0) & ((1 << period.month) - 1)
    return ProjectFigures(pk=pk, code=code, name=name, total_investment=fen_decimal(total),
                          annual_plan=fen_decimal(plan), ytd_actual=fen_decimal(ytd),
                          ytd_month=months.bit_length() or None,
                          started=start is not None and start <= period.end)  # fmt: skip


@dataclass(frozen=True)
class Submitted:
    """已报送 N / M: projects that reported the month, of those expected to (`guatu.reporting.expected`)."""

    reported: int
    expected: int


class ProgressRow:
    """Aggregate figures for a set of projects (one list, or everything in scope).

    Built either from its members (`ProgressRow(label, list, period, members)`) or from the rollups' sums
    (`totals`, in fen) and laggards, with the members loaded only if someone asks for them (the briefing's
    best projects and trace). Every figure is computed once. The laggards are counted (`lagging_count`) and
    shown a page at a time (`lagging_page`: page `page` of `LAGGARDS_PER_PAGE`); `lagging` is all of them.
    """

    def __init__(self, label: str, project_list: ProjectList | None, period: Period,
                 members: list[ProjectFigures] | None = None, *, totals=None, laggards: list[Laggard] | None = None,
                 loader=None, page: int = 1, paged=None) -> None:  # fmt: skip
        self.label = label
        self.project_list = project_list
        self.period = period
        self.page = page
        self._paged = paged  # a callable giving the page's `Laggard`s (rollup rows)
        self._members = list(members) if members is not None else ([] if totals is None and loader is None else None)
        self._totals = totals
        self._laggards = laggards  # a list, or a callable giving it when first needed
        self._loader = loader
        self._cache: dict[str, object] = {}

    def __repr__(self) -> str:
        return f"ProgressRow({self.label!r}, {self.period}, projects={self.projects})"

    def _once(self, name: str, compute):
        if name not in self._cache:
            self._cache[name] = compute()
        return self._cache[name]

    @property
    def members(self) -> list[ProjectFigures]:
        if self._members is None:
            self._members = sorted(self._loader(), key=lambda m: m.code)
        return self._members

    @property
    def projects(self) -> int:
        return self._totals.projects if self._totals is not None else len(self.members)

    @property
    def started(self) -> int:
        if self._totals is not None:
            return self._totals.started
        return self._once("started", lambda: sum(1 for m in self.members if m.started))

    @property
    def total_investment(self) -> Decimal:
        if self._totals is not None:
            return fen_decimal(self._totals.total)
        return self._once("total", lambda: sum((m.total_investment for m in self.members), ZERO))

    @property
    def annual_plan(self) -> Decimal:
        if self._totals is not None:
            return fen_decimal(self._totals.plan)
        return self._once("plan", lambda: sum((m.annual_plan or ZERO for m in self.members), ZERO))

    @property
    def ytd_actual(self) -> Decimal:
        if self._totals is not None:
            return fen_decimal(self._totals.ytd)
        return self._once("ytd", lambda: sum((m.ytd_actual or ZERO for m in self.members), ZERO))

    @property
    def completion(self) -> Decimal | None:
        """年度完成率 = Σ YTD actual ÷ Σ annual plan × 100 (unrounded); None without a plan."""
        return self._once("completion", lambda: ratio_pct(self.ytd_actual, self.annual_plan))

    @property
    def elapsed(self) -> Decimal:
        return self.period.elapsed_pct

    @property
    def ahead(self) -> bool | None:
        """超序时: completion at or above 序时进度; None when there is no plan to compare with."""
        return None if self.completion is None else self.completion >= self.elapsed

    def _laggard_list(self) -> list[Laggard] | None:
        if callable(self._laggards):
            self._laggards = self._laggards()
        return self._laggards

    @property
    def lagging(self) -> list[ProjectFigures]:
        """Members with a plan whose completion is below 序时进度, furthest behind first."""
        if self._laggards is not None:
            return self._once("lagging", lambda: [m.figures(self.period) for m in self._laggard_list()])

        def behind() -> list[ProjectFigures]:
            found = [m for m in self.members if m.completion is not None and m.completion < self.elapsed]
            return sorted(found, key=lambda m: (m.completion, m.code))

        return self._once("lagging", behind)

    @property
    def submission(self) -> Submitted | None:
        """How many of the row's projects expected to report (those with an annual plan) have reported the
        period's month — from the rollups; None for a row built from members."""
        if self._totals is None:
            return None
        return Submitted(self._totals.reported, self._totals.planned)

    @property
    def lagging_count(self) -> int:
        """How many members lag (a count, for pages: the laggards themselves are paginated elsewhere)."""
        if self._totals is not None:
            return self._totals.lagging
        return len(self.lagging)

    @property
    def offset(self) -> int:
        return (self.page - 1) * LAGGARDS_PER_PAGE

    def _page_laggards(self) -> list[Laggard]:
        return self._once("page", self._paged)

    @property
    def lagging_page(self) -> list[ProjectFigures]:
        """The page's laggards (page `page`, `LAGGARDS_PER_PAGE` a page), furthest behind first."""
        if self._paged is not None:
            return self._once("lagging_page", lambda: [m.figures(self.period) for m in self._page_laggards()])
        return self.lagging[self.offset : self.offset + LAGGARDS_PER_PAGE]

    def _lagging_json(self) -> list[dict]:
        shown = self._page_laggards() if self._paged is not None else self.lagging_page
        return [{"code": m.code, "name": m.name, "completion_pct": pct_str(m.completion)} for m in shown]

    def as_json(self) -> dict:
        return {
            "list": self.label,
            "list_code": self.project_list.code if self.project_list else None,
            "projects": self.projects,
            "started": self.started,
            "total_investment_wan": money_str(self.total_investment),
            "annual_plan_wan": money_str(self.annual_plan),
            "ytd_actual_wan": money_str(self.ytd_actual),
            "completion_pct": pct_str(self.completion),
            "elapsed_pct": pct_str(self.elapsed),
            "ahead": self.ahead,
            "lagging_count": self.lagging_count,
            "lagging": self._lagging_json(),
        }


@dataclass
class ProgressReport:
    period: Period
    scope: Scope
    rows: list[ProgressRow]
    overall: ProgressRow

    def as_json(self) -> dict:
        return {
            "year": self.period.year,
            "through_month": self.period.month,
            "scope": self.scope.parts(),
            "lagging_page": self.overall.page,
            "lagging_page_size": LAGGARDS_PER_PAGE,
            "rows": [row.as_json() for row in self.rows],
            "overall": self.overall.as_json(),
        }


def _cents(value: Decimal | None) -> Decimal | None:
    """Annotated decimals come back unquantized on SQLite; give every amount two places."""
    return None if value is None else round_half_up(value, 2)


def rollup_figures(projects, period: Period, *, every: bool = False) -> dict[int, ProjectFigures]:
    """Figures for the projects of a queryset from the rollups, in one query (two with `every`). Projects with
    nothing for the year (no plan, report or list) are left out — their completion is undefined — unless
    `every`: then they are there with no plan and no YTD, as `project_figures` gives them."""
    from guatu.rollups import read

    ids = projects.order_by().values("pk")
    rows = read.year_figures(ids, period)
    if every:
        for pk, r in read.timeless_figures(ids).items():
            rows.setdefault(pk, (*r[:5], None, 0, None))
    return {pk: _figures(*r[:7], r[7], period) for pk, r in rows.items()}


def project_figures(projects, period: Period) -> dict[int, ProjectFigures]:
    """Figures for each project in the queryset, in one query (from the raw rows)."""
    rows = projects.with_raw_figures(period.year, period.month).values(
        "pk", "code", "name", "total_investment", "actual_start", "annual_plan", "ytd_actual", "ytd_month"
    )
    return {
        r["pk"]: ProjectFigures(
            pk=r["pk"],
            code=r["code"],
            name=r["name"],
            total_investment=_cents(r["total_investment"]),
            annual_plan=_cents(r["annual_plan"]),
            ytd_actual=_cents(r["ytd_actual"]),
            ytd_month=r["ytd_month"],
            started=r["actual_start"] is not None and r["actual_start"] <= period.end,
        )
        for r in rows
    }


def progress_raw(scope: Scope, period: Period, *, user=None, lagging_page: int = 1) -> ProgressReport:
    """`progress` computed from the raw rows (reports, plans, memberships) — the definition the rollups are
    checked against; three queries, but a correlated subquery per project."""
    in_scope = scope.apply(Project.objects.visible_to(user), period.year).distinct()
    figures = project_figures(in_scope, period)
    by_list: dict[int, list[ProjectFigures]] = defaultdict(list)
    memberships = ListMembership.objects.filter(year=period.year, project__in=in_scope.values("pk"))
    if scope.project_list:
        memberships = memberships.filter(project_list=scope.project_list)
    for project_id, list_id in memberships.values_list("project_id", "project_list_id"):
        by_list[list_id].append(figures[project_id])
    lists = ProjectList.objects.filter(pk__in=by_list.keys()).order_by("sort_order", "code")
    rows = [ProgressRow(str(lst), lst, period, sorted(by_list[lst.pk], key=lambda m: m.code), page=lagging_page)
            for lst in lists]  # fmt: skip
    overall = ProgressRow(str(_("All projects in scope")), None, period, sorted(figures.values(), key=lambda m: m.code),
                          page=lagging_page)  # fmt: skip
    return ProgressReport(period=period, scope=scope, rows=rows, overall=overall)


def _exact_order(laggards: list[Laggard]) -> list[Laggard]:
    """The laggards furthest behind first, ties by code — exactly: the database ordered them by a float ratio,
    so check each neighbour by cross-multiplying (integers) and sort exactly only if one is out of place."""

    def before(a: Laggard, b: Laggard) -> int:
        left, right = a.ytd * b.plan, b.ytd * a.plan
        return -1 if left < right else 1 if left > right else (a.code > b.code) - (a.code < b.code)

    if all(before(a, b) <= 0 for a, b in itertools.pairwise(laggards)):
        return laggards
    return sorted(laggards, key=cmp_to_key(before))


def exact_page(window: list[tuple[Laggard, float]], offset: int, size: int, group, below) -> list[Laggard]:
    """The laggards at positions `offset` … `offset + size - 1` in the exact order, from a window read in the order
    of the float completion then code: the row before the page (when `offset` > 0), the page's rows and the row
    after. The float order is the exact one but among equal floats, so the page is exact unless it starts or ends
    inside a run of equal floats that are not all exactly equal (0.0 is exactly 0: ordered by code already);
    then `group(value)` reads that run whole and `below(value)` counts the laggards before it."""
    before = None
    if offset > 0:
        if not window:
            return []
        before, window = window[0], window[1:]
    page, after = window[:size], window[size : size + 1]
    if not page:
        return []
    first, last = page[0][1], page[-1][1]
    tied = set()
    if before is not None and before[1] == first and first != 0:
        tied.add(first)
    if after and after[0][1] == last and last != 0:
        tied.add(last)
    if not tied:
        return _exact_order([laggard for laggard, _ratio in page])
    rows = [laggard for laggard, ratio in page if ratio not in tied]
    for value in sorted(tied):
        rows += group(value)
    begin = below(first) if first in tied else offset
    return _exact_order(rows)[offset - begin : offset - begin + size]


def progress(scope: Scope, period: Period, *, user=None, lagging_page: int = 1) -> ProgressReport:
    """Progress of every project list in `scope` for `period`, plus all projects in scope together.

    `user` is who is asking; `None` is the system (CLI). Read from the rollups (`guatu.rollups`), which answer
    every scope and every user exactly: three queries (sums and laggard counts per list, a page of each row's
    laggards — page `lagging_page` — and the lists' names) whatever the size; every laggard (`lagging`) and the
    members of a row are loaded only when asked for.
    """
    from guatu.rollups import read

    sums = read.totals(scope, period, user) or {}
    offset = (lagging_page - 1) * LAGGARDS_PER_PAGE
    pages: dict[int, list[Laggard]] | None = None

    def page_of(list_id: int):
        """The page of every row's laggards, read (one query) when the first row is asked for it."""

        def load() -> list[Laggard]:
            nonlocal pages
            if pages is None:
                keys = [k for k, t in sums.items() if t.lagging > offset]
                pages = read.laggard_pages(scope, period, user, keys, offset, LAGGARDS_PER_PAGE)
            return pages.get(list_id, [])

        return load

    fetched: dict[int, list[Laggard]] | None = None

    def laggards_of(list_id: int):
        """The laggards of every row, read (one query) when the first row is asked for them: a page that shows
        counts never reads them."""

        def load() -> list[Laggard]:
            nonlocal fetched
            if fetched is None:
                fetched = defaultdict(list)
                if any(t.lagging for t in sums.values()):
                    rows, pairs = read.laggards(scope, period, user)
                    fetched[0] = _exact_order([Laggard(*row) for row in rows])
                    lists_of: dict[int, list[int]] = defaultdict(list)
                    for lid, project_id in pairs:
                        lists_of[project_id].append(lid)
                    for laggard in fetched[0]:  # each list's laggards in the overall order
                        for lid in lists_of.get(laggard.pk, ()):
                            fetched[lid].append(laggard)
            return fetched[list_id]

        return load

    def loader(list_id: int):
        return lambda: [_figures(*r[:7], r[7], period) for r in read.members(scope, period, user, list_id)]

    list_ids = [k for k in sums if k]
    lists = ProjectList.objects.filter(pk__in=list_ids).order_by("sort_order", "code") if list_ids else []
    rows = [ProgressRow(str(lst), lst, period, totals=sums[lst.pk], laggards=laggards_of(lst.pk),
                        loader=loader(lst.pk), page=lagging_page, paged=page_of(lst.pk)) for lst in lists]  # fmt: skip
    overall = ProgressRow(str(_("All projects in scope")), None, period, totals=sums.get(0, read.Totals()),
                          laggards=laggards_of(0), loader=loader(0), page=lagging_page, paged=page_of(0))  # fmt: skip
    return ProgressReport(period=period, scope=scope, rows=rows, overall=overall)
