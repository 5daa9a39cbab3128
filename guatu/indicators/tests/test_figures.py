"""Ranking, board and drill-down on the demo's (illustrative) figures, checked against their own sums."""

from decimal import Decimal as D

import pytest

from guatu.core.periods import Period
from guatu.indicators.figures import board, drill, gap_sentence, published_month, rank_report
from guatu.indicators.models import Indicator, IndicatorValue, ReportingUnit
from guatu.projects.models import Project
from guatu.projects.progress import project_figures

pytestmark = pytest.mark.django_db


def unit(code: str) -> ReportingUnit:
    return ReportingUnit.objects.get(code=code)


def test_a_quarterly_indicator_reads_its_latest_quarter():
    gdp = Indicator.objects.get(code="GDP")
    assert [published_month(gdp, m) for m in (3, 5, 11, 12)] == [3, 3, 9, 12]


def test_the_eleven_cities_are_ranked_with_quzhous_target_and_gaps():
    report = rank_report(Indicator.objects.get(code="FAI"), unit("330000"), 2024, 11)
    assert len(report.ranking.ranked) == 11 and report.ranking.missing == []
    growths = [r.key for r in report.ranking.ranked]
    assert growths == sorted(growths, reverse=True)
    status = report.targets[0]
    assert status.unit.code == "330800" and (status.target.keep, status.target.strive, status.target.fight) == (5, 3, 1)
    own = report.ranking.of("330800")
    fifth = report.ranking.ranked[4]
    gap = status.gaps["keep"]
    if own.rank > 5:
        assert gap.points == fifth.key - own.key
        assert gap.amount == own.entry.prior * gap.points / 100
    data = report.as_json()
    assert {"unit", "value", "growth_pct", "rank"} <= set(data["rows"][0])


def test_the_gap_reads_like_a_briefing():
    report = rank_report(Indicator.objects.get(code="FAI"), unit("330000"), 2024, 11)
    gap = report.targets[0].gaps["fight"]
    sentence = gap_sentence(report.indicator, gap)
    assert "固定资产投资" in sentence and "第1位" in sentence


def test_contributions_of_the_counties_add_up_to_quzhous_growth():
    report = drill(Indicator.objects.get(code="FAI"), unit("330800"), 2024, 11)
    assert [c.name for c in report.children] == ["柯城区", "衢江区", "常山县", "开化县", "龙游县", "江山市"]
    assert abs(sum(c.points for c in report.children) - report.parent.growth) < D("0.01")
    assert abs(sum(c.share for c in report.children) - 100) < D("0.01")
    assert not report.flagged  # counties add up to the city
    assert [z.name for z in report.zones] == ["衢州智造新城"]  # the zone is shown beside them, not summed


def test_a_falling_county_contributes_negatively():
    report = drill(Indicator.objects.get(code="IND_INV"), unit("330800"), 2024, 11)
    kaihua = next(c for c in report.children if c.name == "开化县")
    assert kaihua.growth < 0 and kaihua.points < 0 and kaihua.rate < 0


def test_children_that_do_not_add_up_are_flagged(django_assert_max_num_queries):
    fai = Indicator.objects.get(code="FAI")
    extra = ReportingUnit.objects.create(code="TEST-Z", name="测试县", parent=unit("330800"), kind="region")
    IndicatorValue.objects.create(indicator=fai, unit=extra, year=2024, month=11, value=D("300"), growth_pct=D(1))
    report = drill(fai, unit("330800"), 2024, 11)
    assert report.flagged and report.mismatch > 20


def test_investment_drills_down_to_the_key_projects_inside():
    fai = Indicator.objects.get(code="FAI")
    report = drill(fai, unit("330800"), 2024, 11)
    quzhou = Project.objects.in_region(unit("330800").region)
    figures = project_figures(quzhou, Period(2024, 11))
    expected = sum((f.ytd_actual or 0) for f in figures.values()) / 10000  # 万元 → 亿元
    assert report.projects_total == expected
    assert report.projects_share == expected * 100 / report.parent.value
    assert report.projects[0].amount >= report.projects[-1].amount
    assert all(f.completion < Period(2024, 11).elapsed_pct for f in report.laggards)


def test_the_zone_drills_to_its_platforms_projects():
    report = drill(Indicator.objects.get(code="FAI"), unit("ZZXC"), 2024, 11)
    assert len(report.projects) == 125  # 衢州智造新城's key projects


def test_the_board_has_every_indicator_with_rank_band_and_trend():
    rows = board(unit("330800"), 2024, 11)
    assert [r.indicator.code for r in rows] == list(Indicator.objects.values_list("code", flat=True))
    for row in rows:
        assert row.rank is not None and row.of == 11
        assert row.status is not None
        assert row.rank_series[-1] == (row.period.month, row.rank)
        if row.status.band != "fight":
            assert row.next_gap is not None and row.sentence()
