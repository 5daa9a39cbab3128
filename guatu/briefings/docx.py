"""Write the briefing as a Word document laid out by GB/T 9704-2012 (党政机关公文格式), with python-docx.

A4, margins 37/35/28/26 mm; the title in 小标宋 2号; the body in 仿宋_GB2312 3号 with a first-line
indent of two characters and a fixed line pitch of 28.95 pt (22 lines a page); headings 黑体 (一、),
楷体 (（一）), 仿宋 bold (1.); page numbers "— 1 —" in 4号 宋体, right on odd pages and left on even
ones. Every paragraph carries a named style (docx_styles.py), tables the table style 公文表格, and
the file's properties name the issuer and the document's date.
"""

from __future__ import annotations

import datetime as dt
import io

from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.enum.section import WD_SECTION_START
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from guatu.briefings import docx_styles as S
from guatu.briefings.chart import completion_chart_png
from guatu.briefings.content import Briefing
from guatu.briefings.models import Masthead
from guatu.briefings.official import (
    Caption,
    Grid,
    Heading,
    OfficialDocument,
    Paragraph,
    Picture,
    column_widths,
    compose,
)

HEADING_STYLES = {1: "Heading 1", 2: "Heading 2", 3: "Heading 3"}


def write_docx(briefing: Briefing, *, language: str = "zh-hans", chart: bool = True, issued: dt.date | None = None,
               masthead: Masthead | None = None, number: str | None = None) -> bytes:  # fmt: skip
    """The briefing as a .docx (bytes); `issued` is the document's date (default: today)."""
    official = compose(briefing, language=language, issued=issued, masthead=masthead, number=number, chart=chart)
    return render_docx(official)


def render_docx(official: OfficialDocument) -> bytes:
    with override(official.language):
        doc = Document()
        S.define(doc)
        _page(doc)
        _masthead(doc, official)
        doc.add_paragraph(official.title, style="Title")
        doc.add_paragraph(official.subtitle, style="Subtitle")
        _blocks(doc, official.body)
        if official.attachment:
            doc.add_paragraph(_("Attachment: %(title)s") % {"title": official.attachment_title}, style="Normal")
        _signature(doc, official)
        if official.attachment:
            mark = doc.add_paragraph(_("Attachment"), style=S.ATTACHMENT_MARK)
            mark.paragraph_format.page_break_before = True  # 附件 starts a page, "附件" on its first line
            doc.add_paragraph(official.attachment_title, style="Title")
            _blocks(doc, official.attachment)
        _imprint(doc, official)
        S.properties(doc, official)
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()


def _page(doc) -> None:
    """A4 with GB/T 9704's margins, page numbers in the footers (odd and even pages apart)."""
    section = doc.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(S.MARGIN_TOP), Mm(S.MARGIN_BOTTOM)
    section.left_margin, section.right_margin = Mm(S.MARGIN_LEFT), Mm(S.MARGIN_RIGHT)
    section.header_distance, section.footer_distance = Mm(15), Mm(S.FOOTER_DISTANCE)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is not None:  # the fixed line spacing keeps 22 lines a page; a snapping grid would double table rows
        grid.set(qn("w:linePitch"), str(int(S.LINE_PITCH * 20)))
    doc.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer, S.PAGE_NUMBER_ODD)
    _page_number(section.even_page_footer, S.PAGE_NUMBER_EVEN)


def _page_number(footer, style: str) -> None:
    """— PAGE — with a real PAGE field (Word and WPS fill in the number)."""
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = style
    paragraph.add_run("— ")
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._r.append(element)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            value = OxmlElement("w:t")
            value.text = text
            run._r.append(value)
    paragraph.add_run(" —")


def _masthead(doc, official: OfficialDocument) -> None:
    """版头: the red name, the issue number, then the issuer and the date above a red line."""
    doc.add_paragraph(official.masthead, style=S.MASTHEAD)
    doc.add_paragraph(official.number, style=S.ISSUE_NUMBER)
    line = doc.add_paragraph(style=S.MASTHEAD_LINE)
    line.paragraph_format.tab_stops.add_tab_stop(Mm(S.TEXT_WIDTH_MM), WD_TAB_ALIGNMENT.RIGHT)
    line.add_run(f"{official.issuer}\t{official.issued_text}")


def _blocks(doc, blocks) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            doc.add_paragraph(block.text, style=HEADING_STYLES.get(block.level, "Heading 3"))
        elif isinstance(block, Paragraph):
            doc.add_paragraph(block.text, style="Normal")
        elif isinstance(block, Caption):
            doc.add_paragraph(block.text, style="Caption")
        elif isinstance(block, Grid):
            _grid(doc, block)
        elif isinstance(block, Picture):
            png = completion_chart_png(*block.figures)
            if png is None:  # no chromium: the Word file goes without the chart (its caption says what it was)
                continue
            picture = doc.add_paragraph(style=S.PICTURE)
            picture.add_run().add_picture(io.BytesIO(png), width=Cm(block.width_cm))
            _alt_text(picture, block.alt)


def _alt_text(paragraph, text: str) -> None:
    for prop in paragraph._p.iter(qn("wp:docPr")):
        prop.set("descr", text)


def _grid(doc, grid: Grid) -> None:
    table = doc.add_table(rows=1 + len(grid.rows), cols=len(grid.headers))
    table.style = doc.styles[S.TABLE]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = column_widths(grid, S.TEXT_WIDTH_MM, S.TABLE_PT)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Mm(width)
    numeric = [grid.numeric(c) for c in range(len(grid.headers))]
    for r, values in enumerate([grid.headers, *grid.rows]):
        row = table.rows[r]
        if r == 0:
            S.repeat_header(row)
        for c, cell in enumerate(row.cells):
            cell.width = Mm(widths[c])
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles[S.TABLE_HEADER if r == 0 else (S.TABLE_NUMBER if numeric[c] else S.TABLE_TEXT)]
            text = values[c] if c < len(values) else ""
            if text:
                paragraph.add_run(text)
    doc.add_paragraph(style=S.AFTER_TABLE)


def _signature(doc, official: OfficialDocument) -> None:
    """发文机关署名 two characters from the right, the date below it starting two characters further right."""
    doc.add_paragraph(style=S.SIGNATURE)  # a blank line above, as the standard asks
    doc.add_paragraph(official.issuer, style=S.SIGNATURE)
    date = doc.add_paragraph(official.issued_text, style=S.SIGNATURE_DATE)
    date.paragraph_format.left_indent = Pt(S.date_indent_pt(official.issuer))


def _imprint(doc, official: OfficialDocument) -> None:
    """版记 at the end: 抄送 (if any), then who printed it and when, between rules."""
    if official.copy_to:
        copy = doc.add_paragraph(_("Copy to: %(names)s") % {"names": official.copy_to}, style=S.IMPRINT)
        S.rules(copy, top=S.RULE_THICK, bottom=S.RULE_THIN)
    printed = doc.add_paragraph(style=S.IMPRINT)
    printed.paragraph_format.tab_stops.add_tab_stop(Mm(S.TEXT_WIDTH_MM - 5), WD_TAB_ALIGNMENT.RIGHT)
    printed.add_run(f"{official.issuer}\t{_('printed %(date)s') % {'date': official.issued_text}}")
    S.rules(printed, top=None if official.copy_to else S.RULE_THICK, bottom=S.RULE_THICK)
