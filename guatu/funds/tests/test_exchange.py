"""The fund sheets through the exchange registry: units in the header, codes or names, 是/否, and a column
the sheet does not carry left as it was."""

import pytest

from guatu.exchange import registry
from guatu.funds.models import Fund, FundCommitment, FundInvestment

pytestmark = pytest.mark.django_db


def test_csv_export_then_import_changes_nothing(tmp_path):
    path = tmp_path / "investments.csv"
    path.write_bytes(registry.export_kind("fund-investments", "csv", user=None))
    preview = registry.import_kind(path, "fund-investments", user=None, commit=True)
    assert (preview.errors, preview.created, preview.updated, preview.unchanged) == ([], 0, 0, 56)


def test_amounts_in_yi_are_stored_in_wan_and_funds_are_found_by_name(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "基金名称,出资人,出资人类别,认缴(亿元),认缴日期,实缴(亿元),实缴日期\n"
        "龙游县产业投资基金,龙游县财政局,县级政府,2.5,2024-09-01,1,2024-10-01\n",
        encoding="utf-8",
    )
    preview = registry.import_kind(path, "fund-commitments", user=None, commit=True)
    assert preview.errors == [], preview.errors
    row = FundCommitment.objects.get(fund__code="LY-CY", committed_on="2024-09-01")
    assert (str(row.committed), str(row.paid_in), row.lp_class) == ("25000.00", "10000.00", "gov_county")


def test_a_column_the_sheet_does_not_carry_is_left_alone(tmp_path):
    row = FundInvestment.objects.get(fund__code="JS-CY", invested_on="2024-05-15")
    path = tmp_path / "i.csv"
    path.write_text(
        f"基金代码,被投企业,投资日期,投资金额,行业\nJS-CY,{row.investee},2024-05-15,40000,现代服务业\n",
        encoding="utf-8",
    )
    preview = registry.import_kind(path, "fund-investments", user=None, commit=True)
    assert (preview.errors, preview.updated) == ([], 1)
    row.refresh_from_db()
    assert (str(row.amount), row.is_private, str(row.co_investment)) == ("40000.00", True, "20000.00")


def test_a_fund_sheet_names_the_parent_and_the_bad_choice(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(
        "基金代码,基金名称,层级,类型,架构,母基金,所属地区,设立日期\n"
        "NEW-1,新子基金,市级,产业基金,子基金,衢州市产业发展引导基金,衢州市,2024-08-01\n"
        "NEW-2,错误基金,乡级,产业基金,直投基金,,衢州市,2024-08-01\n",
        encoding="utf-8",
    )
    preview = registry.import_kind(path, "funds", user=None, commit=True)
    assert [(e["row"], e["column"]) for e in preview.errors] == [(3, "层级")]
    assert not Fund.objects.filter(code="NEW-1").exists()  # all or nothing
    path.write_text(
        path.read_text(encoding="utf-8").splitlines()[0]
        + "\n"
        + path.read_text(encoding="utf-8").splitlines()[1]
        + "\n",
        encoding="utf-8",
    )
    assert registry.import_kind(path, "funds", user=None, commit=True).committed
    assert Fund.objects.get(code="NEW-1").parent.code == "QZ-YD"


def test_templates_have_the_header_people_fill_in():
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(registry.template_kind("fund-commitments"))).active
    assert [c.value for c in sheet[2]][:5] == ["基金代码", "出资人", "出资人类别", "出资基金代码", "认缴出资(万元)"]
