"""The Word styles of an official document (GB/T 9704-2012), defined once per file.

Fonts are named as government offices install them, with the East Asian font set on every style
and the Latin digits in Times New Roman; the font table names a fallback for each (its altName), so
a reader without 方正小标宋简体 or 仿宋_GB2312 gets 宋体 / 仿宋 rather than whatever the viewer picks.
Chinese font sizes: 2号 = 22 pt, 3号 = 16 pt, 4号 = 14 pt, 小4 = 12 pt.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from guatu.briefings.official import text_width_chars

# Page (mm): A4, 版心 156 × 225 mm.
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = 37, 35, 28, 26
TEXT_WIDTH_MM = 210 - MARGIN_LEFT - MARGIN_RIGHT
FOOTER_DISTANCE = 22  # the page number sits about 7 mm below the 版心
LINE_PITCH = 28.95  # pt: 22 lines of 3号 text in the 225 mm 版心
BODY_PT, TITLE_PT, NUMBER_PT, TABLE_PT = 16, 22, 14, 10.5  # 3号, 2号, 4号, 5号
TWO_CHARS = Pt(2 * BODY_PT)

# Fonts: (the name offices install, its fallback for the font table's altName).
TITLE_FONT = ("方正小标宋简体", "华文中宋")
BODY_FONT = ("仿宋_GB2312", "仿宋")
HEI_FONT = ("黑体", "SimHei")
KAI_FONT = ("楷体_GB2312", "楷体")
SONG_FONT = ("宋体", "SimSun")
LATIN_FONT = "Times New Roman"
RED = RGBColor(0xE0, 0x00, 0x00)

# Style names (Word's own names for the built-in ones; ours are Chinese, with ASCII ids).
MASTHEAD, ISSUE_NUMBER, MASTHEAD_LINE = "版头", "期号", "版头署名"
TABLE, TABLE_TEXT, TABLE_NUMBER, TABLE_HEADER, AFTER_TABLE = "公文表格", "表格文字", "表格数字", "表头", "表后"
PICTURE, SIGNATURE, SIGNATURE_DATE, ATTACHMENT_MARK, IMPRINT = "图片", "署名", "成文日期", "附件标识", "版记"
PAGE_NUMBER_ODD, PAGE_NUMBER_EVEN = "页码（单页）", "页码（双页）"
STYLE_IDS = {MASTHEAD: "GuatuMasthead", ISSUE_NUMBER: "GuatuIssueNumber", MASTHEAD_LINE: "GuatuMastheadLine",
             TABLE: "GuatuTable", TABLE_TEXT: "GuatuTableText", TABLE_NUMBER: "GuatuTableNumber",
             TABLE_HEADER: "GuatuTableHeader", AFTER_TABLE: "GuatuAfterTable", PICTURE: "GuatuPicture",
             SIGNATURE: "GuatuSignature", SIGNATURE_DATE: "GuatuSignatureDate", ATTACHMENT_MARK: "GuatuAttachmentMark",
             IMPRINT: "GuatuImprint", PAGE_NUMBER_ODD: "GuatuPageNumberOdd",
             PAGE_NUMBER_EVEN: "GuatuPageNumberEven"}  # fmt: skip
RULE_THICK, RULE_THIN = 8, 6  # eighths of a point: 0.35 mm and 0.25 mm lines (版记)
THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _fonts(rpr, east_asia: str, latin: str = LATIN_FONT) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in THEME_ATTRS:  # a theme font would win over the named one
        fonts.attrib.pop(qn(attr), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin)):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")


def _char(style, *, font: tuple[str, str], size: float, bold: bool = False, color: RGBColor | None = None,
          latin: str = LATIN_FONT) -> None:  # fmt: skip
    rpr = style.element.get_or_add_rPr()
    for child in list(rpr):
        rpr.remove(child)
    _fonts(rpr, font[0], latin)
    style.font.size = Pt(size)
    size_cs = OxmlElement("w:szCs")
    size_cs.set(qn("w:val"), str(int(size * 2)))
    rpr.append(size_cs)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = color or RGBColor(0, 0, 0)


def _para(style, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line=None, left=None, right=None,
          exact: float | None = None, before: float = 0, after: float = 0, keep_next: bool = False,
          outline: int | None = None) -> None:  # fmt: skip
    ppr = style.element.get_or_add_pPr()
    for child in list(ppr):
        ppr.remove(child)
    fmt = style.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = first_line if first_line is not None else Pt(0)
    fmt.left_indent = left if left is not None else Pt(0)
    fmt.right_indent = right if right is not None else Pt(0)
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if exact is None:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(exact)
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    if outline is not None:
        level = OxmlElement("w:outlineLvl")
        level.set(qn("w:val"), str(outline))
        ppr.append(level)


def _style(doc, name: str, kind=WD_STYLE_TYPE.PARAGRAPH, base: str = "Normal"):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, kind)
    if name in STYLE_IDS:
        style.style_id = STYLE_IDS[name]
    if base and kind == WD_STYLE_TYPE.PARAGRAPH and name != "Normal":
        style.base_style = styles[base]
    style.hidden = False
    style.quick_style = True
    for tag in ("w:link", "w:rsid"):
        for element in style.element.findall(qn(tag)):
            style.element.remove(element)
    return style


def define(doc) -> None:
    """Every style the briefing uses, replacing python-docx's template defaults (Calibri, US Letter
    spacing, blue headings, Japanese East Asian fonts)."""
    _defaults(doc)
    body = _style(doc, "Normal")
    _char(body, font=BODY_FONT, size=BODY_PT)
    _para(body, first_line=TWO_CHARS, exact=LINE_PITCH)

    title = _style(doc, "Title")
    _char(title, font=TITLE_FONT, size=TITLE_PT, latin=TITLE_FONT[0])
    _para(title, align=WD_ALIGN_PARAGRAPH.CENTER, exact=36, before=LINE_PITCH, after=LINE_PITCH)
    subtitle = _style(doc, "Subtitle")
    _char(subtitle, font=KAI_FONT, size=BODY_PT)
    _para(subtitle, align=WD_ALIGN_PARAGRAPH.CENTER, exact=LINE_PITCH, after=LINE_PITCH)
    for level, font, bold in ((1, HEI_FONT, False), (2, KAI_FONT, False), (3, BODY_FONT, True)):
        heading = _style(doc, f"Heading {level}")
        _char(heading, font=font, size=BODY_PT, bold=bold)
        _para(heading, first_line=TWO_CHARS, exact=LINE_PITCH, keep_next=True, outline=level - 1)
        heading.next_paragraph_style = body
    caption = _style(doc, "Caption")
    _char(caption, font=HEI_FONT, size=NUMBER_PT)
    _para(caption, align=WD_ALIGN_PARAGRAPH.CENTER, exact=LINE_PITCH, keep_next=True)

    masthead = _style(doc, MASTHEAD)
    _char(masthead, font=TITLE_FONT, size=36, color=RED, latin=TITLE_FONT[0])
    _para(masthead, align=WD_ALIGN_PARAGRAPH.CENTER, exact=50, before=12, after=12)
    number = _style(doc, ISSUE_NUMBER)
    _char(number, font=BODY_FONT, size=BODY_PT)
    _para(number, align=WD_ALIGN_PARAGRAPH.CENTER, exact=LINE_PITCH)
    line = _style(doc, MASTHEAD_LINE)
    _char(line, font=BODY_FONT, size=BODY_PT)
    _para(line, align=WD_ALIGN_PARAGRAPH.LEFT, exact=LINE_PITCH, after=4)
    _border(line.element.get_or_add_pPr(), "bottom", 12, "E00000")  # 红色分隔线

    for name, font, align in ((TABLE_TEXT, BODY_FONT, WD_ALIGN_PARAGRAPH.LEFT),
                              (TABLE_NUMBER, BODY_FONT, WD_ALIGN_PARAGRAPH.RIGHT),
                              (TABLE_HEADER, HEI_FONT, WD_ALIGN_PARAGRAPH.CENTER)):  # fmt: skip
        cell = _style(doc, name)
        _char(cell, font=font, size=TABLE_PT)
        _para(cell, align=align)
    after_table = _style(doc, AFTER_TABLE)
    _char(after_table, font=BODY_FONT, size=8)
    _para(after_table, exact=8)
    picture = _style(doc, PICTURE)
    _para(picture, align=WD_ALIGN_PARAGRAPH.CENTER, keep_next=True, before=6)
    signature = _style(doc, SIGNATURE)
    _para(signature, align=WD_ALIGN_PARAGRAPH.RIGHT, right=TWO_CHARS, exact=LINE_PITCH)
    date = _style(doc, SIGNATURE_DATE)
    _para(date, align=WD_ALIGN_PARAGRAPH.LEFT, exact=LINE_PITCH)
    mark = _style(doc, ATTACHMENT_MARK)
    _char(mark, font=HEI_FONT, size=BODY_PT)
    _para(mark, align=WD_ALIGN_PARAGRAPH.LEFT, exact=LINE_PITCH)
    imprint = _style(doc, IMPRINT)
    _char(imprint, font=BODY_FONT, size=NUMBER_PT)
    _para(imprint, align=WD_ALIGN_PARAGRAPH.LEFT, left=Pt(NUMBER_PT), right=Pt(NUMBER_PT), exact=LINE_PITCH,
          before=LINE_PITCH)  # fmt: skip
    for name, align, side in ((PAGE_NUMBER_ODD, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                              (PAGE_NUMBER_EVEN, WD_ALIGN_PARAGRAPH.LEFT, "left")):  # fmt: skip
        page = _style(doc, name, base="Footer")
        _char(page, font=SONG_FONT, size=NUMBER_PT, latin=SONG_FONT[0])
        _para(page, align=align, **{side: Pt(NUMBER_PT)})  # 单页码居右空一字, 双页码居左空一字
    _table_style(doc)
    _font_table(doc)


def _defaults(doc) -> None:
    """docDefaults: named fonts instead of the theme's, Chinese as the East Asian language, no spacing."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, BODY_FONT[0])
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    settings = doc.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:eastAsia"), "zh-CN")


