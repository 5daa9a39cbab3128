"""The 报送情况 page, its export, the calendar page and the cockpit's 已报送 N / M, on the demo."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from guatu.core.models import Platform
from guatu.core.periods import Period
from guatu.projects.models import MonthlyReport
from guatu.reporting.defaults import default_period
from guatu.reporting.models import ReportingMonth, ReportingPolicy

pytestmark = pytest.mark.django_db


def test_the_page_needs_a_login(client):
    for path in ("/reporting/", "/reporting/calendar/", "/reporting/export.xlsx"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith("/login/"), path


def test_the_page_opens_on_the_open_month_and_the_home_platform(demo_client):
    response = demo_client.get("/reporting/")
    status = response.context["status"]
    assert status.period == Period(2024, 12) and status.scope.platform.name == "衢州智造新城"
    assert (status.overall.expected, status.overall.reported, status.overall.overdue) == (125, 26, 99)
    page = response.content.decode()
    assert "26 / 125" in page and "20.8%" in page and "2025-01-05" in page
    assert "各页面默认显示 2024年11月" in page  # what the other pages open on
    assert [t.label for t in status.groups["county"]] == ["柯城区", "衢江区"]


def test_the_page_shows_a_closed_month_for_the_whole_city(demo_client):
    response = demo_client.get("/reporting/", {"year": 2024, "month": 11})
    status = response.context["status"]
    assert (status.state, status.overall.expected, status.overall.reported, status.overall.approved) == (
        "closed", 216, 216, 216)  # fmt: skip
    assert "100.0%" in response.content.decode() and "已关闭" in response.content.decode()


def test_the_page_reports_a_bad_filter(demo_client):
    response = demo_client.get("/reporting/", {"year": 2024, "month": 13})
    assert response.status_code == 200 and "status" not in response.context and response.context["form"].errors


def test_the_cockpit_says_how_many_have_reported_and_links_to_the_page(demo_client):
    response = demo_client.get("/")
    page = response.content.decode()
    platform = Platform.objects.get(code="ZZXC")
    assert response.context["submission"].expected == 125
    assert "11月已报送 125 / 125" in page
    assert f'href="/reporting/?year=2024&month=11&platform={platform.pk}"' in page


def test_the_cockpit_counts_the_month_it_shows(demo_client):
    response = demo_client.get("/", {"year": 2024, "through": 12})  # a query string: the whole city
    assert "12月已报送 54 / 216" in response.content.decode()


def test_the_export_lists_every_expected_project_with_its_status(demo_client):
    response = demo_client.get("/reporting/export.xlsx", {"year": 2024, "month": 12})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "2024年12月报送情况 · 全部项目"
    assert "已报送 54 / 216" in rows[0][3]
    assert rows[1][:3] == ("项目代码", "项目名称", "业主单位") and rows[1][8] == "报送状态"
    assert len(rows) == 2 + 216
    assert sum(1 for r in rows[2:] if r[9] == "是") == 162  # 逾期未报


def test_the_export_by_county_as_csv(demo_client):
    response = demo_client.get("/reporting/export.csv", {"year": 2024, "month": 12, "by": "county"})
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["县(市、区)", "应报项目", "已报送"]
    assert rows[-1] == ["合计", "216", "54", "9", "45", "1", "2", "159", "162", "162", "25.0"]
    assert ["江山市", "15", "15", "3", "12", "0", "0", "0", "0", "0", "100.0"] in rows


def test_the_export_refuses_an_unknown_grouping(demo_client):
    assert demo_client.get("/reporting/export.csv", {"by": "galaxy"}).status_code == 400
    assert demo_client.get("/reporting/export.pdf").status_code == 404


def test_a_reader_sees_the_calendar_but_may_not_change_it(reader_client):
    page = reader_client.get("/reporting/calendar/").content.decode()
    assert "2024年11月" in page and "/close/" not in page and "/reopen/" not in page
    december = ReportingMonth.objects.get(year=2024, month=12)
    assert reader_client.post(f"/reporting/calendar/{december.pk}/close/").status_code == 403
    assert reader_client.post("/reporting/calendar/open/", {"year": 2025, "month": 1}).status_code == 403
    assert reader_client.post("/reporting/policy/", {"deadline_day": 9, "reported_share_pct": 50}).status_code == 403
    december.refresh_from_db()
    assert december.state == "open"


def test_an_administrator_closes_december_and_the_pages_move_to_it(demo_client):
    december = ReportingMonth.objects.get(year=2024, month=12)
    response = demo_client.post(f"/reporting/calendar/{december.pk}/close/", follow=True)
    assert "已关闭 2024-12，锁定月报 54 份。" in response.content.decode()
    assert MonthlyReport.objects.filter(year=2024, month=12, status="locked").count() == 54
    assert default_period() == Period(2024, 12)
    assert demo_client.get("/").context["period"] == Period(2024, 12)


def test_an_administrator_opens_the_next_month_and_reopens_with_a_reason(demo_client):
    response = demo_client.post("/reporting/calendar/open/", {"year": 2025, "month": 1, "deadline": ""}, follow=True)
    assert "已开启 2025-01，报送截止日 2025-02-05。" in response.content.decode()
    november = ReportingMonth.objects.get(year=2024, month=11)
    response = demo_client.post(f"/reporting/calendar/{november.pk}/reopen/", {"reason": ""}, follow=True)
    assert "请填写重新开启的原因" in response.content.decode()
    demo_client.post(f"/reporting/calendar/{november.pk}/reopen/", {"reason": "开化县补报"})
    november.refresh_from_db()
    assert november.state == "open" and november.reopen_reason == "开化县补报"
    assert default_period() == Period(2024, 10)  # the latest month still closed


def test_a_calendar_mistake_is_shown_not_raised(demo_client):
    response = demo_client.post("/reporting/calendar/open/", {"year": 2024, "month": 12}, follow=True)
    assert "2024-12 已在报送期中。" in response.content.decode()


def test_an_administrator_edits_the_policy(demo_client):
    demo_client.post("/reporting/policy/", {"deadline_day": 10, "reported_share_pct": "90"})
    policy = ReportingPolicy.current()
    assert (policy.deadline_day, str(policy.reported_share_pct)) == (10, "90.00")
    response = demo_client.post("/reporting/policy/", {"deadline_day": 31, "reported_share_pct": "90"}, follow=True)
    assert ReportingPolicy.current().deadline_day == 10 and "deadline_day" in response.content.decode()
