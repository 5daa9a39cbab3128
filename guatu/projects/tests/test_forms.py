"""The monthly-report form: bad input is refused with field errors and writes nothing.

Reports are filed for 2025: the demo's 2024 months are closed (locked)."""

from decimal import Decimal as D

import pytest

from guatu.projects.choices import ReportStatus
from guatu.projects.models import MonthlyReport
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db


def post(client, project, **fields):
    data = {
        "year": 2025,
        "month": 5,
        "invest_month": "10",
        "invest_ytd": "60",
        "invest_cumulative": "560",
        "progress_pct": "40",
        "stage": "construction",
        "problems": "",
    }
    data.update(fields)
    return client.post(f"/projects/{project.code}/reports/new/", data)


def errors_of(response) -> dict:
    return {name: list(errs) for name, errs in response.context["form"].errors.items()}


@pytest.fixture
def project():
    return make_project("F1", plan="100", ytd_by_month={3: "40", 4: "50"}, year=2025)


def test_a_good_report_is_saved_and_redirects_to_the_project(officer_client, project):
    response = post(officer_client, project)
    assert response.status_code == 302 and response.url == f"/projects/{project.code}/"
    report = MonthlyReport.objects.get(project=project, year=2025, month=5)
    assert (report.invest_ytd, report.progress_pct) == (D(60), D(40))


@pytest.mark.parametrize(
    ("fields", "field", "words"),
    [
        ({"invest_ytd": "45"}, "invest_ytd", "50"),  # below April's 50
        ({"progress_pct": "101"}, "progress_pct", "100"),
        ({"progress_pct": "-1"}, "progress_pct", "0"),
        ({"year": 2099, "month": 1}, "month", "2099-01"),
        ({"month": 13}, "month", "12"),
        ({"invest_month": "-5"}, "invest_month", "0"),
        ({"invest_cumulative": "10"}, "invest_cumulative", ""),
        ({"invest_ytd": "abc"}, "invest_ytd", ""),
        ({"month": 4}, "month", ""),  # April is already reported
    ],
)
def test_bad_input_is_refused_with_a_field_error_and_nothing_is_written(officer_client, project, fields, field, words):
    before = MonthlyReport.objects.count()
    response = post(officer_client, project, **fields)
    assert response.status_code == 200
    errors = errors_of(response)
    assert field in errors, errors
    assert words in " ".join(errors[field])
    assert MonthlyReport.objects.count() == before


def test_ytd_may_not_exceed_a_later_months_ytd(officer_client, project):
    response = post(officer_client, project, month=2, invest_ytd="45", invest_month="5", invest_cumulative="500")
    assert "invest_ytd" in errors_of(response)


APRIL_EDIT = {
    "year": 2025,
    "month": 4,
    "invest_month": "12",
    "invest_ytd": "52",
    "invest_cumulative": "52",
    "progress_pct": "12",
    "stage": "construction",
    "problems": "用地待落实",
}


def test_editing_a_draft_records_who_and_old_to_new(officer_client, officer, project):
    april = MonthlyReport.objects.get(project=project, month=4)
    MonthlyReport.objects.filter(pk=april.pk).update(status=ReportStatus.DRAFT)
    april.refresh_from_db()
    response = officer_client.post(f"/projects/{project.code}/reports/2025-4/",
                                   {**APRIL_EDIT, "seen_version": april.version})  # fmt: skip
    assert response.status_code == 302
    record = records_of(april)[-1]
    assert record.user == officer and record.username == "officer"
    assert (record.before["invest_ytd"], record.after["invest_ytd"]) == ("50.00", "52.00")
    page = officer_client.get(f"/projects/{project.code}/").content.decode()
    assert "officer" in page and "50.00 → 52.00" in page


def test_an_approved_report_is_not_edited_by_the_form(officer_client, project):
    response = officer_client.post(f"/projects/{project.code}/reports/2025-4/", APRIL_EDIT)
    assert response.status_code == 302
    assert MonthlyReport.objects.get(project=project, month=4).invest_ytd == D(50)


def test_a_stale_form_is_refused_and_shows_what_was_saved_meanwhile(officer_client, project):
    april = MonthlyReport.objects.get(project=project, month=4)
    MonthlyReport.objects.filter(pk=april.pk).update(status=ReportStatus.DRAFT)  # version +1 on the way
    response = officer_client.post(f"/projects/{project.code}/reports/2025-4/",
                                   {**APRIL_EDIT, "seen_version": april.version})  # fmt: skip
    assert response.status_code == 200
    text = " ".join(response.context["form"].non_field_errors())
    assert "50.00" in text  # what is stored now
    assert MonthlyReport.objects.get(pk=april.pk).invest_ytd == D(50)


def test_the_form_needs_a_login(client, project):
    response = post(client, project)
    assert response.status_code == 302 and "/login/" in response.url
    assert not MonthlyReport.objects.filter(project=project, month=5).exists()


def test_a_reader_without_the_role_may_not_file(reader_client, project):
    response = post(reader_client, project)
    assert response.status_code == 403
    assert not MonthlyReport.objects.filter(project=project, month=5).exists()
    assert "填报月报" not in reader_client.get(f"/projects/{project.code}/").content.decode()
