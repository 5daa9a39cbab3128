"""报送情况 — who has and has not reported for a month, per county, platform, department and list.

One function, `submission_status`, serves the page, the API, the CLI, the export and the cockpit's
"已报送 N / M". The projects counted are those expected to report (`guatu.reporting.expected`) in the
scope, among those the user sees. A project has reported when its report for the month is submitted,
approved or locked (`REPORTED_STATUSES`); a draft or a returned report has not. A project that has
not reported is overdue once the month's deadline has passed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from guatu.core.models import Platform, Region
from guatu.core.money import pct_str, ratio_pct
from guatu.core.periods import Period
from guatu.projects.choices import REPORTED_STATUSES, ReportStatus
from guatu.projects.models import ListMembership, MonthlyReport, Project
from guatu.projects.scope import Scope
from guatu.reporting.expected import expected_to_report
from guatu.reporting.models import ReportingMonth, ReportingPolicy

NO_REPORT = "none"  # the status of a project that has filed nothing for the month
GROUPINGS = ("county", "platform", "department", "list")
STATUS_LABELS = {
    NO_REPORT: pgettext_lazy("report status", "no report"),
    ReportStatus.DRAFT: pgettext_lazy("report status", "draft"),
    ReportStatus.SUBMITTED: pgettext_lazy("report status", "submitted"),
    ReportStatus.APPROVED: pgettext_lazy("report status", "approved"),
    ReportStatus.RETURNED: pgettext_lazy("report status", "returned"),
    ReportStatus.LOCKED: pgettext_lazy("report status", "locked"),
}
LAST = "\uffff"  # sorts the "(no platform)" group after every name


@dataclass(frozen=True)
class ProjectSubmission:
    """One expected project and where its report for the month stands."""

    code: str
    name: str
    owner: str
    contact: str
    county: str
    county_code: str
    platform: str | None
    department: str | None
    lists: tuple[str, ...]
    status: str  # a ReportStatus value, or NO_REPORT
    overdue: bool

    @property
    def reported(self) -> bool:
        return self.status in REPORTED_STATUSES

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    def as_json(self) -> dict:
        return {
            "code": self.code,
            "name": self.name,
            "owner": self.owner,
            "contact": self.contact,
            "county": self.county,
            "county_code": self.county_code,
            "platform": self.platform,
            "department": self.department,
            "lists": list(self.lists),
            "status": self.status,
            "overdue": self.overdue,
        }


@dataclass
class Tally:
    """The counts of a group of expected projects (a county, a platform, a department, a list, or all).

    `approved` counts approved and locked reports (a locked report is final); `submitted` those
    awaiting review. Reported = submitted + approved; not reported = returned + draft + no report.
    """

    label: str
    expected: int = 0
    submitted: int = 0
    approved: int = 0
    returned: int = 0
    draft: int = 0
    no_report: int = 0
    overdue: int = 0

    def add(self, project: ProjectSubmission) -> None:
        self.expected += 1
        status = project.status
        if status in (ReportStatus.APPROVED, ReportStatus.LOCKED):
            self.approved += 1
        elif status == ReportStatus.SUBMITTED:
            self.submitted += 1
        elif status == ReportStatus.RETURNED:
            self.returned += 1
        elif status == ReportStatus.DRAFT:
            self.draft += 1
        else:
            self.no_report += 1
        self.overdue += project.overdue

    @property
    def reported(self) -> int:
        return self.submitted + self.approved

    @property
    def not_reported(self) -> int:
        return self.expected - self.reported

    @property
    def rate(self) -> Decimal | None:
        """报送率 = reported ÷ expected × 100 (unrounded); None when nothing is expected."""
        return ratio_pct(Decimal(self.reported), Decimal(self.expected))

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "expected": self.expected,
            "reported": self.reported,
            "approved": self.approved,
            "submitted": self.submitted,
            "returned": self.returned,
            "draft": self.draft,
            "no_report": self.no_report,
            "not_reported": self.not_reported,
            "overdue": self.overdue,
            "rate_pct": pct_str(self.rate),
        }


@dataclass
class SubmissionStatus:
    """报送情况 of one month for a scope, as of a day."""

    period: Period
    scope: Scope
    deadline: dt.date
    state: str | None  # the calendar's MonthState, or None when the city has not opened the month
    as_of: dt.date
    projects: list[ProjectSubmission]
    overall: Tally
    groups: dict[str, list[Tally]] = field(default_factory=dict)

    @property
    def past_deadline(self) -> bool:
        return self.as_of > self.deadline

    @property
    def not_reported(self) -> list[ProjectSubmission]:
        """Who has not reported: overdue first, then by county and code."""
        missing = [p for p in self.projects if not p.reported]
        return sorted(missing, key=lambda p: (not p.overdue, p.county, p.code))

    def as_json(self) -> dict:
        return {
            "year": self.period.year,
            "month": self.period.month,
            "scope": self.scope.parts(),
            "state": self.state,
            "deadline": self.deadline.isoformat(),
            "as_of": self.as_of.isoformat(),
            "past_deadline": self.past_deadline,
            "overall": self.overall.as_json(),
            **{f"by_{name}": [t.as_json() for t in tallies] for name, tallies in self.groups.items()},
            "not_reported": [p.as_json() for p in self.not_reported],
        }


def month_deadline(year: int, month: int) -> tuple[dt.date, str | None]:
    """The month's deadline and state: from the calendar, or the policy's default if not opened."""
    opened = ReportingMonth.objects.for_month(year, month).first()
    if opened is not None:
        return opened.deadline, opened.state
    return ReportingPolicy.current().deadline_for(year, month), None


def submission_status(
    scope: Scope, year: int, month: int, *, user=None, today: dt.date | None = None
) -> SubmissionStatus:
    """Who of the projects in `scope` expected to report has reported for `year`-`month`, as of `today`.

    `user` is who is asking (`None`: the system). Seven queries whatever the size.
    """
    period = Period(year, month)
    today = today or timezone.localdate()
    deadline, state = month_deadline(year, month)
    expected = expected_to_report(scope.apply(Project.objects.visible_to(user), year), year).distinct()
    rows = list(
        expected.order_by("code").values(
            "pk", "code", "name", "owner", "contact_leader", "region__path", "region__code", "region__name",
            "platform__path", "department__name",
        )
    )  # fmt: skip
    statuses = dict(
        MonthlyReport.objects.for_month(year, month)
        .filter(project__in=expected.values("pk"))
        .order_by()
        .values_list("project_id", "status")
    )
    memberships = list(
        ListMembership.objects.filter(year=year, project__in=expected.values("pk"))
        .order_by("project_list__sort_order", "project_list__code")
        .values_list("project_id", "project_list_id", "project_list__name")
    )
    lists: dict[int, list[tuple[int, str]]] = defaultdict(list)  # project → (list's place, name)
    order: dict[int, int] = {}
    for project_id, list_id, list_name in memberships:
        lists[project_id].append((order.setdefault(list_id, len(order)), list_name))
    counties = _counties(r["region__path"] for r in rows)
    platforms = _platform_labels(r["platform__path"] for r in rows if r["platform__path"])
    projects, list_keys = [], {}
    for r in rows:
        list_keys[r["code"]] = lists[r["pk"]] or [(len(order), str(_("(on no list)")))]
        status = statuses.get(r["pk"], NO_REPORT)
        county_code, county_name = counties.get(r["region__path"], (r["region__code"], r["region__name"]))
        projects.append(
            ProjectSubmission(
                code=r["code"],
                name=r["name"],
                owner=r["owner"],
                contact=r["contact_leader"],
                county=county_name,
                county_code=county_code,
                platform=platforms.get(r["platform__path"]) if r["platform__path"] else None,
                department=r["department__name"],
                lists=tuple(name for _place, name in lists[r["pk"]]),
                status=status,
                overdue=status not in REPORTED_STATUSES and today > deadline,
            )
        )
    overall = Tally(str(_("All expected projects")))
    for project in projects:
        overall.add(project)
    result = SubmissionStatus(period, scope, deadline, state, today, projects, overall)
    no_platform, no_department = str(_("(no platform)")), str(_("(no department)"))
    result.groups = {
        "county": _tally(projects, lambda p: [(p.county_code, p.county)]),
        "platform": _tally(projects, lambda p: [(p.platform or LAST, p.platform or no_platform)]),
        "department": _tally(projects, lambda p: [(p.department or LAST, p.department or no_department)]),
        "list": _tally(projects, lambda p: list_keys[p.code]),
    }
    return result


def _tally(projects: list[ProjectSubmission], keys) -> list[Tally]:
    """One tally per group; `keys(project)` gives the (sort key, label) of each group the project is in."""
    tallies: dict[tuple, Tally] = {}
    for project in projects:
        for key in keys(project):
            tallies.setdefault(key, Tally(key[1])).add(project)
    return [tallies[key] for key in sorted(tallies)]


def _counties(paths: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Each region path → the code and name of its county-level region (区/县/市); none above a county."""
    paths = set(paths)
    codes = {code for path in paths for code in path.strip("/").split("/")}
    names = dict(Region.objects.filter(code__in=codes, level=Region.Level.COUNTY).values_list("code", "name"))
    found = {}
    for path in paths:
        county = next((code for code in path.strip("/").split("/") if code in names), None)
        if county:
            found[path] = (county, names[county])
    return found


def _platform_labels(paths: Iterable[str]) -> dict[str, str]:
    """Each platform path → its name with its parents' ("衢州智造新城 · 高新片区")."""
    paths = set(paths)
    codes = {code for path in paths for code in path.strip("/").split("/")}
    names = dict(Platform.objects.filter(code__in=codes).values_list("code", "name"))
    return {path: " · ".join(names.get(code, code) for code in path.strip("/").split("/")) for path in paths}
