"""The demo carries what the article says — the 2024-11-07 conference, the 龙游 headquarters brought in
with 4000万元 of provincial, city and county money, 鹏辉能源 and UTG among the 百亿级项目, the 25亿元
central-enterprise project — and the illustrative 2024 pipeline, the same through the CLI and the API."""

import io
import json

import pytest
from django.core.management import call_command

from guatu.attraction.models import Lead
from guatu.audit.context import acting

pytestmark = pytest.mark.django_db

SIGNED_2024 = {
    "count": 16,
    "amount_wan": "980000.00",
    "target_count": 20,
    "target_amount_wan": "800000.00",
    "count_pct": "80.0",
    "amount_pct": "122.5",
}
STAGES_2024_11_30 = {
    "lead": 3,
    "screening": 1,
    "negotiating": 3,
    "signed": 9,
    "registered": 4,
    "land": 3,
    "started": 2,
    "completed": 0,
    "producing": 1,
    "reached": 0,
    "suspended": 1,
    "exited": 1,
}
RATES_2024 = {"performance_pct": "37.5", "landing_pct": "25.0", "start_pct": "6.3", "production_pct": "0.0"}


def cli(*args: str) -> dict:
    out = io.StringIO()
    call_command("attraction", "summary", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_the_cli_gives_the_2024_stage_counts_signings_and_rates():
    data = cli("--year", "2024")
    assert (data["year"], data["through_month"], data["as_of"]) == (2024, 12, "2024-12-31")
    assert data["stages"] == STAGES_2024_11_30
    assert data["signed"] == SIGNED_2024
    assert data["bands"] == {"over_100m": 15, "over_1b": 3, "over_10b": 0}
    assert data["reached"] == {"registered": 6, "land": 4, "started": 1, "producing": 0}
    assert data["rates"] == RATES_2024
    assert (data["funds_in_place_wan"], data["in_place_pct"], data["fit_pct"]) == ("113000.00", "11.5", "96.6")
    assert data["ownership"] == {"top_leader": 14, "leader": 2} and data["below_threshold"] == 1
    assert [f["count"] for f in data["funnel"]] == [23, 20, 18, 15, 5, 3, 0, 0, 0, 0]


def test_the_2024_conference_grouped_eight_signings():
    events = cli("--year", "2024", "--through", "11")["events"]
    assert [(e["name"], e["on"], e["count"], e["amount_wan"]) for e in events] == [
        ("2024年产业资本招商大会", "2024-11-07", 8, "555000.00")
    ]
    assert cli("--year", "2024", "--through", "10")["events"] == []


def test_the_longyou_headquarters_came_with_4000_of_provincial_city_and_county_money():
    lead = Lead.objects.get(name="安徽富锂锰基项目(龙理新能源)总部迁址龙游")
    assert (lead.fund_investment, lead.fund_note, lead.source, lead.region.code) == (
        4000,
        "省市县三级联动",
        "fund",
        "330825",
    )
    assert lead.chain.name == "新能源" and "高比能固态电池" in lead.description and "陆俊" in lead.description
    longyou = cli("--year", "2024", "--region", "龙游县", "--source", "fund")
    assert longyou["fund_backed"] == {"count": 1, "fund_investment_wan": "4000.00"}
    assert [row["code"] for row in longyou["leads"]] == ["ZS2024-002"]


def test_penghui_and_utg_are_the_ten_billion_projects_brought_in_and_landed():
    giants = cli("--year", "2024")["cumulative"]["over_10b_leads"]
    assert [(g["short_name"], g["counted_wan"], g["landed"]) for g in giants] == [
        ("UTG", "1000000.00", True),
        ("鹏辉能源", "1000000.00", True),
    ]
    assert {g["project"] for g in giants} == set(
        Lead.objects.filter(short_name__in=["UTG", "鹏辉能源"]).values_list("project__code", flat=True)
    )


def test_the_central_enterprise_project_is_a_2024_signing_already_in_the_ledger():
    lead = Lead.objects.select_related("project").get(code="ZS2024-001")
    assert (lead.planned_investment, lead.source, lead.project.name, lead.project.lead) == (
        250000,
        "institute",
        "年产15万吨高端无机精细化学品项目",
        lead,
    )


def test_the_home_platform_meets_its_target_in_amount():
    data = cli("--year", "2024", "--through", "11", "--platform", "衢州智造新城")
    assert data["signed"] == {
        "count": 6,
        "amount_wan": "487000.00",
        "target_count": 8,
        "target_amount_wan": "400000.00",
        "count_pct": "75.0",
        "amount_pct": "121.8",
    }
    assert data["rates"] == {
        "performance_pct": "66.7",
        "landing_pct": "50.0",
        "start_pct": "16.7",
        "production_pct": "0.0",
    }


def test_the_api_gives_the_same_figures_as_the_cli(demo_client):
    body = demo_client.get("/api/v1/attraction/summary/", {"year": 2024, "by": "region"}).json()
    assert body["signed"] == SIGNED_2024 and body["rates"] == RATES_2024 and body["stages"] == STAGES_2024_11_30
    assert [(r["label"], r["signed"]["count"], r["signed"]["amount_wan"]) for r in body["rows"]] == [
        ("柯城区", 5, "340000.00"),
        ("衢江区", 4, "215000.00"),
        ("常山县", 2, "140000.00"),
        ("开化县", 1, "150000.00"),
        ("龙游县", 2, "60000.00"),
        ("江山市", 2, "75000.00"),
    ]


def test_a_second_load_changes_nothing():
    from guatu.demo import attraction

    with acting(None, name="guatu demo"):
        result = attraction.load()
    assert all(r.created == r.updated == 0 for r in result.values()), result
