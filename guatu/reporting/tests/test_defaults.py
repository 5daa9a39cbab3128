"""The month pages open on (issue 8 §4): the latest closed month, never one early report."""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone
from docx import Document

from guatu.core.periods import Period
from guatu.projects.models import MonthlyReport, Project
from guatu.reporting.defaults import default_as_of, default_period, latest_reported_month, status_month
from guatu.reporting.models import ReportingMonth, ReportingPolicy

pytestmark = pytest.mark.django_db


def file_december(projects) -> None:
    """December reports (submitted) carrying November's figures forward, for projects without one."""
    for project in projects:
        nov = MonthlyReport.objects.get(project=project, year=2024, month=11)
        MonthlyReport.objects.get_or_create(
            project=project, year=2024, month=12,
            defaults={"invest_month": Decimal(0), "invest_ytd": nov.invest_ytd,
                      "invest_cumulative": nov.invest_cumulative, "progress_pct": nov.progress_pct,
                      "stage": nov.stage, "status": "submitted"},
        )  # fmt: skip
    MonthlyReport.objects.filter(project__in=projects, year=2024, month=12).exclude(status="locked").update(
        status="submitted"
    )


def one_more_december_report() -> Project:
    project = Project.objects.filter(platform__code="ZZXC-GX").exclude(reports__year=2024, reports__month=12).first()
    file_december([project])
    return project


def test_one_early_december_report_does_not_turn_the_pages_to_december(demo_client):
    """Found: one project filing December turned the cockpit, briefing, warnings and indicator board to
    1至12月 (序时进度 100%, laggards 43 → 53, red warnings 17 → 36, every indicator —)."""
    one_more_december_report()

    cockpit = demo_client.get("/")
    report = cockpit.context["report"]
    assert (report.period.year, report.period.month) == (2024, 11)
    assert str(report.rows[0].elapsed.quantize(Decimal("0.1"))) == "91.7"
    assert len(report.overall.lagging) == 43
    assert "2024年1至11月" in cockpit.content.decode()

    assert demo_client.get("/projects/").context["period"] == Period(2024, 11)

    briefing = Document(io.BytesIO(demo_client.get("/briefing.docx").content))
    assert briefing.paragraphs[3].text == "衢州智造新城重点项目建设简报（2024年1至11月）"  # after the masthead

    warnings = demo_client.get("/warnings/").context
    # 18 red since 安全生产: the overdue 重大 hazard on 星辰能源's site turns that project red too.
    assert warnings["as_of"] == dt.date(2024, 11, 30) and warnings["totals"]["red"] == 18

    assert demo_client.get("/battle-map/").context["map"].as_of == dt.date(2024, 11, 30)

    board = demo_client.get("/indicators/")
    assert (board.context["year"], board.context["month"]) == (2024, 11)

    out = io.StringIO()
    call_command("warnings", "--platform", "ZZXC", "--json", stdout=out)
    assert json.loads(out.getvalue())["as_of"] == "2024-11-30"


def test_the_briefing_command_defaults_to_the_latest_closed_month(tmp_path):
    one_more_december_report()
    out = tmp_path / "b.docx"
    call_command("briefing", "--platform", "ZZXC", "--out", str(out), "--no-chart", stdout=io.StringIO())
    assert "2024年1至11月" in Document(str(out)).paragraphs[3].text  # the title, after the masthead


def test_the_latest_closed_month_wins_even_when_later_months_are_fully_reported():
    file_december(Project.objects.filter(annual_plans__year=2024))
    assert latest_reported_month() == Period(2024, 12)
    assert default_period() == Period(2024, 11)
    assert default_as_of() == dt.date(2024, 11, 30)


def test_closing_a_later_month_moves_the_default_to_it():
    ReportingMonth.objects.for_month(2024, 12).update(state="closed")
    assert default_period() == Period(2024, 12)


def test_before_any_close_the_default_is_the_latest_month_the_share_has_reported():
    ReportingMonth.objects.all().delete()
    expected = Project.objects.filter(annual_plans__year=2024)
    total = expected.count()
    december = MonthlyReport.objects.reported().filter(year=2024, month=12).count()
    assert december * 100 < 80 * total  # the demo's early December: 54 of 216
    assert default_period() == Period(2024, 11)

    # 80% of the expected projects report December: now December is the reported month.
    needed = -(-80 * total // 100)
    missing = expected.exclude(reports__year=2024, reports__month=12, reports__status__in=["submitted", "approved"])
    file_december(missing.order_by("code")[: needed - december])
    assert MonthlyReport.objects.reported().filter(year=2024, month=12).count() == needed
    assert default_period() == Period(2024, 12)

    # One short of the share is not enough.
    MonthlyReport.objects.filter(year=2024, month=12, status="submitted").order_by("pk").first().delete()
    assert default_period() == Period(2024, 11)


def test_drafts_and_returned_reports_do_not_count_towards_the_share():
    ReportingMonth.objects.all().delete()
    file_december(Project.objects.filter(annual_plans__year=2024))
    MonthlyReport.objects.filter(year=2024, month=12).update(status="draft")
    assert default_period() == Period(2024, 11)
    MonthlyReport.objects.filter(year=2024, month=12).update(status="returned")
    assert default_period() == Period(2024, 11)


def test_the_share_is_the_citys_policy():
    ReportingMonth.objects.all().delete()
    policy = ReportingPolicy.current()
    policy.reported_share_pct = Decimal(25)
    policy.save()
    assert default_period() == Period(2024, 12)  # 54 of 216 = 25.0% have filed December
    policy.reported_share_pct = Decimal("25.01")
    policy.save()
    assert default_period() == Period(2024, 11)


def test_with_no_calendar_and_no_report_the_default_is_the_current_month():
    ReportingMonth.objects.all().delete()
    MonthlyReport.objects.all().delete()
    assert default_period() == Period.containing(timezone.localdate())
    assert default_as_of() == timezone.localdate()


def test_a_user_who_sees_nothing_gets_the_calendar_month_or_the_current_one(reader):
    reader.is_active = False
    assert default_period(reader) == Period(2024, 11)  # the calendar is the city's
    ReportingMonth.objects.all().delete()
    assert default_period(reader) == Period.containing(timezone.localdate())


def test_the_status_page_opens_on_the_open_reporting_month():
    assert status_month() == Period(2024, 12)
    ReportingMonth.objects.for_month(2024, 12).delete()
    assert status_month() == Period(2024, 11)  # none open: the default month
