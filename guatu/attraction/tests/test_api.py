"""The API: leads under the access rule, transitions and conversion with their documented statuses,
the talks log, and the figures and reminders — the CLI's numbers."""

import pytest
from django.test import Client

from guatu.attraction.models import Lead
from guatu.attraction.tests.conftest import new_lead, signed_lead
from guatu.core.models import Industry, Region
from guatu.test import records_of, sample_platform

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_user_lists_only_the_leads_in_their_scope(outsider, reader):
    codes = [row["code"] for row in client_for(outsider).get("/api/v1/leads/", {"page_size": 500}).json()["results"]]
    assert codes == ["ZS2024-007", "ZS2024-012", "ZS2024-022"]  # 江山市's
    assert client_for(reader).get("/api/v1/leads/").json()["count"] == 28
    assert client_for(outsider).get("/api/v1/leads/ZS2024-002/").status_code == 404


def test_a_lead_reads_with_its_counted_amount_flags_and_next_stages(demo_client):
    response = demo_client.get("/api/v1/leads/ZS2024-014/")
    body = response.json()
    assert response["ETag"] == f'"{body["version"]}"'
    assert (body["counted_investment"], body["intensity"], body["tax_per_mu"]) == ("35000.00", "350.00", "20.00")
    assert [(f["rule"], f["value"], f["minimum"]) for f in body["threshold_flags"]] == [("tax", "20.00", "30.00")]
    assert body["next_stages"] == ["started", "suspended", "exited"] and body["stage"] == "land"
    increase = demo_client.get("/api/v1/leads/ZS2024-007/").json()
    assert (increase["planned_investment"], increase["counted_investment"]) == ("130000.00", "50000.00")


def test_an_officer_adds_a_lead_in_their_county_and_not_outside_it(officer_client):
    body = {
        "code": "T-API1",
        "name": "接口测试项目",
        "investor": "测试公司",
        "origin": "in_province",
        "industry": Industry.objects.get(code="XNY").pk,
        "region": Region.objects.get(code="330802").pk,
        "platform": sample_platform().pk,
        "source": "business",
        "planned_investment": "12000",
        "leader_name": "柯城区委主要领导",
        "received_on": "2024-11-01",
        "stage": "signed",
    }
    response = officer_client.post("/api/v1/leads/", body, content_type="application/json")
    assert response.status_code == 201, response.json()
    lead = Lead.objects.get(code="T-API1")
    assert (lead.stage, lead.stage_on, lead.signed_on) == ("lead", lead.received_on, None)  # stage is read-only
    assert records_of(lead)[0].username == "officer"
    outside = {**body, "code": "T-API2", "region": Region.objects.get(code="330881").pk, "platform": None}
    assert officer_client.post("/api/v1/leads/", outside, content_type="application/json").status_code in (400, 403)
    assert not Lead.objects.filter(code="T-API2").exists()


def test_an_edit_needs_the_version_read(officer_client):
    new_lead("T-API3")
    assert (
        officer_client.patch("/api/v1/leads/T-API3/", {"team": "专班"}, content_type="application/json").status_code
        == 428
    )
    ok = officer_client.patch("/api/v1/leads/T-API3/", {"team": "专班", "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["team"] == "专班"
    stale = officer_client.patch("/api/v1/leads/T-API3/", {"team": "X", "version": 1}, content_type="application/json")
    assert stale.status_code == 409


def test_a_transition_moves_the_lead_and_a_forbidden_one_is_400(officer_client, reader):
    new_lead("T-API4")
    moved = officer_client.post(
        "/api/v1/leads/T-API4/transition/", {"to": "screening", "on": "2024-01-15"}, content_type="application/json"
    )
    assert moved.status_code == 200 and (moved.json()["stage"], moved.json()["stage_on"]) == ("screening", "2024-01-15")
    bad = officer_client.post("/api/v1/leads/T-API4/transition/", {"to": "signed"}, content_type="application/json")
    assert bad.status_code == 400 and "可转到：在谈、中止、退出" in bad.json()["to"][0]
    assert (
        client_for(reader)
        .post("/api/v1/leads/T-API4/transition/", {"to": "negotiating"}, content_type="application/json")
        .status_code
        == 403
    )


def test_conversion_answers_201_then_409_naming_the_project(officer_client):
    signed_lead("T-API5")
    first = officer_client.post("/api/v1/leads/T-API5/convert/", {}, content_type="application/json")
    assert first.status_code == 201 and first.json() == {
        "lead": "T-API5",
        "project": "T-API5",
        "name": "测试线索T-API5",
        "total_investment": "20000.00",
    }
    again = officer_client.post("/api/v1/leads/T-API5/convert/", {"code": "T-API5B"}, content_type="application/json")
    assert again.status_code == 409 and again.json()["project"] == "T-API5" and "T-API5" in again.json()["detail"]
    assert officer_client.get("/api/v1/leads/T-API5/").json()["project_code"] == "T-API5"


def test_the_talks_log_lists_and_adds(officer_client, outsider):
    new_lead("T-API6")
    added = officer_client.post(
        "/api/v1/leads/T-API6/talks/",
        {"on": "2024-02-01", "kind": "visit", "summary": "实地考察"},
        content_type="application/json",
    )
    assert added.status_code == 201, added.json()
    assert [t["summary"] for t in officer_client.get("/api/v1/leads/T-API6/talks/").json()] == ["实地考察"]
    assert (
        client_for(outsider)
        .post("/api/v1/leads/T-API6/talks/", {"on": "2024-02-02", "summary": "x"}, content_type="application/json")
        .status_code
        == 404
    )


def test_reminders_as_of_the_demos_latest_month(demo_client, outsider):
    body = demo_client.get("/api/v1/attraction/reminders/").json()
    assert body["as_of"] == "2024-11-30"
    assert [(r["lead"], r["rule"], r["level"], r["days_late"]) for r in body["reminders"]] == [
        ("ZS2024-014", "exit_review", "red", 31),
        ("ZS2024-019", "report", "yellow", 22),
        ("ZS2024-018", "screen", "yellow", 7),
        ("ZS2024-017", "respond", "yellow", 1),
    ]
    assert client_for(outsider).get("/api/v1/attraction/reminders/", {"as_of": "2024-11-30"}).json()["reminders"] == []


def test_a_bad_filter_is_a_400_naming_it(demo_client):
    response = demo_client.get("/api/v1/attraction/summary/", {"year": 2024, "region": "火星"})
    assert response.status_code == 400 and "火星" in response.json()["scope"][0]


def test_the_schema_documents_the_attraction_endpoints(demo_client):
    paths = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in (
        "/api/v1/leads/",
        "/api/v1/leads/{code}/transition/",
        "/api/v1/leads/{code}/convert/",
        "/api/v1/leads/{code}/talks/",
        "/api/v1/attraction/summary/",
        "/api/v1/attraction/reminders/",
        "/api/v1/signing-events/",
        "/api/v1/admission-thresholds/",
    ):
        assert path in paths, path
    convert = paths["/api/v1/leads/{code}/convert/"]["post"]["responses"]
    assert {"201", "400", "403", "404", "409"} <= set(convert)
