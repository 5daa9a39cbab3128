"""`guatu funds …`: the article's figures from the command line, under a user's scope with --as, and
the sheets in and out."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from guatu.funds.models import FundInvestment
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def funds(*args) -> str:
    out = StringIO()
    call_command("funds", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_the_summary_json_has_the_articles_figures():
    data = json.loads(funds("summary", "--year", "2024", "--json"))
    assert (data["year"], data["through_month"], data["start"], data["end"]) == (2024, 12, "2024-01-01", "2024-12-31")
    assert data["cluster_size_yi"] == "845.00"  # 基金集群规模已达845亿元
    assert data["cluster_growth_yi"] == "115.00"  # 基金集群扩容115亿元
    assert data["new_investment_yi"] == "87.00"  # 新增投资87亿元
    assert data["leveraged_yi"] == "312.40" and float(data["leveraged_yi"]) > 300  # 撬动各类资本超300亿元
    assert data["flagship_share_pct"] == "85.0"  # 投向六大标志性主导产业达投资总量的85%
    xcl = next(f for f in data["funds"] if f["name"] == "省高端新材料基金")
    assert (xcl["committed_yi"], xcl["province_wan"], xcl["progress_committed_pct"]) == ("50.00", "150000.00", "92.0")
    assert (xcl["local_pct"], xcl["high_tech_pct"], xcl["private_pct"]) == ("100.0", "100.0", "100.0")


def test_the_figures_are_the_same_through_november_and_for_the_city():
    data = json.loads(funds("summary", "--year", "2024", "--through", "11", "--region", "衢州市", "--json"))
    assert (data["cluster_size_yi"], data["new_investment_yi"], data["scope"]) == ("845.00", "87.00", ["衢州市"])


def test_as_a_user_the_summary_is_what_they_may_see(outsider):
    data = json.loads(funds("summary", "--year", "2024", "--as", "outsider", "--json"))
    assert (data["cluster_size_yi"], data["new_investment_yi"]) == ("40.00", "3.00")  # 江山市's fund only
    with pytest.raises(CommandError, match="nobody"):
        funds("summary", "--year", "2024", "--as", "nobody")


def test_a_bad_scope_or_month_is_named():
    with pytest.raises(CommandError, match="火星"):
        funds("summary", "--year", "2024", "--region", "火星")
    with pytest.raises(CommandError, match="month"):
        funds("summary", "--year", "2024", "--through", "13")


def test_the_readable_summary_is_in_yi():
    text = funds("summary", "--year", "2024")
    assert "845.00" in text and "87.00" in text and "85.0%" in text


def test_warnings_json():
    data = json.loads(funds("warnings", "--as-of", "2024-11-30", "--json"))
    assert {(w["fund"], w["rule"]) for w in data["warnings"]} == {("CS-ZB", "not_set_up"), ("KH-CY", "idle")}


def test_export_then_import_changes_nothing(tmp_path):
    for kind in ("funds", "fund-commitments", "fund-investments"):
        path = tmp_path / f"{kind}.xlsx"
        funds("export", kind, "--out", str(path))
        result = json.loads(funds("import", str(path), "--kind", kind, "--json"))
        assert result["errors"] == [] and result["created"] == result["updated"] == 0, kind
        assert result["unchanged"] == result["rows"] > 0


def test_a_template_filled_in_is_imported_with_the_importer_as_the_recorded_user(tmp_path, officer):
    path = tmp_path / "t.xlsx"
    funds("template", "fund-investments", "--out", str(path))
    book = load_workbook(path)
    sheet = book.active
    header = [c.value for c in sheet[2]]
    row = {
        "基金代码": "KC-CY",
        "被投企业": "衢州新测试科技有限公司",
        "投资金额(万元)": 1234.5,
        "投资日期": "2024-10-01",
        "行业": "氟硅新材料",
        "被投企业所在地区": "330802",
        "民营企业": "是",
        "高新技术": "否",
        "合投金额(万元)": 100,
    }
    sheet.append([row.get(h) for h in header])
    book.save(path)
    preview = json.loads(funds("import", str(path), "--kind", "fund-investments", "--dry-run", "--json"))
    assert (preview["created"], preview["committed"]) == (1, False)
    assert not FundInvestment.objects.filter(investee="衢州新测试科技有限公司").exists()
    funds("import", str(path), "--kind", "fund-investments", "--as", "officer")
    made = FundInvestment.objects.get(investee="衢州新测试科技有限公司")
    assert (str(made.amount), made.is_local, made.is_private, made.is_high_tech) == ("1234.50", True, True, False)
    assert records_of(made)[0].username == "officer"


def test_an_import_outside_the_users_scope_writes_nothing(tmp_path, outsider):
    path = tmp_path / "x.csv"
    path.write_text(
        "基金代码,被投企业,投资金额(亿元),投资日期,行业\nKC-CY,越界企业,1.5,2024-10-01,氟硅新材料\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="nothing was written"):
        funds("import", str(path), "--kind", "fund-investments", "--as", "outsider")
    assert not FundInvestment.objects.filter(investee="越界企业").exists()
    funds("import", str(path), "--kind", "fund-investments")  # the system may; 1.5亿元 is 15,000万元
    assert str(FundInvestment.objects.get(investee="越界企业").amount) == "15000.00"


def test_bad_rows_are_named_and_nothing_is_written(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "基金代码,被投企业,投资金额,投资日期,行业,本地\n"
        "KC-CY,好企业,100,2024-10-01,氟硅新材料,\n"
        "KC-CY,坏企业,-5,2024-10-01,氟硅新材料,\n"
        "NOPE,某企业,100,2024-10-01,氟硅新材料,\n"
        "KC-CY,假本地,100,2024-10-01,氟硅新材料,是\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError):
        funds("import", str(path), "--kind", "fund-investments")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("funds", "import", str(path), "--kind", "fund-investments", "--json", stdout=out)
    errors = {(e["row"], e["column"]) for e in json.loads(out.getvalue())["errors"]}
    assert errors == {(3, "投资金额"), (4, "基金代码"), (5, "被投企业所在地区")}
    assert not FundInvestment.objects.filter(investee="好企业").exists()