def _table_style(doc) -> None:
    """公文表格: thin black grid, 小4 仿宋, cells padded; the header row repeats on every page."""
    style = _style(doc, TABLE, WD_STYLE_TYPE.TABLE, base="")
    style.base_style = doc.styles["Table Grid"]
    _char(style, font=BODY_FONT, size=TABLE_PT)
    tbl = style.element.find(qn("w:tblPr"))
    if tbl is None:
        tbl = OxmlElement("w:tblPr")
        style.element.append(tbl)
    for child in list(tbl):
        tbl.remove(child)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _border(borders, side, 4, "000000", wrap=False)
    tbl.append(borders)
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 30), ("left", 85), ("bottom", 30), ("right", 85)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(width))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl.append(margins)
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    header_rpr = OxmlElement("w:rPr")
    header_rpr.append(OxmlElement("w:b"))
    header.append(header_rpr)
    shading = OxmlElement("w:tcPr")
    shade = OxmlElement("w:shd")
    shade.set(qn("w:val"), "clear")
    shade.set(qn("w:color"), "auto")
    shade.set(qn("w:fill"), "F2F2F2")
    shading.append(shade)
    header.append(shading)
    style.element.append(header)


def _border(parent, side: str, size: int, color: str, wrap: bool = True) -> None:
    if wrap:
        borders = parent.find(qn("w:pBdr"))
        if borders is None:
            borders = OxmlElement("w:pBdr")
            parent.append(borders)
        parent = borders
    edge = OxmlElement(f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), color)
    parent.append(edge)


