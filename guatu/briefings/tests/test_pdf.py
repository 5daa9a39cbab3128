"""The briefing as a PDF: the same official document printed by chromium — A4, a CJK font embedded,
text that extracts, page numbers "— 1 —", the same figures."""

import io
import unicodedata

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from guatu.core.browser import chromium_path
from guatu.core.models import Platform
from guatu.testing.requirements import require

pytestmark = pytest.mark.django_db


def fonts(reader: PdfReader) -> set[tuple[str, bool]]:
    """(font name, glyphs embedded) of every font the pages use. Chromium embeds the CFF outlines of
    Noto CJK as Type 3 fonts (/CharProcs) whose descriptor names the font they came from."""
    found = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            name = str(descriptor.get("/FontName") or font.get("/BaseFont") or "")
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")) or bool(
                font.get("/CharProcs"))  # fmt: skip
            found.add((name, embedded))
    return found


def text(reader: PdfReader, page: int) -> str:
    """A page's text; NFKC folds the Kangxi radicals some CJK glyphs extract as (⽬ → 目)."""
    return unicodedata.normalize("NFKC", reader.pages[page].extract_text())


@pytest.fixture(scope="module")
def pdf(django_db_setup, django_db_blocker, tmp_path_factory):
    require(chromium_path() is not None, "chromium")
    with django_db_blocker.unblock():
        out = tmp_path_factory.mktemp("briefing") / "简报.pdf"
        call_command("briefing", "--year", "2024", "--through", "11", "--platform", "衢州智造新城", "--out", str(out),
                     "--format", "pdf", "--date", "2024-12-05", stdout=io.StringIO())  # fmt: skip
    return PdfReader(str(out))


def test_the_pdf_is_a4_in_a_cjk_font(pdf):
    width, height = float(pdf.pages[0].mediabox.width), float(pdf.pages[0].mediabox.height)
    assert abs(width - 595.28) < 1 and abs(height - 841.89) < 1
    names = {name for name, embedded in fonts(pdf) if embedded}
    assert any("SerifCJK" in n for n in names) and any("SansCJK" in n for n in names), names


def test_the_pdf_says_what_the_word_file_says(pdf):
    first = text(pdf, 0)
    assert "重点项目建设简报" in first and "2024年第11期" in first and "衢州市发展和改革委员会" in first
    assert "230.5亿元" in first and "142.3%" in first and "“千项万亿”" in first and "一、项目建设" in first
    whole = "\n".join(text(pdf, i) for i in range(len(pdf.pages)))
    for figure in (
        "57.2亿元",
        "171.9%",
        "276.1亿元",
        "111.0%",
        "附件",
        "数据来源",
        "2,305,000.00",
        "2024年12月5日印发",
    ):
        assert figure in whole
    assert "<svg" not in whole and "完成率(%)" in whole  # the chart is drawn, its axis in Chinese


def test_every_page_is_numbered(pdf):
    for index in range(len(pdf.pages)):
        assert f"— {index + 1} —" in text(pdf, index)


def test_the_cockpit_offers_the_pdf(demo_client):
    require(chromium_path() is not None, "chromium")
    response = demo_client.get("/briefing.pdf", {"year": 2024, "through": 11,
                                                 "platform": Platform.objects.get(code="ZZXC").pk})  # fmt: skip
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="briefing-2024-11.pdf"'
    assert "230.5亿元" in text(PdfReader(io.BytesIO(response.content)), 0)


def test_a_bad_scope_is_a_400_not_a_pdf(demo_client):
    assert demo_client.get("/briefing.pdf", {"year": 9999, "through": 11}).status_code == 400
