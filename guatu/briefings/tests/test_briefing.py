"""The briefing as an official document (GB/T 9704), read back with python-docx: A4 and its margins,
named styles, page numbers, properties, full-width punctuation — and the article's figures, with an
appendix that adds up."""

import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from docx import Document
from docx.shared import Mm, Pt

from guatu.briefings.content import build
from guatu.briefings.docx import write_docx
from guatu.briefings.punctuation import fullwidth
from guatu.core.models import Platform
from guatu.core.periods import Period
from guatu.projects.scope import Scope

pytestmark = pytest.mark.django_db

SENTENCES = [
    "2024年1至11月，衢州智造新城12个省“千项万亿”工程项目完成投资230.5亿元，完成年度目标任务的142.3%。",
    "2024年1至11月，衢州智造新城5个省集中开工项目完成投资57.2亿元，完成年度目标任务的171.9%。",
    "2024年1至11月，衢州智造新城113个市重点项目完成投资276.1亿元，完成年度目标任务的111.0%。",
]
FIGURES_WAN = {"省“千项万亿”工程项目": D("2305000"), "省集中开工项目": D("572000"), "市重点项目": D("2761000")}
ISSUER = "衢州市发展和改革委员会"
ASCII_MARKS = re.compile(r'(?<!\d)[,:]|[,:](?!\d)|[;()"?!]')


