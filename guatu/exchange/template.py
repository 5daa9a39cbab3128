"""Blank xlsx templates made by the app: a title, instructions, the header with units, drop-downs
for coded columns (from a hidden sheet of choices) and a frozen header."""

from __future__ import annotations

import io

import xlsxwriter

from guatu.core.models import Department, Industry, Platform, Region
from guatu.exchange.export import WORKBOOK_OPTIONS
from guatu.exchange.tables import SPECS
from guatu.projects.choices import Category, Stage

TITLES = {"reports": "重点项目月报填报表", "projects": "重点项目库导入表", "plans": "年度计划导入表",
          "indicators": "主要经济指标导入表"}  # fmt: skip
# The indicator importer's tidy layout (guatu/indicators/importer.py).
INDICATOR_COLUMNS = [("unit", "单位", 16), ("indicator", "指标", 20), ("period", "期间", 10), ("value", "数值", 14),
                     ("value_unit", "计量单位", 10), ("growth", "增幅", 10), ("vintage", "数据版本", 12),
                     ("source", "来源", 24)]  # fmt: skip
INSTRUCTIONS = {
    "reports": (
        "每行一个项目一个月。金额单位：万元。本年累计不得小于此前月份；形象进度为0–100；"
        "项目按代码匹配，无代码时按名称精确匹配。"
    ),
    "projects": (
        "每行一个项目，项目代码唯一。金额单位：万元。日期写作2024-06或2024/6/30。"
        "行政区划、平台、责任单位、产业请从下拉框选择。"
    ),
    "plans": "每行一个项目一年。金额单位：万元。年内开工、年内投产填“是”或“否”。",
    "indicators": (
        "每行一个单位、一个指标、一期。期间写作2024-11(以该期最后一个月命名，全年为2024-12)；数值为本年累计；"
        "计量单位可填亿元、万元或元，导入时换算为指标的单位；增幅为公布的同比增长(%)。"
    ),
}


def _choices(kind_key: str) -> list[str]:
    if kind_key == "unit":
        from guatu.indicators.models import ReportingUnit

        return list(ReportingUnit.objects.values_list("name", flat=True))
    if kind_key == "indicator":
        from guatu.indicators.models import Indicator

        return list(Indicator.objects.values_list("name", flat=True))
    if kind_key == "value_unit":
        return ["亿元", "万元", "元"]
    if kind_key == "vintage":
        return ["初步核算", "修订", "最终核实"]
    if kind_key == "region":
        return list(Region.objects.exclude(level="town").values_list("name", flat=True))
    if kind_key == "platform":
        return list(Platform.objects.values_list("name", flat=True))
    if kind_key == "department":
        return list(Department.objects.values_list("name", flat=True))
    if kind_key == "industry":
        return list(Industry.objects.values_list("name", flat=True))
    if kind_key == "stage":
        return [str(label) for label in Stage.labels]
    if kind_key == "category":
        return [str(label) for label in Category.labels]
    if kind_key in ("plans_start", "plans_production"):
        return ["是", "否"]
    return []


def template_xlsx(kind: str, rows: int = 500) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**WORKBOOK_OPTIONS, "constant_memory": False})
    sheet = book.add_worksheet("填报")
    lists = book.add_worksheet("选项")
    lists.hide()
    title = book.add_format({"bold": True, "font_size": 14})
    note = book.add_format({"italic": True, "font_color": "#687684", "text_wrap": True})
    head = book.add_format({"bold": True, "bg_color": "#F0F3F6", "border": 1, "text_wrap": True})
    columns = ([(key, label, width) for key, label, width in INDICATOR_COLUMNS] if kind == "indicators"
               else [(c.key, c.header, c.width) for c in SPECS[kind]])  # fmt: skip
    sheet.write_string(0, 0, TITLES[kind], title)
    sheet.merge_range(1, 0, 1, len(columns) - 1, INSTRUCTIONS[kind], note)
    sheet.set_row(1, 32)
    for c, (key, header, width) in enumerate(columns):
        sheet.write_string(2, c, header, head)
        sheet.set_column(c, c, width)
        options = _choices(key)
        if options:
            lists.write_column(0, c, options)
            letter = xlsxwriter.utility.xl_col_to_name(c)
            sheet.data_validation(3, c, 3 + rows, c, {
                "validate": "list", "source": f"=选项!${letter}$1:${letter}${len(options)}",
                "error_title": header, "error_message": f"请从下拉框选择{header}"})  # fmt: skip
    sheet.freeze_panes(3, 0)
    book.close()
    return buffer.getvalue()
