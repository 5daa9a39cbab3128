"""Sheets as officers keep them, read without guessing: units and periods declared in title rows,
columns a sheet does not carry, CSV two-row headers, and the model's own rules on every row."""

import datetime as dt
from decimal import Decimal as D

import pytest
from openpyxl import Workbook

from guatu.exchange.importer import ImportError_, import_file
from guatu.exchange.reader import UnreadableFile
from guatu.projects.models import AnnualPlan, MonthlyReport, Project
from guatu.test import make_project

pytestmark = pytest.mark.django_db


def xlsx(path, rows):
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def csv(path, text, encoding="utf-8"):
    path.write_bytes(text.encode(encoding))
    return path


@pytest.fixture
def project():
    return make_project("TK1", ytd_by_month={9: "300000"}, year=2025)


@pytest.mark.parametrize("title", ["单位：亿元", "金额单位:亿元", "(单位：亿元)"])
def test_a_unit_declared_only_in_a_title_row_applies_to_the_table(tmp_path, project, title):
    path = xlsx(tmp_path / "亿元.xlsx", [["重点项目月报"], [None, None, title],
                                         ["项目代码", "月份", "本月完成", "本年累计", "开工累计"],
                                         ["TK1", "2025-10", 0.13, 30.13, 30.13]])  # fmt: skip
    preview = import_file(path)
    assert preview.ok and preview.declared == {"unit": "亿元"}
    report = MonthlyReport.objects.get(project=project, year=2025, month=10)
    assert (report.invest_month, report.invest_ytd) == (D("1300.00"), D("301300.00"))  # not 0.13万元


def test_a_title_unit_that_a_column_contradicts_is_an_error_and_nothing_is_read(tmp_path, project):
    path = xlsx(tmp_path / "x.xlsx", [["单位：万元"], ["项目代码", "月份", "本月完成(亿元)", "本年累计"],
                                      ["TK1", "2025-10", 1, 30]])  # fmt: skip
    with pytest.raises(ImportError_, match="标题声明单位为万元，但“本月完成\\(亿元\\)”列写的是亿元"):
        import_file(path)
    path = xlsx(tmp_path / "y.xlsx", [["单位：万元", "单位：亿元"], ["项目代码", "月份", "本月完成", "本年累计"]])
    with pytest.raises(ImportError_, match="不止一个单位"):
        import_file(path)


@pytest.mark.parametrize("title", ["报告期：2025年10月", "2025年1-10月重点项目投资完成情况"])
def test_a_period_declared_only_in_a_title_row_is_every_rows_month(tmp_path, project, title):
    path = xlsx(tmp_path / "期.xlsx", [[title], ["项目代码", "本月完成", "1-本月累计", "自开工累计"],
                                       ["TK1", 20000, 320000, 320000]])  # fmt: skip
    preview = import_file(path)
    assert preview.ok and preview.declared == {"period": "2025-10"} and preview.created == 1
    assert MonthlyReport.objects.get(project=project, year=2025, month=10).invest_ytd == D("320000.00")


def test_a_row_whose_month_contradicts_the_declared_period_is_an_error(tmp_path, project):
    path = xlsx(tmp_path / "期.xlsx", [["报告期：2025年10月"], ["项目代码", "月份", "本月完成", "本年累计"],
                                       ["TK1", "2025-09", 1, 300000]])  # fmt: skip
    preview = import_file(path, dry_run=True)
    assert [(e.row, e.column, e.reason) for e in preview.errors] == [
        (3, "月份", "此行为2025-09，但表格上方标题写的是2025-10")
    ]
    assert "填报日期" not in "".join(preview.declared.values())


def test_a_column_the_sheet_does_not_carry_is_left_as_stored_and_listed(tmp_path):
    project = make_project("TK2", ytd_by_month={9: "300000"}, year=2025)
    MonthlyReport.objects.filter(project=project, month=9).update(
        invest_cumulative=D(450000), progress_pct=D(60), problems="用地指标待落实", status="submitted"
    )
    path = csv(tmp_path / "月报.csv", "项目代码,年份,月份,本月完成,本年累计\nTK2,2025,9,20000,320000\n")
    preview = import_file(path, dry_run=True)
    assert preview.ok and preview.updated == 1
    assert preview.changes[0].changes == {"invest_month": (D("300000.00"), D("20000.00")),
                                          "invest_ytd": (D("300000.00"), D("320000.00"))}  # fmt: skip
    assert preview.absent == ["开工以来累计完成投资", "形象进度(%)", "阶段", "存在问题"]
    import_file(path)
    report = MonthlyReport.objects.get(project=project, month=9)
    assert (report.invest_cumulative, report.progress_pct, report.problems) == (D(450000), D(60), "用地指标待落实")


def test_a_new_month_without_since_start_carries_it_from_the_month_before(tmp_path):
    project = make_project("TK3", ytd_by_month={9: "300000"}, year=2025)
    MonthlyReport.objects.filter(project=project, month=9).update(invest_cumulative=D(450000), progress_pct=D(60))
    text = "项目代码,月份,本月完成,本年累计\nTK3,2025-10,20000,320000\nTK3,2025-11,5000,325000\n"
    path = csv(tmp_path / "月报.csv", text)
    assert import_file(path).created == 2
    months = MonthlyReport.objects.filter(project=project, month__gte=10).order_by("month")
    assert [(r.invest_cumulative, r.progress_pct) for r in months] == [(D(470000), D(60)), (D(475000), D(60))]
    lonely = make_project("TK4", started=None, year=2025)
    preview = import_file(csv(tmp_path / "b.csv", "项目代码,月份,本月完成,本年累计\nTK4,2025-10,1,1\n"), dry_run=True)
    assert preview.errors[0].column == "开工累计(万元)" and "2025-09" in preview.errors[0].reason
    assert not MonthlyReport.objects.filter(project=lonely).exists()