@pytest.fixture(scope="module")
def document(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        out = tmp_path_factory.mktemp("briefing") / "简报.docx"
        call_command("briefing", "--year", "2024", "--through", "11", "--platform", "衢州智造新城", "--out", str(out),
                     "--no-chart", "--date", "2024-12-05", stdout=io.StringIO())  # fmt: skip
    return Document(str(out))


def text_of(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def styled(document, style: str) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == style]


def test_the_page_is_a4_with_the_standards_margins(document):
    """Found: US Letter."""
    section = document.sections[0]
    page = (section.page_width, section.page_height)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    for measured, mm in zip((*page, *margins), (210, 297, 37, 35, 28, 26), strict=True):
        assert abs(measured - Mm(mm)) < Mm(0.1)


def test_the_masthead_title_and_signature(document):
    assert document.paragraphs[0].text == "重点项目建设简报" and document.paragraphs[0].style.name == "版头"
    assert document.paragraphs[1].text == "2024年第11期"
    assert document.paragraphs[2].text == f"{ISSUER}\t2024年12月5日"
    assert styled(document, "Title")[0] == "衢州智造新城重点项目建设简报（2024年1至11月）"
    assert styled(document, "Subtitle") == ["期间：2024年1至11月    范围：衢州智造新城"]
    assert styled(document, "署名")[-1] == ISSUER and styled(document, "成文日期") == ["2024年12月5日"]


def test_paragraphs_carry_real_styles_by_level(document):
    """Found: every paragraph "Normal"."""
    assert styled(document, "Heading 1")[:2] == ["一、项目建设", "二、预警与问题"]
    assert styled(document, "Heading 2")[:3] == [
        "（一）省“千项万亿”工程项目",
        "（二）省集中开工项目",
        "（三）市重点项目",
    ]
    assert "各类项目投资完成情况" in styled(document, "Caption")
    assert any(text.startswith(SENTENCES[0]) for text in styled(document, "Normal"))
    used = {p.style.name for p in document.paragraphs}
    assert {"版头", "Title", "Subtitle", "Heading 1", "Heading 2", "Normal", "Caption", "署名", "附件标识"} <= used


def _east_asian(style) -> str:
    from docx.oxml.ns import qn

    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_styles_follow_gb_t_9704(document):
    styles = document.styles
    normal = styles["Normal"]
    assert _east_asian(normal) == "仿宋_GB2312" and normal.font.size == Pt(16)  # 3号
    assert normal.paragraph_format.first_line_indent == Pt(32)  # two characters
    assert normal.paragraph_format.line_spacing == Pt(28.95) and normal.paragraph_format.line_spacing_rule == 4
    assert _east_asian(styles["Title"]) == "方正小标宋简体" and styles["Title"].font.size == Pt(22)  # 2号
    assert _east_asian(styles["Heading 1"]) == "黑体" and _east_asian(styles["Heading 2"]) == "楷体_GB2312"
    assert styles["Heading 3"].font.bold and _east_asian(styles["Heading 3"]) == "仿宋_GB2312"
    for name in ("Title", "Heading 1", "Heading 2"):
        assert styles[name].font.color.rgb == (0, 0, 0)  # not the template's blue
    table = next(r.target_part for r in document.part.rels.values() if r.reltype.endswith("/fontTable"))
    assert '<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>' in table.blob.decode()


def test_tables_use_the_official_table_style(document):
    assert document.tables and {t.style.name for t in document.tables} == {"公文表格"}
    header = document.tables[0].rows[0].cells[0].paragraphs[0]
    assert header.style.name == "表头" and header.text == "项目名单"
    assert document.tables[0].rows[1].cells[6].paragraphs[0].style.name == "表格数字"


def test_every_page_is_numbered_with_a_page_field(document):
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, style in ((section.footer, "页码（单页）"), (section.even_page_footer, "页码（双页）")):
        paragraph = footer.paragraphs[0]
        assert paragraph.style.name == style and paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in footer._element.xml


def test_the_properties_name_the_issuer_and_the_documents_date(document):
    """Found: the properties said "python-docx" and a 2013 date."""
    props = document.core_properties
    assert props.title == "衢州智造新城重点项目建设简报（2024年1至11月）"
    assert props.author == ISSUER and props.last_modified_by == ISSUER and props.comments == ""
    assert props.created.date() == dt.date(2024, 12, 5) == props.modified.date()
    package = document.part.package
    assert not any(r.reltype.endswith("/thumbnail") for r in package.rels.values())
    app = next(r.target_part for r in package.rels.values() if r.reltype.endswith("/extended-properties"))
    assert b"<Application>guatu</Application>" in app.blob and b"Macintosh" not in app.blob


def test_the_article_sentences_are_in_the_briefing_with_full_width_punctuation(document):
    """Found: ASCII commas and straight quotes."""
    text = text_of(document)
    for sentence in SENTENCES:
        assert sentence in text
    assert "113个项目已全部开工" in text
    for paragraph in document.paragraphs:
        if re.search(r"[\u4e00-\u9fff]", paragraph.text):
            assert not ASCII_MARKS.search(paragraph.text), paragraph.text


def test_warnings_and_problems_are_summarised(document):
    text = text_of(document)
    assert "二、预警与问题" in text and "红色预警项目" in text and "尚未解决的问题" in text


def _appendix_tables(document) -> dict[str, list[list[str]]]:
    """The appendix's tables, keyed by the list named in the caption before each."""
    tables, label = {}, None
    for child in document.element.body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if "：本年累计完成" in text:
                label = text.split("：")[0]
        elif child.tag.endswith("}tbl") and label:
            rows = [["".join(t.text or "" for t in c.iter() if t.tag.endswith("}t")) for c in r.iter()
                     if c.tag.endswith("}tc")] for r in child.iter() if r.tag.endswith("}tr")]  # fmt: skip
            tables[label], label = rows, None
    return tables


def test_the_appendix_rows_sum_to_each_figure(document):
    assert styled(document, "附件标识") == ["附件"] and "附件：数据来源" in styled(document, "Normal")
    tables = _appendix_tables(document)
    assert set(tables) == set(FIGURES_WAN)
    for label, rows in tables.items():
        body, total = rows[1:-1], rows[-1]
        amounts = [D(r[3].replace(",", "")) for r in body]
        assert sum(amounts) == FIGURES_WAN[label] == D(total[3].replace(",", ""))
        assert all(r[2] == "2024-11" for r in body)  # each row names the monthly report it comes from
    assert len(tables["省“千项万亿”工程项目"]) == 12 + 2


def test_the_imprint_closes_the_document(document):
    assert document.paragraphs[-1].style.name == "版记"
    assert document.paragraphs[-1].text == f"{ISSUER}\t2024年12月5日印发"


def test_the_briefing_has_its_chart_when_chromium_is_there():
    from guatu.core.browser import chromium_path
    from guatu.testing.requirements import require

    require(chromium_path() is not None, "chromium")
    content = build(Scope(platform=Platform.objects.get(code="ZZXC")), Period(2024, 11))
    document = Document(io.BytesIO(write_docx(content)))
    assert len(document.inline_shapes) == 1
    assert "各类项目年度目标完成率与序时进度" in styled(document, "Caption")


def test_the_chart_speaks_chinese():
    from guatu.briefings.chart import completion_chart_svg

    svg = completion_chart_svg(
        ["省“千项万亿”工程项目", "市重点项目"], [D("142.28"), None], Period(2024, 11).elapsed_pct
    )
    assert "完成率（%）" in svg and "序时进度" in svg and "142.3%" in svg and "—" in svg
    assert all(f">{t}%<" in svg for t in (0, 50, 100, 150)) and "Completion" not in svg


def test_the_cockpit_buttons_download_the_same_briefing(demo_client):
    response = demo_client.get("/briefing.docx", {"year": 2024, "through": 11,
                                                  "platform": Platform.objects.get(code="ZZXC").pk})  # fmt: skip
    assert response.status_code == 200 and "wordprocessingml" in response["Content-Type"]
    assert SENTENCES[0] in text_of(Document(io.BytesIO(response.content)))
    cockpit = demo_client.get("/").content.decode()
    assert "briefing-button" in cockpit and 'id="briefing-pdf-button" href="/briefing.pdf?' in cockpit


def test_the_briefing_needs_a_docx_or_pdf_name(tmp_path):
    with pytest.raises(CommandError, match="docx"):
        call_command("briefing", "--year", "2024", "--through", "11", "--out", str(tmp_path / "x.txt"))
    with pytest.raises(CommandError, match="matching --format"):
        call_command("briefing", "--year", "2024", "--through", "11", "--out", str(tmp_path / "x.docx"),
                     "--format", "pdf")  # fmt: skip


def test_a_folder_that_does_not_exist_is_a_clear_error():
    """Found: `guatu briefing --out /nonexistent/x.docx` printed a traceback."""
    with pytest.raises(CommandError, match="/nonexistent does not exist"):
        call_command("briefing", "--year", "2024", "--through", "11", "--out", "/nonexistent/x.docx", "--no-chart")
    with pytest.raises(CommandError, match="--date"):
        call_command("briefing", "--out", "/tmp/x.docx", "--date", "2024-13-01")


def test_an_english_briefing_keeps_its_punctuation():
    content = build(Scope(platform=Platform.objects.get(code="ZZXC")), Period(2024, 11), language="en")
    document = Document(io.BytesIO(write_docx(content, language="en", chart=False, issued=dt.date(2024, 12, 5))))
    assert "1. Project construction" in styled(document, "Heading 1")
    assert fullwidth("x, y") == "x, y"


def test_the_sections_other_parts_register_are_rendered_officially(monkeypatch):
    from guatu.briefings import sections
    from guatu.briefings.sections import Section, Table

    def builder(scope, period, *, user):
        table = Table(["地区", "金额(亿元)"], [["柯城区", "1,234.50"]], caption="分地区情况:2024年")
        source = Table(["编号", "金额"], [["T-1", "98.00"]], caption="测试板块:来源")
        return Section("test", "测试板块", paragraphs=['全市签约项目16个,总投资98亿元;"一把手"工程(领衔推进).'],
                       tables=[table], appendix=[source], order=1)  # fmt: skip

    monkeypatch.setattr(sections, "BUILDERS", {"test": builder})
    content = build(Scope(platform=Platform.objects.get(code="ZZXC")), Period(2024, 11))
    document = Document(io.BytesIO(write_docx(content, chart=False, issued=dt.date(2024, 12, 5))))
    assert styled(document, "Heading 1")[2] == "三、测试板块"
    assert "全市签约项目16个，总投资98亿元；“一把手”工程（领衔推进）。" in styled(document, "Normal")
    assert {"分地区情况：2024年", "测试板块：来源"} <= set(styled(document, "Caption"))
    assert "（二）测试板块" in styled(document, "Heading 2")  # its appendix, in the attachment
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "地区")
    assert table.style.name == "公文表格" and table.rows[0].cells[1].text == "金额（亿元）"
    assert table.rows[1].cells[1].text == "1,234.50" and table.rows[1].cells[1].paragraphs[0].style.name == "表格数字"
