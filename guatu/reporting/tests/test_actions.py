"""Opening, closing and reopening a reporting month: the rules, the lock, who did it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from guatu.accounts.roles import Role
from guatu.projects.models import MonthlyReport
from guatu.reporting import actions
from guatu.reporting.actions import CalendarError, close_month, open_month, reopen_month
from guatu.reporting.models import ReportingMonth, ReportingPolicy
from guatu.reporting.permissions import can_manage_calendar
from guatu.test import make_project, make_user, records_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user(db):
    """A city administrator (the role that may close months)."""
    return make_user("cityadmin", Role.CITY_ADMIN)


@pytest.fixture
def june():
    """Four 2023 projects with June reports: approved, submitted, draft, returned."""
    statuses = ["approved", "submitted", "draft", "returned"]
    projects = [make_project(f"R{i}", year=2023, ytd_by_month={5: "10", 6: "20"}) for i in range(4)]
    for project, status in zip(projects, statuses, strict=True):
        MonthlyReport.objects.filter(project=project, year=2023, month=6).update(status=status)
    return projects


def statuses(projects, month=6) -> list[str]:
    return [MonthlyReport.objects.get(project=p, year=2023, month=month).status for p in projects]


def test_only_a_city_administrator_manages_the_calendar(admin_user, officer, reader):
    assert can_manage_calendar(admin_user) and can_manage_calendar(None)
    assert not can_manage_calendar(officer) and not can_manage_calendar(reader)
    with pytest.raises(PermissionDenied):
        open_month(2023, 6, acting_user=officer)
    assert not ReportingMonth.objects.for_month(2023, 6).exists()


def test_opening_takes_the_policys_deadline_and_records_who(admin_user):
    opened = open_month(2023, 6, acting_user=admin_user)
    assert opened.deadline == dt.date(2023, 7, 5) and opened.state == "open"
    assert opened.opened_by == admin_user and opened.opened_at is not None
    assert [r.user for r in records_of(opened)] == [admin_user]


def test_the_policys_deadline_day_applies_across_the_year_end():
    policy = ReportingPolicy.current()
    policy.deadline_day = 10
    policy.save()
    assert open_month(2023, 12, acting_user=None).deadline == dt.date(2024, 1, 10)


def test_a_month_is_opened_once_and_not_before_it_begins(admin_user):
    open_month(2023, 6, acting_user=admin_user)
    with pytest.raises(CalendarError, match="2023-06"):
        open_month(2023, 6, acting_user=admin_user)
    with pytest.raises(CalendarError):
        open_month(2100, 1, acting_user=admin_user)


def test_the_deadline_falls_after_the_months_end(admin_user):
    with pytest.raises(CalendarError, match="2023-06-30"):
        open_month(2023, 6, acting_user=admin_user, deadline=dt.date(2023, 6, 30))
    assert open_month(2023, 6, acting_user=admin_user, deadline=dt.date(2023, 7, 1)).deadline == dt.date(2023, 7, 1)


def test_closing_locks_the_reported_figures_and_records_who(admin_user, june):
    month = open_month(2023, 6, acting_user=admin_user)
    assert close_month(month, acting_user=admin_user) == 2
    assert statuses(june) == ["locked", "locked", "draft", "returned"]
    assert statuses(june, month=5) == ["approved"] * 4  # other months untouched
    month.refresh_from_db()
    assert month.state == "closed" and month.closed_by == admin_user and month.closed_at is not None
    latest = records_of(month)[-1]
    assert latest.user == admin_user and latest.reason == "closed; 2 reports locked"
    locked = records_of(MonthlyReport.objects.get(project_id=june[0].pk, month=6))[-1]
    assert locked.after["status"] == "locked" and locked.user == admin_user


def test_a_month_closes_once_and_only_after_it_has_ended(admin_user):
    month = open_month(2023, 6, acting_user=admin_user)
    with pytest.raises(CalendarError, match="2023-07-01"):
        close_month(month, acting_user=admin_user, today=dt.date(2023, 6, 30))
    close_month(month, acting_user=admin_user, today=dt.date(2023, 7, 1))
    with pytest.raises(CalendarError, match="已关闭"):
        close_month(month, acting_user=admin_user)


def test_closing_needs_an_administrator(officer, june):
    month = open_month(2023, 6, acting_user=None)
    with pytest.raises(PermissionDenied):
        close_month(month, acting_user=officer)
    assert statuses(june)[:2] == ["approved", "submitted"]


def test_closing_is_all_or_nothing(admin_user, june, monkeypatch):
    month = open_month(2023, 6, acting_user=admin_user)

    def lock_then_fail(year, month, *, acting_user):
        MonthlyReport.objects.filter(year=year, month=month).update(status="locked")
        raise RuntimeError("disk full")

    monkeypatch.setattr(actions, "lock_month_reports", lock_then_fail)
    with pytest.raises(RuntimeError):
        close_month(month, acting_user=admin_user)
    month.refresh_from_db()
    assert month.state == "open" and statuses(june) == ["approved", "submitted", "draft", "returned"]


def test_reopening_needs_a_reason_and_keeps_the_locked_reports_locked(admin_user, june):
    month = open_month(2023, 6, acting_user=admin_user)
    close_month(month, acting_user=admin_user)
    with pytest.raises(CalendarError):
        reopen_month(month, acting_user=admin_user, reason="  ")
    reopen_month(month, acting_user=admin_user, reason="龙游县补报")
    month.refresh_from_db()
    assert (month.state, month.closed_at, month.reopen_reason, month.reopened_by) == ("open", None, "龙游县补报",
                                                                                      admin_user)  # fmt: skip
    assert records_of(month)[-1].reason == "reopened: 龙游县补报"
    assert statuses(june) == ["locked", "locked", "draft", "returned"]

    # The late report comes in; closing again locks it too.
    MonthlyReport.objects.filter(project=june[2], year=2023, month=6).update(status="submitted")
    assert close_month(month, acting_user=admin_user) == 1
    assert statuses(june) == ["locked", "locked", "locked", "returned"]


def test_only_a_closed_month_reopens_and_only_by_an_administrator(admin_user, officer):
    month = open_month(2023, 6, acting_user=admin_user)
    with pytest.raises(CalendarError, match="未关闭"):
        reopen_month(month, acting_user=admin_user, reason="why")
    close_month(month, acting_user=admin_user)
    with pytest.raises(PermissionDenied):
        reopen_month(month, acting_user=officer, reason="why")
