"""The monthly reporting workflow through the API and the pages: draft → submitted → approved or returned
with a reason → locked when the month closes; a locked report changes only by a correction with a reason,
a new revision whose old figures stay on record. A user outside the report's scope can do none of it."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.test import Client

from guatu.accounts.roles import Role
from guatu.projects.actions import lock_month_reports
from guatu.projects.choices import ReportStatus
from guatu.projects.models import MonthlyReport
from guatu.test import make_project, make_user, records_of

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def report():
    project = make_project("W1", plan="100", ytd_by_month={3: "40"}, year=2025)
    MonthlyReport.objects.filter(project=project).update(status=ReportStatus.DRAFT)
    return MonthlyReport.objects.get(project=project, month=3)


def api(client, report, step: str, **body):
    return client.post(f"/api/v1/monthly-reports/{report.pk}/{step}/", body, content_type="application/json")


def status_of(report) -> str:
    return MonthlyReport.objects.get(pk=report.pk).status


def test_a_reporter_submits_and_a_reviewer_in_scope_approves_through_the_api(report, officer, reviewer):
    assert api(client_for(officer), report, "submit").json()["status"] == ReportStatus.SUBMITTED
    answer = api(client_for(reviewer), report, "approve")
    assert answer.status_code == 200 and answer.json()["status"] == ReportStatus.APPROVED
    stored = MonthlyReport.objects.get(pk=report.pk)
    assert (stored.submitted_by, stored.reviewed_by) == ("officer", "reviewer")
    assert [r.username for r in records_of(stored)][-2:] == ["officer", "reviewer"]


def test_a_reporter_may_not_approve_their_own_report(report, officer):
    api(client_for(officer), report, "submit")
    assert api(client_for(officer), report, "approve").status_code == 403
    assert status_of(report) == ReportStatus.SUBMITTED


def test_a_return_needs_a_reason_and_the_reporter_sees_it(report, officer, reviewer):
    api(client_for(officer), report, "submit")
    assert api(client_for(reviewer), report, "return").status_code == 400
    assert api(client_for(reviewer), report, "return", reason="  ").status_code == 400
    answer = api(client_for(reviewer), report, "return", reason="3月数据与统计局不一致")
    assert answer.status_code == 200 and answer.json()["status"] == ReportStatus.RETURNED
    assert MonthlyReport.objects.get(pk=report.pk).return_reason == "3月数据与统计局不一致"
    assert api(client_for(officer), report, "submit").json()["status"] == ReportStatus.SUBMITTED


def test_a_step_out_of_order_is_refused_with_the_reason(report, reviewer):
    answer = api(client_for(reviewer), report, "approve")  # still a draft
    assert answer.status_code == 400 and "status" in answer.json()
    assert status_of(report) == ReportStatus.DRAFT


def test_outside_the_scope_no_step_is_possible_through_the_api(report, officer):
    far_reporter = make_user("far-reporter", Role.REPORTER, region="330881")
    far_reviewer = make_user("far-reviewer", Role.REVIEWER, region="330881")
    assert api(client_for(far_reporter), report, "submit").status_code == 404
    api(client_for(officer), report, "submit")
    for step in ("approve", "return"):
        assert api(client_for(far_reviewer), report, step, reason="x").status_code == 404
    assert status_of(report) == ReportStatus.SUBMITTED


def test_the_pages_submit_approve_and_refuse_an_outsider(report, officer, reviewer, outsider):
    url = f"/projects/{report.project.code}/reports/2025-03/"
    assert client_for(outsider).post(url + "submit/").status_code == 404
    client_for(officer).post(url + "submit/")
    assert status_of(report) == ReportStatus.SUBMITTED
    client_for(reviewer).post(url + "approve/")
    assert status_of(report) == ReportStatus.APPROVED


def test_a_locked_report_is_not_edited_but_corrected_with_a_reason_keeping_the_old_figure(report, officer, reviewer):
    api(client_for(officer), report, "submit")
    assert lock_month_reports(2025, 3, acting_user=reviewer) == 1
    assert status_of(report) == ReportStatus.LOCKED
    stored = MonthlyReport.objects.get(pk=report.pk)
    url = f"/api/v1/monthly-reports/{report.pk}/"
    patch = client_for(officer).patch(url, {"invest_ytd": "45"}, content_type="application/json",
                                      HTTP_IF_MATCH=f'"{stored.version}"')  # fmt: skip
    assert patch.status_code in (400, 403)
    assert MonthlyReport.objects.get(pk=report.pk).invest_ytd == D("40")
    assert api(client_for(reviewer), report, "correct", invest_ytd="45", invest_month="45").status_code == 400
    answer = api(client_for(reviewer), report, "correct", invest_ytd="45", invest_month="45",
                 invest_cumulative="45", reason="统计局核定数")  # fmt: skip
    assert answer.status_code == 200, answer.content
    stored = MonthlyReport.objects.get(pk=report.pk)
    assert (stored.invest_ytd, stored.revision, stored.status) == (D("45"), report.revision + 1, ReportStatus.LOCKED)
    last = records_of(stored)[-1]
    assert (
        last.reason == "统计局核定数" and last.before["invest_ytd"] == "40.00" and last.after["invest_ytd"] == "45.00"
    )


def test_a_reviewer_outside_the_scope_cannot_correct_a_locked_report(report, officer, reviewer):
    far_reviewer = make_user("far-reviewer", Role.REVIEWER, region="330881")
    api(client_for(officer), report, "submit")
    lock_month_reports(2025, 3, acting_user=reviewer)
    assert api(client_for(far_reviewer), report, "correct", invest_ytd="45", reason="x").status_code == 404
    assert MonthlyReport.objects.get(pk=report.pk).invest_ytd == D("40")
