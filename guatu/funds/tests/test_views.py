"""The funds pages: the article's sentence and figures, a drill-down from each figure to rows that sum to it,
the forms under the same rules, and nothing outside the user's scope."""

import re
from decimal import Decimal as D

import pytest

from guatu.funds.models import Fund, FundInvestment

pytestmark = pytest.mark.django_db

SENTENCE = (
    "今年以来，衢州市产业基金新增投资87亿元，撬动各类资本超300亿元；基金集群扩容115亿元，基金集群规模已达845亿元。"
)


def page(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200, url
    return response.content.decode()


def drill(html: str, figure: str) -> str:
    return re.search(rf'data-figure="{figure}" href="([^"]+)"', html).group(1).replace("&amp;", "&")


def total(html: str, element: str) -> D:
    return D(re.search(rf'id="{element}">([^<]+)<', html).group(1).replace(",", ""))


def test_the_overview_opens_on_the_city_with_the_articles_sentence(demo_client):
    html = page(demo_client, "/funds/")
    assert SENTENCE in html
    assert "省高端新材料基金规模50亿元，其中浙江省产业基金出资15亿元，投资进度超90%" in html
    assert "投向标志性主导产业达投资总量的85.0%" in html
    assert 'id="funds-chart-data"' in html and "<script>" not in html  # data by json_script, code in static files


def test_every_figure_drills_down_to_rows_that_sum_to_it(demo_client):
    html = page(demo_client, "/funds/")
    assert total(page(demo_client, drill(html, "new_investment")), "total-amount") == D("870000.00")
    assert total(page(demo_client, drill(html, "cluster_size")), "total-committed") == D("8450000.00")
    assert total(page(demo_client, drill(html, "cluster_growth")), "total-committed") == D("1150000.00")
    assert total(page(demo_client, drill(html, "flagship_share")), "total-amount") == D("3289500.00")
    assert total(page(demo_client, drill(html, "progress")), "total-amount") == D("3870000.00")


def test_a_users_pages_hold_only_their_scope(client, outsider):
    client.force_login(outsider)
    html = page(client, "/funds/")
    assert "江山市产业投资基金" in html and "省高端新材料基金" not in html
    assert client.get("/funds/fund/ZJ-GDXCL/").status_code == 404
    assert "省高端新材料基金" not in page(client, "/funds/investments/")
    assert client.get("/funds/fund/ZJ-GDXCL/investments/new/").status_code == 404


def test_the_fund_page_shows_its_lps_progress_and_checks(demo_client):
    html = page(demo_client, "/funds/fund/ZJ-GDXCL/", {"as_of": "2024-11-30"})
    assert "浙江省产业基金" in html and "92.0%" in html and html.count("100.0%") >= 3
    parent = page(demo_client, "/funds/fund/QZ-YD/", {"as_of": "2024-11-30"})
    assert "衢州市新能源产业基金" in parent  # its sub-funds


def test_the_fund_list_filters_by_level(demo_client):
    html = page(demo_client, "/funds/list/", {"level": "county", "as_of": "2024-11-30"})
    codes = set(re.findall(r'data-fund="([^"]+)"', html))
    assert codes == {"KC-CY", "QJ-CY", "LY-CY", "JS-CY", "CS-CY", "KH-CY", "CS-ZB"}


def test_an_officer_adds_an_investment_with_the_form(client, officer):
    from guatu.core.models import Industry, Region

    client.force_login(officer)
    data = {
        "investee": "表单企业",
        "amount": "88",
        "invested_on": "2024-10-20",
        "industry": Industry.objects.get(code="XNY").pk,
        "region": Region.objects.get(code="330802").pk,
        "is_local": "on",
        "co_investment": "0",
        "investee_financing": "0",
    }
    response = client.post("/funds/fund/KC-CY/investments/new/", data)
    assert response.status_code == 302
    assert FundInvestment.objects.get(investee="表单企业").amount == D(88)
    data["invested_on"] = "2019-01-01"
    data["investee"] = "早于设立"
    html = client.post("/funds/fund/KC-CY/investments/new/", data).content.decode()
    assert 'data-field="invested_on"' in html and "尚未设立" in html


def test_an_edit_over_someone_elses_change_is_refused(client, officer):
    client.force_login(officer)
    row = FundInvestment.objects.filter(fund__code="KC-CY").first()
    url = f"/funds/fund/KC-CY/investments/{row.pk}/"
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(seen_version=row.version, amount="1", is_local="on", is_private="on", is_high_tech="on")
    row.note = "别人改了"
    row.save()
    html = client.post(url, data).content.decode()
    assert "version" in html.lower() or "版本" in html
    row.refresh_from_db()
    assert row.amount != D(1)


def test_a_leader_reads_but_cannot_open_the_editor(reader_client):
    assert reader_client.get("/funds/fund/ZJ-GDXCL/").status_code == 200
    assert reader_client.get("/funds/fund/ZJ-GDXCL/edit/").status_code == 403
    assert reader_client.get("/funds/new/").status_code == 403


def test_a_fund_is_created_with_the_form(demo_client):
    from guatu.core.models import Industry, Region

    response = demo_client.post(
        "/funds/new/",
        {
            "code": "WEB-1",
            "name": "网页基金",
            "level": "county",
            "kind": "industry",
            "structure": "direct",
            "region": Region.objects.get(code="330825").pk,
            "set_up_on": "2024-05-01",
            "focus_industries": [Industry.objects.get(code="TZZ").pk],
        },
    )
    assert response.status_code == 302
    assert [i.code for i in Fund.objects.get(code="WEB-1").focus_industries.all()] == ["TZZ"]


def test_the_list_exports_what_it_shows(demo_client):
    from io import BytesIO

    from openpyxl import load_workbook

    response = demo_client.get("/funds/export/fund-investments.xlsx", {"fund": "ZJ-GDXCL"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=3, values_only=True))
    assert len(rows) == 6 and sum(D(str(r[4])) for r in rows) == D(460000)  # 代码, 企业, 项目, 线索, 金额


def test_english_is_one_click_away(demo_client):
    from django.utils import translation

    with translation.override("zh-hans"):  # the request switches this thread's language: put it back after
        demo_client.post("/i18n/setlang/", {"language": "en"})
        html = page(demo_client, "/funds/")
    assert "Since the start of the year, 衢州市 industrial funds made new investments of 87 100M yuan" in html
