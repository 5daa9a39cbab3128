"""The demo's 2024 calendar: January–November closed, December open with early reports."""

from __future__ import annotations

import datetime as dt

import pytest

from guatu.audit.models import ChangeRecord
from guatu.demo.quzhou import load
from guatu.projects.models import MonthlyReport
from guatu.projects.scope import Scope
from guatu.reporting.models import ReportingMonth
from guatu.reporting.status import submission_status

pytestmark = pytest.mark.django_db


def test_january_to_november_are_closed_and_their_reports_locked():
    closed = ReportingMonth.objects.closed().filter(year=2024)
    assert sorted(closed.values_list("month", flat=True)) == list(range(1, 12))
    assert all(m.closed_by.username == "demo" and m.closed_at for m in closed)
    assert set(MonthlyReport.objects.filter(year=2024, month__lte=11).values_list("status", flat=True)) == {"locked"}


def test_december_is_open_until_the_fifth_of_january():
    december = ReportingMonth.objects.get(year=2024, month=12)
    assert (december.state, december.deadline) == ("open", dt.date(2025, 1, 5))


def test_the_december_reporting_status_of_the_city():
    status = submission_status(Scope(), 2024, 12, today=dt.date(2025, 1, 3))
    o = status.overall
    assert (o.expected, o.reported, o.approved, o.submitted, o.returned, o.draft, o.no_report) == (
        216, 54, 9, 45, 1, 2, 159)  # fmt: skip
    assert o.overdue == 0 and str(round(o.rate, 1)) == "25.0"
    by_county = {t.label: (t.expected, t.reported, t.approved) for t in status.groups["county"]}
    assert by_county == {"柯城区": (81, 15, 3), "衢江区": (73, 15, 2), "常山县": (17, 1, 0), "开化县": (14, 4, 1),
                         "龙游县": (16, 4, 0), "江山市": (15, 15, 3)}  # fmt: skip
    assert submission_status(Scope(), 2024, 12, today=dt.date(2025, 1, 6)).overall.overdue == 162


def test_november_is_fully_reported():
    o = submission_status(Scope(), 2024, 11).overall
    assert (o.expected, o.reported, o.approved, o.overdue, o.as_json()["rate_pct"]) == (216, 216, 216, 0, "100.0")


def test_loading_twice_changes_nothing_in_the_calendar_or_the_reports():
    before = ChangeRecord.objects.count()
    results = load()
    assert (
        results["reporting_months"].unchanged == 12 and results["december_reports"].unchanged == 57
    )  # 54 reported, 2 drafts, 1 returned
    assert all(r.created == 0 and r.updated == 0 for r in results.values())
    assert ChangeRecord.objects.count() == before
