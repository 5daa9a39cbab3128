"""报送情况 counted on a small ledger of its own (year 2023, platform TP, apart from the demo's 2024)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from guatu.core.models import Region
from guatu.core.periods import Period
from guatu.projects.models import MonthlyReport
from guatu.projects.scope import Scope
from guatu.reporting.actions import open_month
from guatu.reporting.status import submission_status
from guatu.test import make_project, sample_list, sample_platform

pytestmark = pytest.mark.django_db

YEAR, MONTH = 2023, 6
JUNE = {m: str(10 * m) for m in range(1, 7)}
MAY = {m: str(10 * m) for m in range(1, 6)}


@pytest.fixture
def ledger():
    """Six expected projects in three counties (one in a town), two lists; two projects not expected."""
    l1, l2 = sample_list("T1", "测试名单一"), sample_list("T2", "测试名单二")
    town = Region.objects.create(
        code="330802901", name="测试街道", level="town", parent=Region.objects.get(code="330802")
    )
    projects = {
        "A1": make_project("A1", year=YEAR, ytd_by_month=JUNE, lists=(l1,), region="330802"),
        "A2": make_project("A2", year=YEAR, ytd_by_month=JUNE, lists=(l1, l2), region=town.code),
        "A3": make_project("A3", year=YEAR, ytd_by_month=JUNE, lists=(l2,), region="330803"),
        "B1": make_project("B1", year=YEAR, ytd_by_month=JUNE, region="330803"),
        "B2": make_project("B2", year=YEAR, ytd_by_month=JUNE, region="330822"),
        "B3": make_project("B3", year=YEAR, ytd_by_month=MAY, region="330822"),
        "C": make_project("C", year=YEAR, ytd_by_month=JUNE, plan=None, region="330881"),  # no plan: not expected
        "D": make_project("D", year=YEAR - 1, ytd_by_month=JUNE, region="330802"),  # planned another year
    }
    statuses = {"A2": "submitted", "A3": "locked", "B1": "draft", "B2": "returned"}
    for code, status in statuses.items():
        MonthlyReport.objects.filter(project=projects[code], year=YEAR, month=MONTH).update(status=status)
    return projects


def status_of(today=dt.date(2023, 7, 6), scope=None, **kwargs):
    return submission_status(scope or Scope(platform=sample_platform()), YEAR, MONTH, today=today, **kwargs)


def counts(tally) -> tuple:
    j = tally.as_json()
    return tuple(j[k] for k in ("expected", "reported", "approved", "submitted", "returned", "draft", "no_report",
                                "not_reported", "overdue", "rate_pct"))  # fmt: skip


def test_only_projects_with_an_annual_plan_for_the_year_are_expected(ledger):
    status = status_of()
    assert sorted(p.code for p in status.projects) == ["A1", "A2", "A3", "B1", "B2", "B3"]


def test_reported_means_submitted_approved_or_locked(ledger):
    #                              exp rep appr subm ret draft none not overdue rate
    assert counts(status_of().overall) == (6, 3, 2, 1, 1, 1, 1, 3, 3, "50.0")


def test_nobody_is_overdue_until_the_deadline_has_passed(ledger):
    on_the_day = status_of(today=dt.date(2023, 7, 5))  # the policy's default deadline: the 5th of the next month
    assert on_the_day.deadline == dt.date(2023, 7, 5) and on_the_day.state is None
    assert on_the_day.overall.overdue == 0 and not on_the_day.past_deadline
    assert status_of(today=dt.date(2023, 7, 6)).overall.overdue == 3


def test_the_calendars_deadline_overrides_the_policys(ledger):
    open_month(YEAR, MONTH, acting_user=None, deadline=dt.date(2023, 7, 10))
    status = status_of(today=dt.date(2023, 7, 8))
    assert (status.deadline, status.state, status.overall.overdue) == (dt.date(2023, 7, 10), "open", 0)


def test_counts_per_county_put_a_town_under_its_county(ledger):
    by_county = {t.label: counts(t) for t in status_of().groups["county"]}
    assert list(by_county) == ["柯城区", "衢江区", "常山县"]  # by GB/T 2260 code
    assert by_county["柯城区"] == (2, 2, 1, 1, 0, 0, 0, 0, 0, "100.0")
    assert by_county["衢江区"] == (2, 1, 1, 0, 0, 1, 0, 1, 1, "50.0")
    assert by_county["常山县"] == (2, 0, 0, 0, 1, 0, 1, 2, 2, "0.0")


def test_a_project_on_two_lists_counts_on_each(ledger):
    by_list = {t.label: (t.expected, t.reported) for t in status_of().groups["list"]}
    assert by_list == {"测试名单一": (2, 2), "测试名单二": (2, 2), "(未列入名单)": (3, 0)}


def test_platform_and_department_groups(ledger):
    status = status_of()
    assert [(t.label, t.expected) for t in status.groups["platform"]] == [("测试园区", 6)]
    assert [(t.label, t.expected) for t in status.groups["department"]] == [("(无责任单位)", 6)]


def test_who_has_not_reported_lists_overdue_first_with_county_and_status(ledger):
    missing = [(p.code, p.county, p.status, p.overdue) for p in status_of().not_reported]
    assert missing == [("B2", "常山县", "returned", True), ("B3", "常山县", "none", True),
                       ("B1", "衢江区", "draft", True)]  # fmt: skip


def test_the_scope_narrows_the_count(ledger):
    status = status_of(scope=Scope(platform=sample_platform(), project_list=sample_list("T1")))
    assert counts(status.overall)[:2] == (2, 2)


def test_a_user_who_sees_nothing_gets_a_dash_not_a_zero_rate(ledger, reader):
    reader.is_active = False
    status = status_of(user=reader)
    assert status.overall.expected == 0 and status.overall.rate is None
    assert status.as_json()["overall"]["rate_pct"] is None


def test_the_rate_is_unrounded_and_shown_half_up(ledger):
    MonthlyReport.objects.filter(project=ledger["B1"], year=YEAR, month=MONTH).update(status="submitted")
    MonthlyReport.objects.filter(project=ledger["B2"], year=YEAR, month=MONTH).update(status="submitted")
    overall = status_of().overall  # 5 of 6
    assert overall.rate == Decimal(500) / Decimal(6)
    assert overall.as_json()["rate_pct"] == "83.3"


def test_the_json_names_the_month_the_deadline_and_every_grouping(ledger):
    data = status_of().as_json()
    assert (data["year"], data["month"], data["deadline"], data["past_deadline"]) == (2023, 6, "2023-07-05", True)
    assert set(data) >= {"by_county", "by_platform", "by_department", "by_list", "not_reported", "overall"}
    assert data["not_reported"][0]["county_code"] == "330822"


def test_a_constant_number_of_queries(ledger, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        status_of()


def test_the_period_is_validated():
    with pytest.raises(ValueError, match="month"):
        submission_status(Scope(), 2024, 13)
    assert Period(2024, 12)  # the demo's open month exists
