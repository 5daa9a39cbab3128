"""Exports: the sheet people get, safe against formula injection, and importable back unchanged."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from guatu.exchange.export import OutColumn, write_csv, write_xlsx
from guatu.exchange.importer import import_file
from guatu.exchange.service import export_bytes
from guatu.exchange.template import template_xlsx
from guatu.projects.models import Project
from guatu.projects.scope import Scope

pytestmark = pytest.mark.django_db


def test_cells_that_look_like_formulas_are_written_as_text():
    columns = [OutColumn("名称"), OutColumn("金额", "money")]
    rows = [['=HYPERLINK("http://x","点我")', D("-5")], ["+1+1", D("12345.678")], ["@SUM(A1)", None], ["\t=1", 1]]
    book = load_workbook(io.BytesIO(write_xlsx("测试", columns, rows)))
    sheet = book.active
    values = [sheet.cell(row=r, column=1).value for r in range(3, 7)]
    assert values == ['\'=HYPERLINK("http://x","点我")', "'+1+1", "'@SUM(A1)", "'\t=1"]
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(3, 7))
    assert sheet.cell(row=3, column=2).value == -5 and sheet.cell(row=4, column=2).number_format == "#,##0.00"
    assert sheet.freeze_panes == "A3"
    csv_text = write_csv(columns, rows).decode("utf-8-sig")
    assert "'+1+1" in csv_text and "\n=" not in csv_text


def test_every_ledger_export_imports_back_as_a_no_op(tmp_path):
    scope = Scope()
    for kind, year in (("projects", None), ("plans", 2024), ("reports", 2024)):
        for fmt in ("xlsx", "csv"):
            path = tmp_path / f"{kind}.{fmt}"
            path.write_bytes(export_bytes(kind, fmt, scope, year=year, through=None, user=None))
            preview = import_file(path, kind, dry_run=True)
            assert preview.ok, preview.errors[:3]
            assert (preview.created, preview.updated) == (0, 0), (kind, fmt, preview.changes[:3])
            assert preview.unchanged == preview.rows > 0


def test_a_name_starting_with_an_equals_sign_survives_the_round_trip(tmp_path):
    project = Project.objects.first()
    project.name = "=全域旅游提升工程"
    project.save()
    path = tmp_path / "p.xlsx"
    call_command("export", "projects", "--out", str(path))
    preview = import_file(path, "projects", dry_run=True)
    assert preview.ok and preview.updated == 0


def test_the_progress_export_has_the_cockpit_numbers(tmp_path):
    path = tmp_path / "progress.xlsx"
    call_command(
        "export", "progress", "--year", "2024", "--through", "11", "--platform", "衢州智造新城", "--out", str(path)
    )
    sheet = load_workbook(path).active
    rows = {sheet.cell(row=r, column=1).value: [c.value for c in sheet[r]] for r in range(3, sheet.max_row + 1)}
    assert rows['省"千项万亿"工程项目'][5] == 2305000 and rows['省"千项万亿"工程项目'][6] == 142.3
    assert rows["市重点项目"][6] == 111.0 and rows["省集中开工项目"][6] == 171.9


def test_warnings_and_problems_export(tmp_path):
    from guatu.schedules.models import Problem

    for kind, expected in (("warnings", 216), ("problems", Problem.objects.count())):
        path = tmp_path / f"{kind}.csv"
        call_command("export", kind, "--region", "衢州市", "--out", str(path))
        assert len(path.read_text(encoding="utf-8-sig").splitlines()) == expected + 1 > 1


def test_the_template_has_title_instructions_units_and_dropdowns(tmp_path):
    book = load_workbook(io.BytesIO(template_xlsx("projects")))
    sheet = book["填报"]
    assert sheet["A1"].value == "重点项目库导入表" and "万元" in sheet["A2"].value
    headers = [c.value for c in sheet[3]]
    assert "总投资(万元)" in headers and "行政区划" in headers
    sources = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert any("选项" in s for s in sources)
    assert book["选项"].sheet_state == "hidden"
    assert sheet.freeze_panes == "A4"
    assert "江山市" in [c.value for c in book["选项"]["D"]]  # regions column


def test_a_filled_template_imports(tmp_path):
    from openpyxl import load_workbook as load

    path = tmp_path / "t.xlsx"
    path.write_bytes(template_xlsx("plans"))
    book = load(path)
    book["填报"].append([Project.objects.first().code, None, 2025, 1234.5, "是", "否"])
    book.save(path)
    preview = import_file(path, dry_run=True)
    assert preview.ok and preview.kind == "plans" and preview.created == 1


def test_the_indicator_template_fills_and_imports(tmp_path):
    from guatu.indicators.importer import import_values
    from guatu.indicators.models import IndicatorValue

    path = tmp_path / "指标.xlsx"
    path.write_bytes(template_xlsx("indicators"))
    book = load_workbook(path)
    assert book["填报"]["A1"].value == "主要经济指标导入表" and "衢州市" in [c.value for c in book["选项"]["A"]]
    book["填报"].append(["衢州市", "出口", "2030-01", 12.5, "亿元", 3.1, "初步核算", "测试"])
    book.save(path)
    report = import_values(path)
    assert report.ok and report.result.created == 1
    assert IndicatorValue.objects.get(unit__code="330800", indicator__code="EXPORT", year=2030, month=1).value == D(
        "12.5"
    )