def test_a_project_new_to_the_ledger_carries_since_start_from_the_files_own_months(tmp_path):
    make_project("TK5", started=dt.date(2025, 3, 1), year=2025)
    make_project("TK6", started=dt.date(2025, 3, 1), year=2025)
    text = "项目代码,月份,本月完成,本年累计,形象进度\nTK5,2025-10,100,100,30\nTK5,2025-11,50,150,\n"
    text += "TK6,2025-08,50,50,\nTK6,2025-10,40,90,\n"  # TK6 skips September: nothing to carry October from
    preview = import_file(csv(tmp_path / "新.csv", text), dry_run=True)
    assert [(e.row, e.column) for e in preview.errors] == [(5, "开工累计(万元)")]
    assert "2025-09" in preview.errors[0].reason
    preview = import_file(csv(tmp_path / "新.csv", text.rsplit("TK6,2025-10", 1)[0]))
    assert preview.committed and preview.created == 3
    figures = MonthlyReport.objects.filter(project__code__in=["TK5", "TK6"]).order_by("project__code", "month")
    assert [(r.project.code, r.month, r.invest_cumulative, r.progress_pct) for r in figures] == [
        ("TK5", 10, D(100), D(30)), ("TK5", 11, D(150), D(30)), ("TK6", 8, D(50), D(0))]  # fmt: skip


def test_a_two_row_header_in_a_csv_reads_like_a_merged_one(tmp_path, project):
    text = "项目名称,填报月份,本年完成投资(万元),,开工累计(万元)\n,,当月,累计,\n"
    text += "测试项目TK1,2025-10,20000,320000,320000\n"
    preview = import_file(csv(tmp_path / "两行.csv", text, "gb18030"))
    assert preview.ok and preview.created == 1
    assert MonthlyReport.objects.get(project=project, month=10).invest_month == D("20000.00")


def test_every_error_of_a_row_is_listed(tmp_path, project):
    path = csv(tmp_path / "e.csv", "项目代码,月份,本月完成,本年累计,形象进度,阶段\nTK1,2025-10,约一千,NaN,120,半停工\n")
    preview = import_file(path, dry_run=True)
    assert sorted(e.column for e in preview.errors) == ["形象进度", "本年累计", "本月完成", "阶段"]
    assert next(e.reason for e in preview.errors if e.column == "本年累计") == "“NaN”超出取值范围"


@pytest.mark.parametrize(("row", "column", "reason"), [
    ("TX1,一百亿亿元项目,330802,-5", "总投资", "确保该值大于或等于0"),
    (f"TX1,{'长' * 300},330802,5", "项目名称", "200"),
    ("TX1,好项目,330802,1e30", "总投资", "超出取值范围"),
    ("TX1,好项目,330802,Infinity", "总投资", "超出取值范围"),
])  # fmt: skip
def test_the_models_own_rules_bound_every_imported_value(tmp_path, row, column, reason):
    path = csv(tmp_path / "p.csv", f"项目代码,项目名称,行政区划,总投资\n{row}\n")
    preview = import_file(path)
    assert not preview.committed and [e.column for e in preview.errors] == [column]
    assert reason in preview.errors[0].reason
    assert not Project.objects.filter(code="TX1").exists()


def test_a_cell_longer_than_excel_allows_is_refused_naming_it(tmp_path):
    path = csv(tmp_path / "p.csv", f"项目代码,项目名称,行政区划,总投资\nTX1,{'长' * 100_000},330802,5\n")
    with pytest.raises(UnreadableFile, match="单元格B2超过32,767个字符"):
        import_file(path)


def test_a_plan_for_year_zero_is_refused(tmp_path, project):
    path = csv(tmp_path / "p.csv", "项目代码,年份,年度计划投资\nTK1,0,100\n")
    preview = import_file(path)
    assert preview.errors and not AnnualPlan.objects.filter(project=project, year=0).exists()


def test_since_start_never_decreases_across_the_file_and_the_stored_months(tmp_path, project):
    MonthlyReport.objects.filter(project=project, month=9).update(invest_cumulative=D(450000))
    path = csv(tmp_path / "m.csv", "项目代码,月份,本月完成,本年累计,开工累计\nTK1,2025-10,20000,320000,440000\n")
    preview = import_file(path)
    assert [(e.column, e.reason) for e in preview.errors] == [
        ("开工累计", "自开工累计 440000.00 小于 2025-09 已报的 450000.00；累计投资不能减少。")
    ]


def test_a_file_with_nothing_to_change_has_nothing_to_confirm(tmp_path, project):
    path = csv(tmp_path / "m.csv", "项目代码,年份,月份,本月完成,本年累计,开工累计\nTK1,2025,9,300000,300000,300000\n")
    preview = import_file(path, dry_run=True)
    assert (preview.unchanged, preview.can_commit, preview.as_json()["can_commit"]) == (1, False, False)
