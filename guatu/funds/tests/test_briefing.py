"""The Word briefing's 产业基金 section: the article's sentences from the figures, and an appendix whose
rows sum to each figure."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from docx import Document

from guatu.briefings.punctuation import fullwidth

pytestmark = pytest.mark.django_db

HEADLINE = (
    "今年以来，衢州市产业基金新增投资87亿元，撬动各类资本超300亿元；基金集群扩容115亿元，基金集群规模已达845亿元。"
)
FUND = (
    "省高端新材料基金规模50亿元，其中浙江省产业基金出资15亿元，投资进度超90%,"
    "实现“市域投资落地”“支持高端技术”和“投向民营企业”三个100%。"
)


@pytest.fixture(scope="module")
def document(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        out = tmp_path_factory.mktemp("briefing") / "简报.docx"
        call_command(
            "briefing", "--year", "2024", "--through", "11", "--region", "330800", "--out", str(out), "--no-chart"
        )
    return Document(str(out))


def test_the_section_says_the_articles_sentences(document):
    text = [p.text for p in document.paragraphs]
    heading = next(i for i, t in enumerate(text) if t.endswith("、产业基金"))
    assert text[heading + 1] == fullwidth(HEADLINE)  # the official document's punctuation
    assert "衢州市产业基金投向标志性主导产业达投资总量的85.0%。" in text
    assert fullwidth(FUND) in text
    assert any(t.startswith("提前退出预警：") and "开化县产业投资基金" in t for t in text)


def _tables_after(document, caption_start: str) -> list[list[str]]:
    body = list(document.element.body.iterchildren())
    for i, child in enumerate(body):
        text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
        if child.tag.endswith("}p") and text.startswith(caption_start):
            table = body[i + 1]
            return [
                [
                    "".join(t.text or "" for t in c.iter() if t.tag.endswith("}t"))
                    for c in r.iter()
                    if c.tag.endswith("}tc")
                ]
                for r in table.iter()
                if r.tag.endswith("}tr")
            ]
    raise AssertionError(f"no table captioned {caption_start}")


def amount(text: str) -> D:
    return D(text.replace(",", "").replace("+", "").replace("−", "-"))


def test_the_appendix_rows_sum_to_each_figure(document):
    rows = _tables_after(document, "新增投资870,000.00万元")
    assert len(rows) == 1 + 23 + 1
    assert sum(amount(r[5]) for r in rows[1:-1]) == amount(rows[-1][5]) == D("870000.00")
    assert sum(amount(r[6]) + amount(r[7]) for r in rows[1:-1]) == D("3124000.00")  # 撬动 312.4亿元
    rows = _tables_after(document, "基金集群规模8,450,000.00万元")
    assert sum(amount(r[4]) for r in rows[1:-1]) == amount(rows[-1][4]) == D("8450000.00")
    rows = _tables_after(document, "集群扩容1,150,000.00万元")
    assert sum(amount(r[4]) for r in rows[1:-1]) == D("1150000.00")
    rows = _tables_after(document, "投向标志性产业占比85.0%")
    flagship = sum(amount(r[2]) for r in rows[:-2] if r[1] == "是")
    assert flagship == amount(rows[-2][2]) == D("3289500.00") and amount(rows[-1][2]) == D("3870000.00")


def test_a_reader_outside_the_city_gets_their_own_funds(outsider):
    from guatu.briefings.content import build
    from guatu.core.periods import Period
    from guatu.projects.scope import Scope

    sections = build(Scope(), Period(2024, 11), user=outsider).sections
    funds = next(s for s in sections if s.key == "funds")
    assert (
        funds.paragraphs[0]
        == "今年以来，产业基金新增投资3亿元，撬动各类资本3亿元；基金集群扩容0亿元，基金集群规模已达40亿元。"
    )
