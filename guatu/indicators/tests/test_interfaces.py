"""guatu rank / drill / import-indicators, the API and the pages."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guatu.indicators.models import IndicatorValue

pytestmark = pytest.mark.django_db


def cli(*args) -> dict:
    out = StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_rank_json_has_rows_band_and_gaps():
    data = cli("rank", "--indicator", "GDP", "--period", "2024-11", "--parent", "330000")
    assert data["period"] == "2024-09"  # GDP is quarterly: the latest quarter up to November
    assert len(data["rows"]) == 11 and {"unit", "value", "growth_pct", "rank"} <= set(data["rows"][0])
    target = data["targets"][0]
    assert target["unit"] == "330800" and target["target"] == [5, 3, 1]
    assert set(target["gaps"]) == {"keep", "strive", "fight"}


def test_drill_json_has_children_with_share_and_contribution():
    data = cli("drill", "--indicator", "FAI", "--unit", "衢州市", "--period", "2024-11")
    assert data["unit"]["code"] == "330800" and len(data["children"]) == 6
    assert {"value", "growth_pct", "share_pct", "contribution_points", "contribution_rate_pct"} <= set(
        data["children"][0]
    )
    assert data["projects"] and data["projects_share_pct"]


def test_unknown_names_are_clear_errors():
    with pytest.raises(CommandError, match="GDPX"):
        cli("rank", "--indicator", "GDPX", "--period", "2024-11", "--parent", "330000")
    with pytest.raises(CommandError, match="2024-1x"):
        cli("drill", "--indicator", "FAI", "--unit", "330800", "--period", "2024-1x")


def test_import_indicators_reports_rows_and_writes_nothing_on_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("unit,indicator,period,value\n330802,FAI,2030-01,1\n330802,FAI,2030-13,1\n", encoding="utf-8")
    before = IndicatorValue.objects.count()
    err = StringIO()
    with pytest.raises(CommandError, match="1 bad rows; nothing was written"):
        call_command("import-indicators", str(bad), stderr=err)
    assert "row 3, column period" in err.getvalue()
    assert IndicatorValue.objects.count() == before


def test_import_indicators_dry_run_json(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("unit,indicator,period,value,growth\n330802,FAI,2030-01,1,2\n", encoding="utf-8")
    data = cli("import-indicators", str(good), "--dry-run")
    assert (data["created"], data["dry_run"], data["errors"]) == (1, True, [])
    assert not IndicatorValue.objects.filter(year=2030).exists()


def test_the_api_ranks_and_drills(demo_client):
    ranking = demo_client.get("/api/v1/rankings/", {"indicator": "FAI", "parent": "330000", "period": "2024-11"})
    assert ranking.status_code == 200 and len(ranking.json()["rows"]) == 11
    drill = demo_client.get("/api/v1/drill/", {"indicator": "FAI", "unit": "330800", "period": "2024-11"})
    assert drill.status_code == 200 and len(drill.json()["children"]) == 6
    bad = demo_client.get("/api/v1/drill/", {"indicator": "FAI", "unit": "火星", "period": "2024-11"})
    assert bad.status_code == 400 and "火星" in str(bad.json())


def test_the_api_lists_values_with_filters(demo_client):
    from guatu.indicators.models import ReportingUnit

    quzhou = ReportingUnit.objects.get(code="330800").pk
    response = demo_client.get("/api/v1/indicator-values/", {"year": 2024, "month": 11, "unit": quzhou})
    codes = {row["indicator_code"] for row in response.json()["results"]}
    assert codes == {"IVA", "FAI", "IND_INV", "MFG_INV", "RETAIL", "FISCAL", "EXPORT"}  # monthly ones
    paths = demo_client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()["paths"]
    for path in (
        "/api/v1/indicators/",
        "/api/v1/indicator-values/",
        "/api/v1/rankings/",
        "/api/v1/drill/",
        "/api/v1/rank-targets/",
        "/api/v1/reporting-units/",
    ):
        assert path in paths


def test_the_board_opens_on_the_home_city(demo_client):
    response = demo_client.get("/indicators/")
    assert response.status_code == 200 and response.context["unit"].code == "330800"
    assert len(response.context["rows"]) == 9
    assert "保5争3拼1" in response.content.decode()


def test_the_drill_page_has_a_breadcrumb_and_clickable_children(demo_client):
    response = demo_client.get("/indicators/drill/", {"period": "2024-11"})
    page = response.content.decode()
    assert [u.name for u in response.context["crumbs"]] == ["浙江省", "衢州市"]
    assert "柯城区" in page and "/projects/2024-" in page


def test_the_rank_page_speaks_the_gap(demo_client):
    from guatu.indicators.models import Indicator, ReportingUnit

    province = ReportingUnit.objects.get(code="330000").pk
    fai = Indicator.objects.get(code="FAI").pk
    response = demo_client.get("/indicators/rank/", {"period": "2024-11", "parent": province, "indicator": fai})
    page = response.content.decode()
    assert len(response.context["report"].ranking.ranked) == 11
    assert "固定资产投资需再增长" in page and "方可升至第1位" in page
