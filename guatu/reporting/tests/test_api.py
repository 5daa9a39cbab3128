"""The reporting API: 报送情况 as the page and CLI count it; the calendar through the same actions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from guatu.reporting.models import ReportingMonth

pytestmark = pytest.mark.django_db


def test_the_status_endpoint_defaults_to_the_open_month(demo_client):
    data = demo_client.get("/api/v1/reporting/status/").json()
    assert (data["year"], data["month"], data["state"], data["deadline"]) == (2024, 12, "open", "2025-01-05")
    overall = data["overall"]
    assert (overall["expected"], overall["reported"], overall["approved"], overall["submitted"]) == (216, 54, 9, 45)
    assert (overall["returned"], overall["draft"], overall["no_report"], overall["overdue"]) == (1, 2, 159, 162)
    assert overall["rate_pct"] == "25.0"
    assert len(data["not_reported"]) == 162


def test_the_status_endpoint_takes_a_month_and_a_scope_by_name(demo_client):
    data = demo_client.get("/api/v1/reporting/status/", {"year": 2024, "month": 12, "region": "江山市"}).json()
    assert data["scope"] == ["江山市"] and data["overall"]["rate_pct"] == "100.0" and data["not_reported"] == []
    by_list = {row["label"]: row["expected"] for row in data["by_list"]}
    assert by_list["江山市重点项目"] == 15


def test_the_status_endpoint_refuses_bad_input(demo_client):
    assert demo_client.get("/api/v1/reporting/status/", {"year": 2024}).status_code == 400
    assert demo_client.get("/api/v1/reporting/status/", {"year": 2024, "month": 13}).status_code == 400
    response = demo_client.get("/api/v1/reporting/status/", {"platform": "火星园区"})
    assert response.status_code == 400 and "火星园区" in response.content.decode()


def test_the_api_needs_a_login(client):
    assert client.get("/api/v1/reporting/status/").status_code in (401, 403)
    assert client.get("/api/v1/reporting-months/").status_code in (401, 403)


def test_the_calendar_is_listed(reader_client):
    data = reader_client.get("/api/v1/reporting-months/", {"year": 2024}).json()
    assert data["count"] == 12
    first = data["results"][0]
    assert (first["year"], first["month"], first["state"]) == (2024, 12, "open")
    closed = data["results"][1]
    assert closed["state"] == "closed" and closed["closed_by"] == "demo"


def test_a_reader_may_not_change_the_calendar(reader_client, reader):
    december = ReportingMonth.objects.get(year=2024, month=12)
    assert reader_client.post(f"/api/v1/reporting-months/{december.pk}/close/").status_code == 403
    assert reader_client.post("/api/v1/reporting-months/", {"year": 2025, "month": 1}).status_code == 403
    # The add permission alone does not make a city administrator; the calendar's one rule decides.
    reader.user_permissions.add(Permission.objects.get(codename="add_reportingmonth"))
    assert reader_client.post("/api/v1/reporting-months/", {"year": 2025, "month": 1}).status_code == 403


def test_an_administrator_opens_closes_and_reopens_through_the_api(demo_client):
    response = demo_client.post(
        "/api/v1/reporting-months/", {"year": 2025, "month": 1}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["deadline"] == "2025-02-05"
    again = demo_client.post("/api/v1/reporting-months/", {"year": 2025, "month": 1}, content_type="application/json")
    assert again.status_code == 400 and "2025-01" in again.content.decode()

    december = ReportingMonth.objects.get(year=2024, month=12)
    closed = demo_client.post(f"/api/v1/reporting-months/{december.pk}/close/").json()
    assert closed["state"] == "closed" and closed["closed_by"] == "demo"
    assert demo_client.post(f"/api/v1/reporting-months/{december.pk}/close/").status_code == 400

    assert demo_client.post(f"/api/v1/reporting-months/{december.pk}/reopen/", {}).status_code == 400
    reopened = demo_client.post(f"/api/v1/reporting-months/{december.pk}/reopen/", {"reason": "常山县补报"}).json()
    assert reopened["state"] == "open" and reopened["reopen_reason"] == "常山县补报"


def test_the_schema_documents_the_reporting_endpoints(demo_client):
    schema = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    assert "/api/v1/reporting/status/" in paths
    assert {"/api/v1/reporting-months/", "/api/v1/reporting-months/{id}/close/",
            "/api/v1/reporting-months/{id}/reopen/"} <= set(paths)  # fmt: skip
    params = {p["name"] for p in paths["/api/v1/reporting/status/"]["get"]["parameters"]}
    assert {"year", "month", "region", "platform", "list", "industry", "department"} <= params
    assert "by_county" in schema["components"]["schemas"]["SubmissionStatus"]["properties"]
