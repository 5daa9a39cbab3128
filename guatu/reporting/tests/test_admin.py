"""The admin opens and closes months through the same actions; the state cannot be typed in."""

from __future__ import annotations

import pytest

from guatu.projects.models import MonthlyReport
from guatu.reporting.models import ReportingMonth, ReportingPolicy
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def test_adding_a_month_in_the_admin_opens_it(demo_client, demo_user):
    response = demo_client.post("/admin/reporting/reportingmonth/add/",
                                {"year": 2025, "month": 1, "deadline": "2025-02-07"})  # fmt: skip
    assert response.status_code == 302
    opened = ReportingMonth.objects.get(year=2025, month=1)
    assert (opened.state, str(opened.deadline), opened.opened_by) == ("open", "2025-02-07", demo_user)


def test_the_admin_refuses_a_month_not_begun_or_a_deadline_inside_the_month(demo_client):
    response = demo_client.post("/admin/reporting/reportingmonth/add/", {"year": 2100, "month": 1,
                                                                          "deadline": "2100-02-05"})  # fmt: skip
    assert response.status_code == 200 and "尚未开始" in response.content.decode()
    response = demo_client.post("/admin/reporting/reportingmonth/add/", {"year": 2025, "month": 1,
                                                                          "deadline": "2025-01-31"})  # fmt: skip
    assert response.status_code == 200 and "须晚于当月月末" in response.content.decode()
    assert not ReportingMonth.objects.filter(year__in=[2025, 2100]).exists()


def test_the_state_is_read_only_in_the_admin(demo_client):
    december = ReportingMonth.objects.get(year=2024, month=12)
    url = f"/admin/reporting/reportingmonth/{december.pk}/change/"
    page = demo_client.get(url).content.decode()
    assert 'name="deadline"' in page and 'name="state"' not in page and 'name="year"' not in page
    demo_client.post(url, {"deadline": "2025-01-08", "state": "closed"})
    december.refresh_from_db()
    assert (str(december.deadline), december.state) == ("2025-01-08", "open")
    assert records_of(december)[-1].username == "demo"


def test_the_close_action_locks_the_month(demo_client):
    december = ReportingMonth.objects.get(year=2024, month=12)
    november = ReportingMonth.objects.get(year=2024, month=11)
    response = demo_client.post("/admin/reporting/reportingmonth/", {
        "action": "close_selected", "_selected_action": [december.pk, november.pk]}, follow=True)  # fmt: skip
    page = response.content.decode()
    assert "2024-12: 54" in page and "2024-11" in page and "已关闭" in page  # November was closed already
    december.refresh_from_db()
    assert december.state == "closed"
    assert MonthlyReport.objects.filter(year=2024, month=12, status="locked").count() == 54


def test_the_policy_is_one_row_that_cannot_be_added_or_deleted(demo_client):
    assert ReportingPolicy.objects.count() == 1
    assert demo_client.get("/admin/reporting/reportingpolicy/add/").status_code == 403
    policy = ReportingPolicy.current()
    assert demo_client.get(f"/admin/reporting/reportingpolicy/{policy.pk}/delete/").status_code == 403
