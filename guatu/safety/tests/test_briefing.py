"""The briefing's 安全生产 section: the article's register, a table per county, an appendix that adds up."""

import io

import pytest
from docx import Document

from guatu.briefings.content import build
from guatu.briefings.docx import write_docx
from guatu.core.models import Region
from guatu.core.periods import Period
from guatu.projects.scope import Scope
from guatu.safety.briefing import safety_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(db):
    return safety_section(Scope(region=Region.objects.get(code="330800")), Period(2024, 11), user=None)


def test_the_paragraphs_read_like_the_article(section):
    text = "\n".join(section.paragraphs)
    assert section.title == "安全生产"
    assert (
        "2024年1至11月，全市共开展安全生产检查14次，覆盖项目12个，排查事故隐患14处，其中重大隐患3处；"
        "已整改9处，整改率64.3%。截至11月30日，尚有5处隐患正在整改(其中重大隐患2处)，"
        "逾期未整改2处(其中重大隐患1处，已挂牌督办)。"
    ) in text
    assert (
        "共发生生产安全事故3起(一般事故3起)，死亡2人、重伤3人，直接经济损失285万元；"
        "未发生较大及以上生产安全事故。" in text
    )
    assert "平安衢州已实现“十八连冠”(2006—2023年)，2024年再获平安即为连续第19年，力争实现“十九连冠”。" in text
    assert "县(市、区)2006—2011、2013—2014、2016、2018—2023年实现“满堂红”。" in text
    assert "但须警惕：衢江区重大事故隐患逾期未整改。" in text


def test_the_appendix_lists_the_rows_behind_each_figure(section):
    found, still_open, accidents, awards = section.appendix
    assert len(found.rows) == 14 and len(still_open.rows) == 5 and len(accidents.rows) == 3
    assert [r[0] for r in still_open.rows if r[-1]] == ["YH-2024-007", "YH-2024-011"]
    assert next(r for r in still_open.rows if r[0] == "YH-2024-007")[-1] == "12"
    assert len(awards.rows) == 18 and all(r[1] == "获评" for r in awards.rows)
    table = section.tables[0]
    assert table.rows[-1][:5] == ["衢州市", "14", "14", "3/2", "1/1"]


def test_the_word_briefing_carries_the_section():
    document = Document(io.BytesIO(write_docx(build(Scope(region=Region.objects.get(code="330800")),
                                                   Period(2024, 11)), chart=False)))  # fmt: skip
    text = "\n".join(p.text for p in document.paragraphs)
    assert "、安全生产" in text and "十九连冠" in text


def test_an_outsiders_section_counts_only_their_county(outsider):
    section = safety_section(Scope(region=Region.objects.get(code="330800")), Period(2024, 11), user=outsider)
    assert section.tables[0].rows[-1][:3] == ["衢州市", "2", "1"]
