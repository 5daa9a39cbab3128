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


def text_of(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_the_rank_text_names_a_city_without_a_figure_and_never_says_none():
    """Found: "现第None位", and missing units listed by their codes."""
    IndicatorValue.objects.filter(indicator__code="FAI", unit__code="330800", year=2024, month=11).delete()
    text = text_of("rank", "--indicator", "FAI", "--period", "2024-11", "--parent", "330000")
    assert "None" not in text and "330800" not in text
    assert "未参与排名（无数据）：衢州市" in text and "衢州市：目标保5争3拼1，本期无数据，未排名" in text


def test_the_drill_text_of_a_province_without_a_figure_never_says_none():
    """Found: "None 亿元" for a unit that publishes no figure."""
    text = text_of("drill", "--indicator", "FAI", "--unit", "浙江省", "--period", "2024-11")
    assert "None" not in text
    assert "浙江省：本期无本级数据" in text and "占比与拉动按下辖单位合计" in text
    county = text_of("drill", "--indicator", "FAI", "--unit", "柯城区", "--period", "2024-11")
    assert "None" not in county and "柯城区以下没有下级统计单位。" in county
    assert "注意：重点项目完成投资超过本级指标值" in county


def test_rank_by_level_and_zones_on_the_command_line():
    data = cli("rank", "--indicator", "FAI", "--period", "2024-11", "--parent", "330800", "--by", "level", "--zones")
    assert data["by"] == "level" and data["zones"] and len(data["rows"]) == 7
    assert data["rows"][0] == {**data["rows"][0], "unit": "ZZXC", "zone": True, "rank": 1}
    text = text_of("rank", "--indicator", "FAI", "--period", "2024-11", "--parent", "330800")
    assert "按增幅排名" in text and "功能区衢州智造新城与区县统计范围交叉" in text
    with pytest.raises(CommandError, match="size"):
        call_command("rank", "--indicator", "FAI", "--period", "2024-11", "--parent", "330800", "--by", "size")


def test_the_api_ranks_the_viewers_way(demo_client):
    query = {"indicator": "FAI", "parent": "330800", "period": "2024-11"}
    data = demo_client.get("/api/v1/rankings/", {**query, "by": "level", "zones": "true"}).json()
    assert data["by"] == "level" and [r["unit"] for r in data["rows"]][:1] == ["ZZXC"]
    plain = demo_client.get("/api/v1/rankings/", query).json()
    assert plain["by"] == "growth" and plain["zones_not_ranked"] == [{"unit": "ZZXC", "name": "衢州智造新城"}]
    assert demo_client.get("/api/v1/rankings/", {**query, "by": "size"}).status_code == 400


def test_the_rank_page_toggles_level_and_zones(demo_client):
    from guatu.indicators.models import Indicator, ReportingUnit

    query = {"period": "2024-11", "parent": ReportingUnit.objects.get(code="330800").pk,
             "indicator": Indicator.objects.get(code="FAI").pk}  # fmt: skip
    page = demo_client.get("/indicators/rank/", query)
    assert page.context["report"].ranking.by == "growth" and 'id="zones-left-out"' in page.content.decode()
    toggled = demo_client.get("/indicators/rank/", {**query, "by": "level", "zones": "1"})
    report = toggled.context["report"]
    assert report.ranking.by == "level" and report.ranking.ranked[0].entry.unit == "ZZXC"
    html = toggled.content.decode()
    assert 'data-by="level"' in html and 'class="toggle on" data-by="level"' in html
    assert 'name="by" value="level"' in html  # the form keeps the choice when applied again
    bad = demo_client.get("/indicators/rank/", {**query, "by": "size"})
    assert bad.status_code == 400 and "by" in bad.content.decode()
    assert demo_client.get("/indicators/rank/", {**query, "zones": "maybe"}).status_code == 400


def test_the_board_toggles_level(demo_client):
    response = demo_client.get("/indicators/", {"by": "level"})
    assert {row.by for row, _spark in response.context["rows"]} == {"level"}
    assert demo_client.get("/indicators/", {"by": "x"}).status_code == 400


def test_the_province_drill_page_has_shares_and_a_chart(demo_client):
    from guatu.indicators.models import ReportingUnit

    response = demo_client.get("/indicators/drill/", {"period": "2024-11",
                                                      "unit": ReportingUnit.objects.get(code="330000").pk})  # fmt: skip
    html = response.content.decode()
    assert '<td class="num">%</td>' not in html and 'id="shares-of-sum"' in html
    chart = response.context["chart"]
    assert len(chart["labels"]) == 11 and None not in chart["points"] and 'id="drill-chart-data"' in html
    assert chart["axis"] == "拉动增长（百分点）"
    assert "plotly-locale-zh-cn.js" in html and "drill.js" in html


def test_a_county_drill_page_says_why_it_has_no_table_and_flags_the_projects(demo_client):
    from guatu.indicators.models import ReportingUnit

    response = demo_client.get("/indicators/drill/", {"period": "2024-11",
                                                      "unit": ReportingUnit.objects.get(code="330802").pk})  # fmt: skip
    html = response.content.decode()
    assert 'id="children"' not in html and 'id="no-children"' in html and "柯城区以下没有下级统计单位" in html
    assert 'id="projects-over"' in html and "133.6%" in html
