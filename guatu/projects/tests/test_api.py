import pytest
from rest_framework.test import APIClient

from guatu.accounts.tokens import issue_token
from guatu.projects.models import MonthlyReport
from guatu.test import make_project, records_of

pytestmark = pytest.mark.django_db


def february(project, **overrides) -> dict:
    """A valid February report for a project that reported YTD 10 in January."""
    return {
        "project": project.pk, "year": 2025, "month": 2, "invest_month": "5", "invest_ytd": "15",
        "invest_cumulative": "15", "progress_pct": "5", "stage": "construction", **overrides,
    }  # fmt: skip


def post_report(client, payload):
    return client.post("/api/v1/monthly-reports/", payload, content_type="application/json")


def test_the_api_needs_a_login(client):
    for path in ("/api/v1/projects/", "/api/v1/progress/?year=2024&through=11", "/api/schema/"):
        assert client.get(path).status_code in (401, 403), path


def test_projects_filter_by_platform_subtree_and_list(demo_client):
    from guatu.core.models import Platform
    from guatu.projects.models import ProjectList

    platform = Platform.objects.get(code="ZZXC")
    lst = ProjectList.objects.get(code="QXWY")
    response = demo_client.get("/api/v1/projects/", {"platform": platform.pk, "list": lst.pk, "year": 2024})
    assert response.status_code == 200
    assert response.json()["count"] == 12
    first = response.json()["results"][0]
    assert first["total_investment"].count(".") == 1  # money as decimal strings


def test_monthly_reports_filter_by_project_code(demo_client):
    project = make_project("A1", plan="100", ytd_by_month={1: "10", 2: "20"}, year=2025)
    response = demo_client.get("/api/v1/monthly-reports/", {"project": project.code, "year": 2025})
    assert [r["invest_ytd"] for r in response.json()["results"]] == ["10.00", "20.00"]


def test_the_api_applies_the_same_report_rules_as_the_form(demo_client):
    project = make_project("A1", plan="100", ytd_by_month={1: "10", 2: "20"}, year=2025)
    response = post_report(demo_client, february(project, month=3, invest_month="1"))  # YTD 15 < February's 20
    assert response.status_code == 400
    assert "invest_ytd" in response.json()
    assert not MonthlyReport.objects.filter(project=project, month=3).exists()


def test_the_api_saves_a_good_report(demo_client):
    project = make_project("A1", plan="100", ytd_by_month={1: "10"}, year=2025)
    response = post_report(demo_client, february(project))
    assert response.status_code == 201, response.json()
    report = MonthlyReport.objects.get(project=project, month=2)
    assert report.status == "draft" and response.json()["status"] == "draft"
    assert records_of(report)[0].username == "demo"


def test_progress_rejects_an_unknown_scope_with_its_name(demo_client):
    response = demo_client.get("/api/v1/progress/", {"year": 2024, "through": 11, "region": "火星市"})
    assert response.status_code == 400
    assert "火星市" in str(response.json())


def test_progress_rejects_a_bad_month(demo_client):
    response = demo_client.get("/api/v1/progress/", {"year": 2024, "through": 13})
    assert response.status_code == 400 and "through" in response.json()


def test_the_openapi_schema_lists_every_endpoint(demo_client):
    response = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/projects/", "/api/v1/lists/", "/api/v1/annual-plans/", "/api/v1/monthly-reports/",
        "/api/v1/progress/",
    ):  # fmt: skip
        assert path in paths
    assert response.json()["openapi"].startswith("3.")


def test_a_reader_reads_but_may_not_write(reader_client):
    project = make_project("A1", plan="100", ytd_by_month={1: "10"}, year=2025)
    assert reader_client.get("/api/v1/projects/A1/").json()["code"] == "A1"
    assert reader_client.get("/api/v1/progress/", {"year": 2024, "through": 11}).status_code == 200
    assert post_report(reader_client, february(project)).status_code == 403
    assert reader_client.delete("/api/v1/projects/A1/", HTTP_IF_MATCH='"1"').status_code == 403
    assert MonthlyReport.objects.filter(project=project).count() == 1


def test_an_officer_files_through_the_api_with_an_api_token(officer):
    project = make_project("A1", plan="100", ytd_by_month={1: "10"}, year=2025)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Token " + issue_token(officer))
    response = api.post("/api/v1/monthly-reports/", february(project), format="json")
    assert response.status_code == 201, response.content
    assert records_of(MonthlyReport.objects.get(project=project, month=2))[0].user == officer
