"""The briefing's 科创平台 section: the article's sentence from the stored figures, traced to its rows."""

from __future__ import annotations

import io

import pytest
from django.utils import translation
from docx import Document

from guatu.briefings.content import build
from guatu.briefings.docx import write_docx
from guatu.core.models import Platform
from guatu.core.periods import Period
from guatu.innovation.briefing import section
from guatu.projects.scope import Scope

pytestmark = pytest.mark.django_db

SENTENCE = (
    "两年来，衢州资源化工创新研究院累计引育高层次人才269人，原创12套首台套工程化装置及技术体系，发表论文160余篇，"
    "申请专利90余件，获批国家和省级重点项目6项，服务企业300余次。"
)


def zhizao() -> Scope:
    return Scope(platform=Platform.objects.get(code="ZZXC"))


def test_the_institutes_paragraph_is_in_the_articles_register():
    with translation.override("zh-hans"):
        found = section(zhizao(), Period(2024, 11), user=None)
    first = found.paragraphs[0]
    assert first.startswith(SENTENCE)
    assert (
        "按2024年度产业创新研究院导向化绩效评价方案，2024年度得分104.31分，评定为优秀，在2家产业创新研究院中排名第1。"
        in first
    )
    assert "其成果转化形成1个项目：年产15万吨高端无机精细化学品项目（技术入股，总投资25亿元）。" in first
    assert found.title == "科创平台" and found.key == "innovation"


def test_the_appendix_traces_each_figure_to_the_yearly_rows():
    with translation.override("zh-hans"):
        found = section(zhizao(), Period(2024, 11), user=None)
    table = next(t for t in found.appendix if t.caption.startswith("衢州资源化工创新研究院：年度产出"))
    rows = {row[0]: row for row in table.rows}
    assert rows["2023"][1:7] == ["121", "5", "72", "38", "2", "130"]
    assert rows["2024"][1:7] == ["148", "7", "88", "52", "4", "170"]
    assert rows["合计"][1:7] == ["269", "12", "160余", "90余", "6", "300余"]
    score = next(t for t in found.appendix if "评分表" in t.caption and "资源化工" in t.caption)
    assert score.rows[-1][-1] == "104.31"


def test_the_section_reads_only_what_the_user_may_see(outsider):
    with translation.override("zh-hans"):
        assert section(zhizao(), Period(2024, 11), user=outsider) is None
        found = section(Scope(), Period(2024, 11), user=outsider)
    assert len(found.paragraphs) == 1 and found.paragraphs[0].startswith("两年来，江山智能装备产业创新研究院")
    assert "在1家" not in found.paragraphs[0]  # a rank among one is not worth saying


def test_the_word_briefing_carries_the_section_and_its_appendix():
    briefing = build(zhizao(), Period(2024, 11), user=None)
    document = Document(io.BytesIO(write_docx(briefing, chart=False)))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "、科创平台" in text and SENTENCE in text
    assert "衢州资源化工创新研究院：年度产出及合计" in text
