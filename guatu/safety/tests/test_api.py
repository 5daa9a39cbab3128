"""The API: scoped lists, the transition, computed classes, versions, the summary and the schema."""

import pytest

from guatu.core.models import Region
from guatu.safety.models import Accident, Hazard
from guatu.safety.tests.factories import hazard

pytestmark = pytest.mark.django_db


def test_lists_are_restricted_to_the_users_scope(client, outsider):
    client.force_login(outsider)
    codes = {row["code"] for row in client.get("/api/v1/safety/hazards/").json()["results"]}
    assert codes == {"YH-2024-014"}
    assert {r["code"] for r in client.get("/api/v1/safety/accidents/").json()["results"]} == {"SG-2024-002"}
    major = Hazard.objects.get(code="YH-2024-007")
    assert client.get(f"/api/v1/safety/hazards/{major.pk}/").status_code == 404


def test_the_overdue_filter_judges_on_the_given_day(demo_client):
    rows = demo_client.get("/api/v1/safety/hazards/", {"overdue": "true", "as_of": "2024-11-30", "grade": "major"})
    assert [r["code"] for r in rows.json()["results"]] == ["YH-2024-007"]


def test_the_transition_moves_round_the_loop_and_refuses_a_forbidden_move(officer_client):
    h = hazard("YH-API1")
    url = f"/api/v1/safety/hazards/{h.pk}/transition/"
    assert officer_client.post(url, {"to": "closed"}).status_code == 400
    body = officer_client.post(url, {"to": "verified", "note": "当场整改", "on": "2024-06-03"}).json()
    assert (body["status"], body["verified_on"], body["verified_by"]) == ("verified", "2024-06-03", "officer")


def test_a_reader_may_read_but_not_move_or_add(reader_client):
    h = hazard("YH-API2")
    assert reader_client.get(f"/api/v1/safety/hazards/{h.pk}/").status_code == 200
    assert reader_client.post(f"/api/v1/safety/hazards/{h.pk}/transition/", {"to": "rectifying"}).status_code == 403
    assert reader_client.post("/api/v1/safety/accidents/", {"code": "SG-X"}).status_code == 403


def test_an_accident_posted_through_the_api_is_classed_and_its_class_is_not_writable(officer_client):
    response = officer_client.post(
        "/api/v1/safety/accidents/",
        {
            "code": "SG-API1",
            "occurred_on": "2024-05-01",
            "firm": "某企业",
            "region": Region.objects.get(code="330802").pk,
            "description": "中毒窒息",
            "deaths": 0,
            "serious_injuries": 10,
            "direct_loss": "0",
            "accident_class": "general",
        },
    )
    assert response.status_code == 201 and response.json()["accident_class"] == "larger"


def test_an_outsider_cannot_post_into_another_county(client, outsider):
    client.force_login(outsider)
    response = client.post(
        "/api/v1/safety/accidents/",
        {
            "code": "SG-API2",
            "occurred_on": "2024-05-01",
            "firm": "某企业",
            "region": Region.objects.get(code="330802").pk,
            "description": "x",
        },
    )
    assert response.status_code in (400, 403) and not Accident.objects.filter(code="SG-API2").exists()


def test_edits_need_the_version(officer_client):
    h = hazard("YH-API3")
    url = f"/api/v1/safety/hazards/{h.pk}/"
    assert officer_client.patch(url, {"owner": "丙"}, content_type="application/json").status_code == 428
    assert (
        officer_client.patch(url, {"owner": "丙"}, content_type="application/json", HTTP_IF_MATCH='"9"').status_code
        == 412
    )
    ok = officer_client.patch(url, {"owner": "丙"}, content_type="application/json", HTTP_IF_MATCH=f'"{h.version}"')
    assert ok.status_code == 200 and ok.json()["owner"] == "丙"
    assert (
        officer_client.patch(
            url, {"status": "closed"}, content_type="application/json", HTTP_IF_MATCH=f'"{h.version + 1}"'
        ).json()["status"]
        == "found"
    )


def test_the_summary_endpoint_gives_the_cli_figures(demo_client):
    body = demo_client.get("/api/v1/safety/summary/", {"year": 2024}).json()
    assert (body["through_month"], body["as_of"], body["on_course"]) == (11, "2024-11-30", True)
    city = body["city"]
    assert city["hazards"]["overdue"] == {"general": 1, "major": 1}
    assert (city["award"]["streak"], city["award"]["this_year_would_be"], city["full_house"]) == (18, 19, None)
    assert demo_client.get("/api/v1/safety/summary/", {"year": 2024, "region": "nowhere"}).status_code == 400


def test_the_schema_lists_the_safety_endpoints_and_their_statuses(demo_client):
    paths = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in (
        "/api/v1/safety/inspections/",
        "/api/v1/safety/hazards/{id}/transition/",
        "/api/v1/safety/accidents/",
        "/api/v1/safety/awards/",
        "/api/v1/safety/summary/",
    ):
        assert path in paths
    assert set(paths["/api/v1/safety/hazards/{id}/"]["patch"]["responses"]) >= {
        "200",
        "400",
        "403",
        "409",
        "412",
        "428",
    }
