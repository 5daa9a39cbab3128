"""Excel through the exchange registry: templates, exports that import back as no-ops, imports that are
all or nothing, in the change record, under the access rule — and read-only columns that say so."""

import csv
import io

import pytest
from openpyxl import load_workbook

from guatu.attraction.models import Lead, Talk
from guatu.attraction.tests.conftest import new_lead
from guatu.exchange import registry
from guatu.test import records_of

pytestmark = pytest.mark.django_db

HEADER = (
    "线索编号,项目名称,投资方,投资方来源,资本类型,产业,产业链,落地地区,产业平台,招商方式,投资类型,"
    "原有投资(亿元),计划总投资(亿元),千项万亿候选,领衔领导,线索日期,阶段"
)


def sheet(tmp_path, *rows: str, header: str = HEADER, name: str = "线索.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_an_export_imports_back_as_a_no_op(tmp_path, fmt):
    path = tmp_path / f"leads.{fmt}"
    path.write_bytes(registry.export_kind("leads", fmt, user=None))
    preview = registry.import_kind(path, "leads", user=None, commit=False)
    assert (preview.rows, preview.unchanged, preview.created, preview.updated, preview.errors) == (28, 28, 0, 0, [])


def test_the_export_writes_the_sheet_as_officers_read_it(tmp_path):
    rows = list(csv.reader(io.StringIO(registry.export_kind("leads", "csv", user=None).decode("utf-8-sig"))))
    by_code = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    longyou = by_code["ZS2024-002"]
    assert (
        longyou["投资方来源"],
        longyou["招商方式"],
        longyou["基金联动投资(万元)"],
        longyou["基金说明"],
        longyou["阶段"],
        longyou["落地地区"],
    ) == ("省外", "基金招商", "4000.00", "省市县三级联动", "注册", "龙游县")
    assert by_code["ZS2024-007"]["投资类型"] == "增资扩产" and by_code["ZS2024-001"]["千项万亿候选"] == "是"


def test_an_import_creates_leads_in_one_transaction_with_the_record(tmp_path, officer):
    path = sheet(
        tmp_path,
        "T-X1,新项目,某公司,省外,外资,新能源,新能源,柯城区,测试园区,驻点招商,新引进,,1.5,否,某领导,2024-05-01,线索",
        "T-X2,扩产项目,某公司,省内,内资,新能源,,柯城区,,以商招商,增资扩产,2,3.2,是,某领导,2024/5/2,",
    )
    new_lead("T-X0")  # makes sure the test platform exists
    preview = registry.import_kind(path, "leads", user=officer, commit=True)
    assert preview.ok and preview.committed and preview.created == 2
    x1, x2 = Lead.objects.get(code="T-X1"), Lead.objects.get(code="T-X2")
    assert (x1.capital, x1.source, x1.planned_investment, x1.stage, x1.platform.code) == (
        "foreign",
        "resident",
        15000,
        "lead",
        "TP",
    )
    assert (x2.kind, x2.existing_investment, x2.counted_investment, x2.qxwy_candidate) == (
        "increase",
        20000,
        12000,
        True,
    )
    record = records_of(x1)[0]
    assert (record.username, record.reason) == ("officer", "import 线索.csv")


def test_every_bad_row_is_named_and_nothing_is_written(tmp_path):
    path = sheet(
        tmp_path,
        "T-Y1,好项目,某公司,省外,内资,新能源,,柯城区,,以商招商,新引进,,1,否,某领导,2024-05-01,",
        "T-Y2,坏项目,某公司,火星,内资,新能源,,柯城区,,以商招商,新引进,,1,否,某领导,2024-05-01,",
        "T-Y3,坏项目,某公司,省外,内资,新能源,,柯城区,,以商招商,增资扩产,,1,否,某领导,2024-05-01,",
    )
    preview = registry.import_kind(path, "leads", user=None, commit=True)
    assert not preview.committed and not Lead.objects.filter(code__startswith="T-Y").exists()
    assert [(e["row"], e["column"]) for e in preview.errors] == [(3, "投资方来源"), (4, "原有投资(亿元)")]
    assert "省内、省外、境外" in preview.errors[0]["reason"]


def test_a_stage_is_not_changed_by_import(tmp_path):
    path = sheet(
        tmp_path,
        "ZS2024-002,安徽富锂锰基项目(龙理新能源)总部迁址龙游,龙理新能源,省外,内资,新能源,新能源,龙游县,"
        "龙游经济开发区,基金招商,新引进,,2,否,龙游县委主要领导,2024-03-04,开工",
    )
    preview = registry.import_kind(path, "leads", user=None, commit=True)
    assert [(e["column"], e["reason"][:9]) for e in preview.errors] == [("阶段", "the stage")]
    assert Lead.objects.get(code="ZS2024-002").stage == "registered"


def test_an_outsider_cannot_import_a_lead_into_another_county(tmp_path, outsider):
    path = sheet(tmp_path, "T-Z1,越权项目,某公司,省外,内资,新能源,,柯城区,,以商招商,新引进,,1,否,某领导,2024-05-01,")
    preview = registry.import_kind(path, "leads", user=outsider, commit=True)
    assert not preview.committed and "管辖范围" in preview.errors[0]["reason"]
    assert not Lead.objects.filter(code="T-Z1").exists()


def test_the_template_has_the_header_and_the_note():
    book = load_workbook(io.BytesIO(registry.template_kind("lead-talks")))
    assert [c.value for c in book.active[2]] == [
        "线索编号",
        "项目名称",
        "日期",
        "类型",
        "参与人员",
        "洽谈内容",
        "下一步",
    ]
    assert book.active["A1"].value == "招商洽谈记录"


def test_talks_import_into_a_leads_log(tmp_path):
    lead = new_lead("T-T1")
    path = sheet(
        tmp_path,
        "T-T1,,2024-02-01,考察/拜访,专班,实地考察厂址,提交方案",
        "NOPE,,2024-02-01,,,内容,",
        header="线索编号,项目名称,日期,类型,参与人员,洽谈内容,下一步",
        name="洽谈.csv",
    )
    preview = registry.import_kind(path, "lead-talks", user=None, commit=True)
    assert [(e["row"], e["column"]) for e in preview.errors] == [(3, "线索编号")] and not preview.committed
    path = sheet(
        tmp_path,
        "T-T1,,2024-02-01,考察/拜访,专班,实地考察厂址,提交方案",
        header="线索编号,项目名称,日期,类型,参与人员,洽谈内容,下一步",
        name="洽谈.csv",
    )
    assert registry.import_kind(path, "lead-talks", user=None, commit=True).committed
    assert list(Talk.objects.filter(lead=lead).values_list("kind", "summary")) == [("visit", "实地考察厂址")]
