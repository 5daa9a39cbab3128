"""Excel in and out through the exchange registry: templates, preview/commit, all or nothing, the
access rule and the change record; sheets as officers keep them."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
import xlsxwriter

from guatu.exchange import registry
from guatu.innovation.models import InnovationPlatform, PlatformOutput
from guatu.test import records_of

pytestmark = pytest.mark.django_db


def sheet(path, rows: list[list], title: str | None = "2024年科创平台产出统计表"):
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet("Sheet1")
    start = 0
    if title:
        ws.write(0, 0, title)
        start = 1
    for r, row in enumerate(rows, start=start):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    book.close()
    return path


def test_a_sheet_as_kept_imports_with_synonyms_units_and_lower_bounds(tmp_path, officer):
    path = sheet(tmp_path / "a.xlsx", [
        ["平台名称", "年度", "高层次人才", "论文", "成果转化收入(亿元)", "约数指标", "备注"],
        ["衢州资源化工创新研究院", 2024, 150, 90, 0.12, "发表论文、服务企业", "复核"],
    ])  # fmt: skip
    preview = registry.import_kind(path, "innovation-outputs", user=officer, commit=False)
    assert preview.ok and preview.updated == 1 and preview.changes[0]["key"].endswith("/2024")
    done = registry.import_kind(path, "innovation-outputs", user=officer, commit=True)
    assert done.committed
    row = PlatformOutput.objects.get(platform__code="QZ-ZYHG", year=2024)
    assert (row.talent, row.papers, row.commercial_income, row.note) == (150, 90, D("1200.00"), "复核")
    assert row.lower_bounds == "papers,firm_services"
    assert row.first_of_kind == 7  # a column the sheet does not carry is left as it was
    last = records_of(row)[-1]
    assert last.username == "officer" and last.reason.startswith("import ")


def test_every_bad_row_is_reported_and_nothing_is_written(tmp_path):
    path = sheet(tmp_path / "b.xlsx", [
        ["科创平台", "年份", "发表论文", "服务企业"],
        ["衢州资源化工创新研究院", 2024, 12.5, 1],
        ["不存在的研究院", 2024, 1, 1],
        ["衢州动力电池与储能研究院", 2024, 3, -2],
        ["衢州动力电池与储能研究院", 2023, 60, 100],
    ])  # fmt: skip
    preview = registry.import_kind(path, "innovation-outputs", user=None, commit=True)
    assert not preview.committed
    errors = {(e["row"], e["column"]) for e in preview.errors}
    assert errors == {(3, "发表论文"), (4, "科创平台"), (5, "服务企业")}
    assert "whole number" in preview.errors[0]["reason"]
    assert PlatformOutput.objects.get(platform__code="QZ-DLDC", year=2023).papers == 45  # the good row too: nothing


def test_an_outsider_cannot_import_for_a_platform_outside_their_scope_nor_see_its_figures(tmp_path, outsider):
    path = sheet(tmp_path / "c.xlsx", [["科创平台", "年份", "引育高层次人才"], ["QZ-ZYHG", 2024, 1]], title=None)
    preview = registry.import_kind(path, "innovation-outputs", user=outsider, commit=True)
    assert not preview.committed and preview.changes == []  # the stored 148 is not shown
    assert preview.errors[0]["row"] == 2 and "管辖范围" in preview.errors[0]["reason"]
    assert PlatformOutput.objects.get(platform__code="QZ-ZYHG", year=2024).talent == 148


def test_a_reader_cannot_import(tmp_path, reader):
    path = sheet(tmp_path / "d.xlsx", [["科创平台", "年份", "发表论文"], ["QZ-ZYHG", 2024, 1]], title=None)
    assert not registry.import_kind(path, "innovation-outputs", user=reader, commit=True).committed


def test_export_and_import_of_outputs_and_platforms_change_nothing(tmp_path):
    for name in ("innovation-outputs", "innovation-platforms"):
        for fmt in ("xlsx", "csv"):
            path = tmp_path / f"{name}.{fmt}"
            path.write_bytes(registry.export_kind(name, fmt, user=None))
            preview = registry.import_kind(path, name, user=None, commit=False)
            assert preview.ok and preview.created == preview.updated == 0, (name, fmt, preview.errors, preview.changes)


def test_platforms_import_with_founding_dates_as_far_as_known(tmp_path, demo_user):
    path = sheet(tmp_path / "p.xlsx", [
        ["平台代码", "平台名称", "平台类型", "成立时间", "行政区划", "产业平台", "依托平台"],
        ["T-Y", "年份平台", "新型研发机构", "2021", "柯城区", "高新片区", "ZJ-GDHXP"],
        ["T-M", "月份平台", "重点实验室", "2023年12月", "330881", "", ""],
        ["T-D", "日期平台", "企业研究院", "2024-04-15", "衢江区", "", ""],
    ])  # fmt: skip
    preview = registry.import_kind(path, "innovation-platforms", user=demo_user, commit=True)
    assert preview.committed, preview.errors
    shown = {p.code: p.founded_display for p in InnovationPlatform.objects.filter(code__startswith="T-")}
    assert shown == {"T-Y": "2021年", "T-M": "2023年12月", "T-D": "2024-04-15"}
    assert InnovationPlatform.objects.get(code="T-Y").based_on.code == "ZJ-GDHXP"


def test_the_template_has_the_measures_with_their_units():
    from io import BytesIO

    from openpyxl import load_workbook

    ws = load_workbook(BytesIO(registry.template_kind("innovation-outputs"))).active
    headers = [c.value for c in ws[2]]
    assert headers[:3] == ["科创平台", "年份", "引育高层次人才"] and "市级支持资金(万元)" in headers
