"""The API: the same rules, the same access, the scorecard and ranking as the CLI gives them."""

from __future__ import annotations

import pytest

from guatu.innovation.models import PlatformOutput
from guatu.test import records_of

pytestmark = pytest.mark.django_db
API = "/api/v1/innovation/"


def test_the_scorecard_endpoint_gives_actual_target_score_total_and_grade(demo_client):
    data = demo_client.get(API + "scorecard/", {"platform": "衢州资源化工创新研究院", "year": 2024}).json()
    assert (data["total"], data["grade"], data["code"]) == ("104.31", "优秀", "QZ-ZYHG")
    talent = data["outputs"][0]
    assert (talent["measure"], talent["actual"], talent["target"], talent["score"], talent["gap"]) == (
        "talent", "148", "150", "19.73", "2")  # fmt: skip
    bonus = next(o for o in data["outputs"] if o["kind"] == "bonus")
    assert (bonus["actual"], bonus["years"], bonus["score"]) == ("12", [2023, 2024], "4.80")


def test_the_scorecard_of_a_platform_outside_ones_scope_is_not_found(client, outsider):
    client.force_login(outsider)
    response = client.get(API + "scorecard/", {"platform": "QZ-ZYHG", "year": 2024})
    assert response.status_code == 404
    assert client.get(API + "scorecard/", {"platform": "JS-ZNZB", "year": 2024}).json()["total"] == "64.68"


def test_the_scorecard_needs_a_year(demo_client):
    assert demo_client.get(API + "scorecard/", {"platform": "QZ-ZYHG"}).status_code == 400


def test_the_ranking_endpoint_groups_by_type(demo_client):
    data = demo_client.get(API + "ranking/", {"year": 2024, "platform_type": "产业创新研究院"}).json()
    assert [(r["code"], r["rank"], r["total"]) for r in data["groups"][0]["rows"]] == [
        ("QZ-ZYHG", 1, "104.31"), ("JS-ZNZB", 2, "64.68"), ("QZ-DLDC", 3, "63.83")]  # fmt: skip
    assert demo_client.get(API + "ranking/", {"year": 2024, "region": "火星"}).status_code == 400


def test_outputs_filter_by_platform_and_year_and_an_outsider_sees_none_of_anothers(demo_client, client, outsider):
    rows = demo_client.get(API + "outputs/", {"platform": "QZ-ZYHG"}).json()["results"]
    assert [(r["year"], r["talent"], r["papers"]) for r in rows] == [(2023, 121, 72), (2024, 148, 88)]
    from django.test import Client

    other = Client()
    other.force_login(outsider)
    assert other.get(API + "outputs/", {"platform": "QZ-ZYHG"}).json()["results"] == []
    row = PlatformOutput.objects.get(platform__code="QZ-ZYHG", year=2024)
    assert other.get(f"{API}outputs/{row.pk}/").status_code == 404


def test_a_reader_may_not_write(reader_client):
    response = reader_client.post(
        API + "outputs/", {"platform": "QZ-ZYHG", "year": 2022}, content_type="application/json"
    )
    assert response.status_code == 403


def test_an_officer_changes_outputs_with_the_version_they_read(client, officer):
    client.force_login(officer)
    row = PlatformOutput.objects.get(platform__code="QZ-ZYHG", year=2024)
    url = f"{API}outputs/{row.pk}/"
    etag = client.get(url)["ETag"]
    assert client.patch(url, {"talent": 150}, content_type="application/json").status_code == 428
    assert client.patch(url, {"talent": 150}, content_type="application/json", HTTP_IF_MATCH='"999"').status_code == 412
    response = client.patch(url, {"talent": 150}, content_type="application/json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and response.json()["talent"] == 150
    assert records_of(row)[-1].username == "officer"
    bad = client.patch(url, {"papers": -1, "version": response.json()["version"]}, content_type="application/json")
    assert bad.status_code == 400 and "papers" in bad.json()


def test_an_outsider_cannot_file_outputs_for_a_platform_outside_their_scope(client, outsider):
    client.force_login(outsider)
    response = client.post(API + "outputs/", {"platform": "QZ-ZYHG", "year": 2022, "talent": 1},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and "platform" in response.json()  # not a platform it may name
    assert not PlatformOutput.objects.filter(platform__code="QZ-ZYHG", year=2022).exists()


def test_the_api_refuses_an_output_before_the_founding(demo_client):
    response = demo_client.post(API + "outputs/", {"platform": "QZ-ZYHG", "year": 2022, "talent": 1},
                                content_type="application/json")  # fmt: skip
    assert response.status_code == 400 and "2023" in str(response.json()["year"])


def test_only_the_city_writes_schemes(client, officer, demo_client):
    scheme = demo_client.get(API + "schemes/", {"year": 2024}).json()["results"][0]
    assert {b["name"] for b in scheme["bands"]} == {"优秀", "良好", "合格", "不合格"}
    from django.test import Client

    other = Client()
    other.force_login(officer)
    assert other.get(API + "schemes/").status_code == 200  # everyone reads them
    response = other.patch(f"{API}schemes/{scheme['id']}/", {"bonus_cap": "20", "version": 1},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 403


def test_the_schema_lists_the_innovation_endpoints(demo_client):
    paths = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in ("platforms/", "outputs/", "schemes/", "scorecard/", "ranking/", "project-links/"):
        assert f"/api/v1/innovation/{path}" in paths, path
    patch = paths["/api/v1/innovation/outputs/{id}/"]["patch"]["responses"]
    assert {"200", "400", "403", "404", "409", "412", "428"} <= set(patch)
