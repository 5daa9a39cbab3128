"""The briefing read back with python-docx: the article's sentences and an appendix that adds up."""

import io
from decimal import Decimal as D

import pytest
from django.core.management import call_command
from docx import Document

from guatu.briefings.content import build
from guatu.briefings.docx import write_docx
from guatu.core.models import Platform
from guatu.core.periods import Period
from guatu.projects.scope import Scope

pytestmark = pytest.mark.django_db

SENTENCES = [
    '2024年1至11月,衢州智造新城12个省"千项万亿"工程项目完成投资230.5亿元,完成年度目标任务的142.3%。',
    "2024年1至11月,衢州智造新城5个省集中开工项目完成投资57.2亿元,完成年度目标任务的171.9%。",
    "2024年1至11月,衢州智造新城113个市重点项目完成投资276.1亿元,完成年度目标任务的111.0%。",
]
FIGURES_WAN = {'省"千项万亿"工程项目': D("2305000"), "省集中开工项目": D("572000"), "市重点项目": D("2761000")}


@pytest.fixture(scope="module")
def document(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        out = tmp_path_factory.mktemp("briefing") / "简报.docx"
        call_command("briefing", "--year", "2024", "--through", "11", "--platform", "衢州智造新城", "--out", str(out),
                     "--no-chart")  # fmt: skip
    return Document(str(out))


def text_of(document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_the_title_period_and_scope(document):
    assert document.paragraphs[0].text == "衢州智造新城重点项目建设简报(2024年1至11月)"
    assert "期间:2024年1至11月" in document.paragraphs[1].text and "范围:衢州智造新城" in document.paragraphs[1].text


def test_the_article_sentences_are_in_the_briefing(document):
    text = text_of(document)
    for sentence in SENTENCES:
        assert sentence in text
    assert "113个项目已全部开工" in text


def test_warnings_and_problems_are_summarised(document):
    text = text_of(document)
    assert "二、预警与问题" in text and "红色预警项目" in text and "尚未解决的问题" in text


def _appendix_tables(document) -> dict[str, list[list[str]]]:
    """The appendix's tables, keyed by the list named in the paragraph before each."""
    body = document.element.body
    tables, label = {}, None
    for child in body.iterchildren():
        if child.tag.endswith("}p"):
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            if ":本年累计完成" in text:
                label = text.split(":")[0]
        elif child.tag.endswith("}tbl") and label:
            rows = [["".join(t.text or "" for t in c.iter() if t.tag.endswith("}t")) for c in r.iter()
                     if c.tag.endswith("}tc")] for r in child.iter() if r.tag.endswith("}tr")]  # fmt: skip
            tables[label], label = rows, None
    return tables


def test_the_appendix_rows_sum_to_each_figure(document):
    tables = _appendix_tables(document)
    assert set(tables) == set(FIGURES_WAN)
    for label, rows in tables.items():
        body, total = rows[1:-1], rows[-1]
        amounts = [D(r[3].replace(",", "")) for r in body]
        assert sum(amounts) == FIGURES_WAN[label] == D(total[3].replace(",", ""))
        assert all(r[2] == "2024-11" for r in body)  # each row names the monthly report it comes from
    assert len(tables['省"千项万亿"工程项目']) == 12 + 2


def test_the_briefing_has_its_chart_when_chromium_is_there():
    from guatu.core.browser import chromium_path
    from guatu.testing.requirements import require

    require(chromium_path() is not None, "chromium")
    content = build(Scope(platform=Platform.objects.get(code="ZZXC")), Period(2024, 11))
    document = Document(io.BytesIO(write_docx(content)))
    assert len(document.inline_shapes) == 1


def test_the_cockpit_button_downloads_the_same_briefing(demo_client):
    response = demo_client.get("/briefing.docx", {"year": 2024, "through": 11,
                                                  "platform": Platform.objects.get(code="ZZXC").pk})  # fmt: skip
    assert response.status_code == 200 and "wordprocessingml" in response["Content-Type"]
    assert SENTENCES[0] in text_of(Document(io.BytesIO(response.content)))
    assert "briefing-button" in demo_client.get("/").content.decode()


def test_the_briefing_needs_a_docx_name(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="docx"):
        call_command("briefing", "--year", "2024", "--through", "11", "--out", str(tmp_path / "x.pdf"))
