"""The API: the same figures as the CLI, the same rules as the forms, under the same access rule."""

import pytest

from guatu.funds.models import Fund, FundInvestment
from guatu.test import records_of

pytestmark = pytest.mark.django_db

INVESTMENT = {
    "investee": "接口测试企业",
    "amount": "300.00",
    "invested_on": "2024-10-01",
    "is_local": True,
    "is_private": True,
    "is_high_tech": True,
    "co_investment": "50",
    "investee_financing": "0",
}


def body(**overrides) -> dict:
    from guatu.core.models import Industry, Region

    return {
        **INVESTMENT,
        "fund": Fund.objects.get(code="KC-CY").pk,
        "industry": Industry.objects.get(code="FSXCL").pk,
        "region": Region.objects.get(code="330802").pk,
        **overrides,
    }


def test_the_summary_endpoint_has_the_articles_figures(reader_client):
    response = reader_client.get("/api/v1/funds/summary/", {"year": 2024})
    assert response.status_code == 200
    data = response.json()
    assert (
        data["cluster_size_yi"],
        data["cluster_growth_yi"],
        data["new_investment_yi"],
        data["leveraged_yi"],
        data["flagship_share_pct"],
    ) == ("845.00", "115.00", "87.00", "312.40", "85.0")
    xcl = next(f for f in data["funds"] if f["name"] == "省高端新材料基金")
    assert (xcl["committed_yi"], xcl["progress_committed_pct"], xcl["private_pct"]) == ("50.00", "92.0", "100.0")


def test_the_summary_is_scoped_to_the_user(client, outsider):
    client.force_login(outsider)
    data = client.get("/api/v1/funds/summary/", {"year": 2024}).json()
    assert (data["cluster_size_yi"], data["funds_in_cluster"]) == ("40.00", 1)


def test_the_summary_names_a_bad_scope(demo_client):
    response = demo_client.get("/api/v1/funds/summary/", {"year": 2024, "region": "火星"})
    assert response.status_code == 400 and "火星" in str(response.json())


def test_lists_and_details_show_only_what_the_user_may_see(client, outsider):
    client.force_login(outsider)
    assert [f["code"] for f in client.get("/api/v1/funds/").json()["results"]] == ["JS-CY"]
    assert client.get("/api/v1/funds/ZJ-GDXCL/").status_code == 404
    investments = client.get("/api/v1/fund-investments/").json()["results"]
    assert {i["fund_code"] for i in investments} == {"JS-CY"}


def test_an_officer_adds_an_investment_to_a_fund_in_scope_and_is_recorded(officer_client):
    response = officer_client.post("/api/v1/fund-investments/", body(), content_type="application/json")
    assert response.status_code == 201, response.json()
    made = FundInvestment.objects.get(investee="接口测试企业")
    assert records_of(made)[0].username == "officer"


def test_a_fund_outside_the_scope_cannot_be_named_and_a_leader_cannot_write(officer_client, client, reader):
    other = Fund.objects.get(code="ZJ-GDXCL").pk
    response = officer_client.post("/api/v1/fund-investments/", body(fund=other), content_type="application/json")
    assert response.status_code == 400 and "fund" in response.json()
    client.force_login(reader)
    assert client.post("/api/v1/fund-investments/", body(), content_type="application/json").status_code == 403


def test_the_api_applies_the_models_rules(officer_client):
    from guatu.core.models import Region

    response = officer_client.post(
        "/api/v1/fund-investments/", body(region=Region.objects.get(code="330881").pk), content_type="application/json"
    )
    assert response.status_code == 400 and "is_local" in response.json()


def test_a_change_needs_the_version_read(demo_client):
    row = FundInvestment.objects.filter(fund__code="KC-CY").first()
    url = f"/api/v1/fund-investments/{row.pk}/"
    etag = demo_client.get(url)["ETag"]
    assert demo_client.patch(url, {"note": "x"}, content_type="application/json").status_code == 428
    assert (
        demo_client.patch(url, {"note": "x"}, content_type="application/json", HTTP_IF_MATCH='"99"').status_code == 412
    )
    response = demo_client.patch(url, {"note": "改"}, content_type="application/json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200 and records_of(row)[-1].after["note"] == "改"


def test_a_fund_is_created_with_its_focus_industries(demo_client):
    from guatu.core.models import Industry, Region

    industries = list(Industry.objects.filter(code__in=["XNY", "TZZ"]).values_list("pk", flat=True))
    response = demo_client.post(
        "/api/v1/funds/",
        {
            "code": "API-1",
            "name": "接口基金",
            "level": "county",
            "region": Region.objects.get(code="330825").pk,
            "set_up_on": "2024-01-01",
            "focus_industries": industries,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert sorted(response.json()["focus_industries"]) == sorted(industries)
    bad = demo_client.post(
        "/api/v1/funds/",
        {
            "code": "API-2",
            "name": "坏",
            "level": "city",
            "set_up_on": "2024-01-01",
            "investment_end": "2023-01-01",
            "region": Region.objects.get(code="330825").pk,
        },
        content_type="application/json",
    )
    assert bad.status_code == 400 and "investment_end" in bad.json()


def test_warnings_endpoint(demo_client):
    data = demo_client.get("/api/v1/funds/warnings/", {"as_of": "2024-11-30"}).json()
    assert {w["rule"] for w in data["warnings"]} == {"not_set_up", "idle"}


def test_the_schema_documents_the_endpoints_and_their_statuses(demo_client):
    schema = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/funds/",
        "/api/v1/funds/summary/",
        "/api/v1/funds/warnings/",
        "/api/v1/funds/{code}/",
        "/api/v1/fund-commitments/",
        "/api/v1/fund-investments/{id}/",
    ):
        assert path in paths, path
    assert {"200", "400"} <= set(paths["/api/v1/funds/summary/"]["get"]["responses"])
    assert {"200", "400", "403", "404", "409", "412", "428"} <= set(
        paths["/api/v1/fund-investments/{id}/"]["patch"]["responses"]
    )
