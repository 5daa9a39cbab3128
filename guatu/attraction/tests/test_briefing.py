"""The Word briefing's 招商引资 section in the article's register, and its appendix that adds up."""

from decimal import Decimal as D

import pytest
from django.core.management import call_command
from docx import Document

from guatu.attraction.briefing import build_section
from guatu.briefings.punctuation import fullwidth
from guatu.core.models import Platform
from guatu.core.periods import Period
from guatu.projects.scope import Scope

pytestmark = pytest.mark.django_db

ARTICLE = [
    "11月7日，衢州举行2024年产业资本招商大会，",
    "新能源产业领域，省市县三级联动投资4000万元招引安徽富锂锰基项目(龙理新能源)总部迁址龙游。",
    "招引鹏辉能源、UTG等2个百亿级项目落地。",
    "坚持把招商引资作为“一把手”工程，",
]
SENTENCES = [
    "2024年1至11月，全市签约招商项目16个、总投资98亿元，分别完成年度目标任务的80.0%和122.5%；"
    "其中亿元以上项目15个、10亿元以上项目3个、百亿级项目0个。",
    "签约项目履约率37.5%、落地率25.0%、开工率6.3%、投产率0.0%，实际到位资金11.3亿元，产业契合度96.6%。",
    "11月7日，衢州举行2024年产业资本招商大会，集中签约项目8个，总投资55.5亿元。",
    "坚持把招商引资作为“一把手”工程，14个签约项目由“一把手”领衔推进、2个由领导挂帅推进。",
    "截至2024-11-30，招商线索待办提醒4条，其中退出评估1条。",
]


@pytest.fixture(scope="module")
def document(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        out = tmp_path_factory.mktemp("briefing") / "简报.docx"
        call_command("briefing", "--year", "2024", "--through", "11", "--out", str(out), "--no-chart")
    return Document(str(out))


def _tables_after(document, caption: str) -> list[list[str]]:
    body, found = list(document.element.body.iterchildren()), False
    for child in body:
        text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
        if child.tag.endswith("}p") and text.startswith(caption):
            found = True
        elif child.tag.endswith("}tbl") and found:
            return [
                [
                    "".join(t.text or "" for t in c.iter() if t.tag.endswith("}t"))
                    for c in r.iter()
                    if c.tag.endswith("}tc")
                ]
                for r in child.iter()
                if r.tag.endswith("}tr")
            ]
    raise AssertionError(f"no table after {caption!r}")


def test_the_section_carries_the_articles_sentences_and_the_periods_figures(document):
    text = "\n".join(p.text for p in document.paragraphs)
    assert "三、招商引资" in text
    for sentence in ARTICLE + SENTENCES:
        assert fullwidth(sentence) in text  # the official document's punctuation


def test_the_appendix_lists_the_signed_leads_adding_up_to_the_signed_amount(document):
    rows = _tables_after(document, "招商引资：本期签约的16条线索")
    body, total = rows[1:-1], rows[-1]
    assert len(body) == 16 and [r[0] for r in body][:2] == ["ZS2024-001", "ZS2024-014"]
    assert sum(D(r[5].replace(",", "")) for r in body) == D("980000") == D(total[5].replace(",", ""))
    assert sum(D(r[7].replace(",", "")) for r in body) == D("113000")
    giants = _tables_after(document, "招商引资：截至期末累计签约的百亿级项目")
    assert [r[0] for r in giants[1:]] == ["ZS2022-002", "ZS2022-001"]


def test_the_regional_table_adds_up(document):
    rows = _tables_after(document, "签约项目分地区情况")
    assert rows[-1][:3] == ["合计", "16", "98"] and sum(int(r[1]) for r in rows[1:-1]) == 16


def test_a_platforms_briefing_speaks_of_its_own_signings_at_the_event():
    section = build_section(Scope(platform=Platform.objects.get(code="ZZXC")), Period(2024, 11), user=None)
    assert "11月7日，衢州举行2024年产业资本招商大会，衢州智造新城签约项目2个，总投资18亿元。" in section.paragraphs
    assert section.paragraphs[0].startswith(
        "2024年1至11月，衢州智造新城签约招商项目6个、总投资48.7亿元，分别完成年度目标任务的75.0%和121.8%"
    )


def test_the_section_reads_only_what_the_user_may_see(outsider):
    section = build_section(Scope(), Period(2024, 11), user=outsider)
    assert section.paragraphs[0].startswith("2024年1至11月，全市签约招商项目2个、总投资7.5亿元；")
