"""Upload → preview → confirm in the browser-facing pages, the API, and the export buttons."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from guatu.projects.models import AnnualPlan, Project
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def plans_csv(code: str, amount: str = "1234.5") -> SimpleUploadedFile:
    text = f"项目代码,年份,年度计划投资(万元),年内开工,年内投产\n{code},2026,{amount},是,否\n"
    return SimpleUploadedFile("计划.csv", text.encode("utf-8"), content_type="text/csv")


def test_upload_runs_a_job_that_previews_then_confirm_commits(demo_client):
    code = Project.objects.first().code
    page = demo_client.post("/imports/", {"file": plans_csv(code)}, follow=True)
    job = page.context["job"]
    assert (job.status, job.kind, job.preview["created"], job.preview["errors"]) == ("previewed", "plans", 1, [])
    assert page.context["may_commit"] and "confirm-import" in page.content.decode()
    status = demo_client.get(f"/imports/jobs/{job.token}/status/").json()
    assert (status["status"], status["rows_read"], status["created"]) == ("previewed", 1, 1)
    assert not AnnualPlan.objects.filter(project__code=code, year=2026).exists()
    done = demo_client.post(f"/imports/jobs/{job.token}/commit/", follow=True)
    assert done.context["job"].status == "committed" and 'id="committed"' in done.content.decode()
    plan = AnnualPlan.objects.get(project__code=code, year=2026)
    assert plan.planned_investment == 1234.5
    record = records_of(plan)[-1]
    assert record.username == "demo" and record.reason == "import 计划.csv"


def test_a_reader_sees_the_preview_but_cannot_commit(reader_client):
    code = Project.objects.first().code
    page = reader_client.post("/imports/", {"file": plans_csv(code)}, follow=True)
    assert page.context["may_commit"] is False
    token = page.context["job"].token
    assert reader_client.post(f"/imports/jobs/{token}/commit/").status_code == 403


def test_someone_elses_job_is_not_found(reader_client, demo_user):
    from guatu.exchange.models import ImportJob

    job = ImportJob.objects.create(token="0" * 32, file_name="x.csv", requested_by=demo_user)
    assert reader_client.get(f"/imports/jobs/{job.token}/").status_code == 404


def test_a_broken_file_fails_the_job_with_the_reason(demo_client):
    bad = SimpleUploadedFile("坏.xlsx", b"not a zip")
    page = demo_client.post("/imports/", {"file": bad}, follow=True)
    job = page.context["job"]
    assert job.status == "failed" and "坏.xlsx" in job.error


def test_the_api_queues_a_job_answers_202_and_the_job_previews_then_commits(demo_client):
    code = Project.objects.first().code
    accepted = demo_client.post("/api/v1/imports/", {"file": plans_csv(code, "99")})
    assert accepted.status_code == 202 and accepted["Location"] == accepted.json()["url"]
    job = demo_client.get(accepted.json()["url"]).json()  # the test queue runs jobs at once
    assert (job["status"], job["preview"]["created"], job["preview"]["can_commit"]) == ("previewed", 1, True)
    assert not AnnualPlan.objects.filter(project__code=code, year=2026).exists()
    committed = demo_client.post(job["commit_url"])
    assert committed.status_code == 202 and demo_client.get(job["url"]).json()["status"] == "committed"
    assert AnnualPlan.objects.get(project__code=code, year=2026).planned_investment == 99
    again = demo_client.post(job["commit_url"])
    assert again.status_code == 409 and again.json()["detail"] == "该文件已导入。"


def test_the_api_commits_in_one_call_and_refuses_a_commit_with_nothing_to_change(demo_client):
    code = Project.objects.first().code
    job = demo_client.post("/api/v1/imports/", {"file": plans_csv(code, "77"), "commit": "true"}).json()
    assert demo_client.get(job["url"]).json()["status"] == "committed"
    assert AnnualPlan.objects.get(project__code=code, year=2026).planned_investment == 77
    same = demo_client.get(demo_client.post("/api/v1/imports/", {"file": plans_csv(code, "77")}).json()["url"]).json()
    assert (same["status"], same["preview"]["unchanged"], same["preview"]["can_commit"]) == ("previewed", 1, False)
    refused = demo_client.post(same["commit_url"])
    assert refused.status_code == 409 and refused.json()["detail"] == "无需导入：每一行都与已存数据相同。"


def test_the_api_reports_row_errors_in_the_job(demo_client):
    job = demo_client.post("/api/v1/imports/", {"file": plans_csv("NO-SUCH", "1"), "commit": "true"}).json()
    job = demo_client.get(job["url"]).json()
    assert job["status"] == "previewed" and not job["preview"]["committed"]
    error = job["preview"]["errors"][0]
    assert error == {"sheet": "计划", "row": 2, "column": "项目代码", "reason": "没有代码为“NO-SUCH”的项目"}


def test_the_api_refuses_a_non_sheet(demo_client):
    bad = SimpleUploadedFile("x.txt", b"hello")
    assert demo_client.post("/api/v1/imports/", {"file": bad}).status_code == 400


def test_export_buttons_download_filtered_sheets(demo_client):
    from guatu.core.models import Platform

    platform = Platform.objects.get(code="ZZXC").pk
    response = demo_client.get("/exports/projects.xlsx", {"platform": platform})
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 + 125  # title, header, 衢州智造新城's projects
    api = demo_client.get("/api/v1/exports/progress/", {"filetype": "csv", "year": 2024, "through": 11,
                                                         "platform": "衢州智造新城"})  # fmt: skip
    assert "142.3" in api.content.decode("utf-8-sig")
    template = demo_client.get("/templates/reports.xlsx")
    assert load_workbook(io.BytesIO(template.content))["填报"]["A1"].value == "重点项目月报填报表"
