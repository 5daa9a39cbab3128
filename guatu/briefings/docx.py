"""Write the briefing as a Word document (python-docx): title, period and scope, 项目建设,
预警与问题, a table and the chart, and an appendix that traces every figure to its rows."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from guatu.briefings.chart import completion_chart_png
from guatu.briefings.content import Briefing, money_yi, percent
from guatu.core.money import fmt_amount

CHINESE_NUMERALS = dict(enumerate("一二三四五六七八九十", start=1))
FONT = "Noto Sans CJK SC"  # falls back to the reader's CJK font in Word/WPS


def _font(run, size: float | None = None, bold: bool = False) -> None:
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold


def _para(doc, text: str, *, size: float = 12, bold: bool = False, align=None):
    paragraph = doc.add_paragraph()
    _font(paragraph.add_run(text), size, bold)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _table(doc, headers: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), 10, True)
    for values in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=True):
            cell.text = ""
            _font(cell.paragraphs[0].add_run(text), 10)
    return table


def write_docx(briefing: Briefing, *, language: str = "zh-hans", chart: bool = True) -> bytes:
    with translation.override(language):
        doc = Document()
        for section in doc.sections:
            section.left_margin = section.right_margin = Cm(2.5)
        _para(doc, briefing.title, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        subtitle = _("Period: %(period)s    Scope: %(scope)s") % {
            "period": briefing.period.label_zh(),
            "scope": briefing.where,
        }
        _para(doc, subtitle, size=11, align=WD_ALIGN_PARAGRAPH.CENTER)

        _para(doc, _("1. Project construction"), size=14, bold=True)
        for section in briefing.lists:
            _para(doc, f"{section.sentence}{section.started}")
            if section.best:
                names = "、".join(f"{m.name}({percent(m.completion)})" for m in section.best)
                _para(doc, _("Best: %(names)s.") % {"names": names}, size=11)
            if section.lagging:
                names = "、".join(f"{m.name}({percent(m.completion)})" for m in section.lagging)
                _para(doc, _("Behind time elapsed: %(names)s.") % {"names": names}, size=11)
        rows = [[s.row.label, str(s.row.projects), str(s.row.started), money_yi(s.row.total_investment),
                 money_yi(s.row.annual_plan), money_yi(s.row.ytd_actual), percent(s.row.completion),
                 percent(s.row.elapsed)] for s in briefing.lists]  # fmt: skip
        _table(doc, [_("Project list"), _("Projects"), _("Started"), _("Total investment (100M yuan)"),
                     _("Annual plan (100M yuan)"), _("Invested YTD (100M yuan)"), _("Completion"), _("Time elapsed")],
               rows)  # fmt: skip
        if chart and briefing.lists:
            labels = [s.row.label for s in briefing.lists]
            png = completion_chart_png(labels, [s.row.completion for s in briefing.lists], briefing.period.elapsed_pct)
            if png:
                doc.add_picture(io.BytesIO(png), width=Cm(15))

        _para(doc, _("2. Warnings and problems"), size=14, bold=True)
        counts = briefing.warning_counts
        _para(doc, _("As of %(day)s, %(red)s projects are red, %(yellow)s yellow and %(green)s green.") % {
            "day": briefing.as_of.isoformat(), "red": counts.get("red", 0), "yellow": counts.get("yellow", 0),
            "green": counts.get("green", 0)})  # fmt: skip
        if briefing.red_projects:
            _para(doc, _("Red: %(names)s.") % {"names": "、".join(briefing.red_projects)}, size=11)
        overdue = "、".join(f"{name}{n}个" for name, n in briefing.overdue.items()) or _("none")
        _para(doc, _("%(open)s problems are unresolved; overdue by department: %(overdue)s.") % {
            "open": briefing.open_problems, "overdue": overdue})  # fmt: skip

        for number, section in enumerate(briefing.sections, start=3):
            _para(doc, f"{CHINESE_NUMERALS.get(number, number)}、{section.title}", size=14, bold=True)
            for text in section.paragraphs:
                _para(doc, text)
            for table in section.tables:
                if table.caption:
                    _para(doc, table.caption, size=11, bold=True)
                _table(doc, table.headers, table.rows)

        doc.add_page_break()
        _para(doc, _("Appendix: where each figure comes from"), size=14, bold=True)
        for section in briefing.sections:
            for table in section.appendix:
                _para(doc, table.caption or section.title, size=11, bold=True)
                _table(doc, table.headers, table.rows)
        for section in briefing.lists:
            trace = section.trace
            _para(doc, _("%(label)s: invested YTD %(total)s 10k yuan, the sum of these monthly reports:") % {
                "label": trace.label, "total": fmt_amount(trace.total_wan)}, size=11, bold=True)  # fmt: skip
            rows = [
                [m.code, m.name, f"{briefing.period.year}-{m.ytd_month:02d}" if m.ytd_month else "—",
                 fmt_amount(m.ytd_actual or Decimal(0)), fmt_amount(m.annual_plan)]
                for m in trace.rows
            ]  # fmt: skip
            rows.append([_("Total"), "", "", fmt_amount(trace.total_wan), fmt_amount(section.row.annual_plan)])
            _table(doc, [_("Code"), _("Project"), _("Report month"), _("Invested YTD (10k yuan)"),
                         _("Annual plan (10k yuan)")], rows)  # fmt: skip
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()