def rules(paragraph, *, top: int | None, bottom: int | None) -> None:
    """Horizontal rules above and below a paragraph (the 版记's lines)."""
    ppr = paragraph._p.get_or_add_pPr()
    for side, size in (("top", top), ("bottom", bottom)):
        if size:
            _border(ppr, side, size, "000000")


def repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    tr_pr.append(header)


def _font_table(doc) -> None:
    """Name each Chinese font's fallback (altName) and its character set in word/fontTable.xml."""
    part = next((r.target_part for r in doc.part.rels.values() if r.reltype.endswith("/fontTable")), None)
    if part is None:
        return
    xml = part.blob.decode("utf-8")
    entries = "".join(
        f'<w:font w:name="{escape(name)}"><w:altName w:val="{escape(alt)}"/><w:charset w:val="86"/>'
        f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        for (name, alt), family in (
            (TITLE_FONT, "roman"),
            (BODY_FONT, "modern"),
            (HEI_FONT, "modern"),
            (KAI_FONT, "modern"),
            (SONG_FONT, "auto"),
        )
    )
    part._blob = xml.replace("</w:fonts>", entries + "</w:fonts>").encode("utf-8")


def date_indent_pt(issuer: str) -> float:
    """The date's left indent: its first character two characters right of the issuer's, whose last
    character stands two characters from the right margin (GB/T 9704 7.3.5.1)."""
    text_width = TEXT_WIDTH_MM / 25.4 * 72
    return max(0.0, text_width - 2 * BODY_PT - text_width_chars(issuer) * BODY_PT + 2 * BODY_PT)


def properties(doc, official) -> None:
    """The file's properties: title, the issuer as author, the document's date — not python-docx's."""
    props = doc.core_properties
    props.title = official.title
    props.subject = f"{official.masthead} {official.number}"
    props.author = props.last_modified_by = official.issuer
    props.keywords = official.masthead
    props.comments = ""
    props.category = official.masthead
    props.language = "zh-CN" if official.language.startswith("zh") else "en"
    props.revision = 1
    issued = dt.datetime.combine(official.issued, dt.time(0, 0), tzinfo=dt.UTC)
    props.created = props.modified = issued
    package = doc.part.package
    for key, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):  # python-docx's template's picture of another document
            del package.rels[key]
        elif rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = _app_xml(official).encode("utf-8")


def _app_xml(official) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f"<Application>guatu</Application><Company>{escape(official.issuer)}</Company>"
            "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
            "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged></Properties>")  # fmt: skip
