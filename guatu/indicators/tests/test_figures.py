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


def test_the_viewer_ranks_by_level_without_changing_the_indicator():
    """Found: ranking by level or by growth was a global switch on the indicator."""
    fai = Indicator.objects.get(code="FAI")
    by_level = rank_report(fai, unit("330000"), 2024, 11, by="level")
    levels = [r.entry.value for r in by_level.ranking.ranked]
    assert by_level.ranking.by == "level" and levels == sorted(levels, reverse=True)
    assert by_level.ranking.ranked[0].entry.name == "杭州市"
    assert Indicator.objects.get(code="FAI").rank_by == "growth"
    assert rank_report(fai, unit("330000"), 2024, 11).ranking.by == "growth"
    gap = by_level.targets[0].gaps["keep"]
    assert "亿元方可升至第5位" in gap_sentence(fai, gap, "level")  # an amount, not growth points


def test_zones_are_ranked_beside_the_districts_only_when_asked():
    """Found: a zone entered as a zone was neither ranked nor listed as missing."""
    fai = Indicator.objects.get(code="FAI")
    districts = rank_report(fai, unit("330800"), 2024, 11)
    assert len(districts.ranking.ranked) == 6 and [z.name for z in districts.zones_left_out] == ["衢州智造新城"]
    together = rank_report(fai, unit("330800"), 2024, 11, zones=True)
    assert len(together.ranking.ranked) == 7 and together.zones_left_out == []
    zone = together.ranking.of("ZZXC")
    assert zone.entry.zone and zone.entry.growth == IndicatorValue.objects.get(
        indicator=fai, unit__code="ZZXC", year=2024, month=11).growth_pct  # fmt: skip


def test_a_zone_without_a_figure_is_listed_as_missing_when_zones_are_ranked():
    fai = Indicator.objects.get(code="FAI")
    ReportingUnit.objects.create(code="QZ-GX", name="衢州高新区", kind="zone", parent=unit("330800"))
    report = rank_report(fai, unit("330800"), 2024, 11, zones=True)
    assert [(e.name, e.zone) for e in report.ranking.missing] == [("衢州高新区", True)]
    assert report.as_json()["missing"] == [{"unit": "QZ-GX", "name": "衢州高新区", "zone": True}]


def test_a_zone_outside_the_sum_does_not_make_a_correct_parent_look_off():
    """The districts add up to the parent; a zone worth 9.5% of it is never added."""
    fai = Indicator.objects.get(code="FAI")
    city = ReportingUnit.objects.create(code="T-CITY", name="测试市", kind="region")
    for code, kind, value in (("T-A", "region", "600"), ("T-B", "region", "400"), ("T-Z", "zone", "95")):
        child = ReportingUnit.objects.create(code=code, name=code, kind=kind, parent=city)
        IndicatorValue.objects.create(indicator=fai, unit=child, year=2024, month=11, value=D(value), growth_pct=D(3))
    IndicatorValue.objects.create(indicator=fai, unit=city, year=2024, month=11, value=D("1000"), growth_pct=D(3))
    report = drill(fai, city, 2024, 11)
    assert report.districts_total == D("1000") and report.mismatch == 0 and not report.flagged
    assert [z.name for z in report.zones] == ["T-Z"] and report.zones[0].share == D("9.5")


def test_the_mismatch_tolerance_is_the_indicators_setting():
    """Found: the tolerance was fixed in code (1%)."""
    fai = Indicator.objects.get(code="FAI")
    extra = ReportingUnit.objects.create(code="TEST-Z", name="测试县", parent=unit("330800"), kind="region")
    IndicatorValue.objects.create(indicator=fai, unit=extra, year=2024, month=11, value=D("55"), growth_pct=D(1))
    report = drill(fai, unit("330800"), 2024, 11)
    assert D(4) < report.mismatch < D(5) and report.flagged and report.tolerance == D(1)
    fai.mismatch_tolerance_pct = D(5)
    fai.full_clean()
    fai.save()
    assert not drill(fai, unit("330800"), 2024, 11).flagged


def test_the_province_shares_are_of_the_cities_sum_when_it_publishes_none():
    """Found: the province drill-down showed a bare "%" in share cells and an empty chart."""
    report = drill(Indicator.objects.get(code="FAI"), unit("330000"), 2024, 11)
    assert report.parent.value is None and report.base_is_sum
    assert report.base.value == sum(c.value for c in report.children) == report.districts_total
    assert all(c.share is not None and c.points is not None for c in report.children)
    assert abs(sum(c.share for c in report.children) - 100) < D("0.0001")
    assert abs(sum(c.points for c in report.children) - report.base.growth) < D("0.0001")
    assert report.mismatch is None and not report.flagged  # nothing to compare the sum with
    assert report.projects_share == report.projects_total * 100 / report.base.value


def test_key_projects_above_the_countys_own_figure_are_flagged():
    """Found: a project share above 100% of its county's investment was shown without a flag."""
    report = drill(Indicator.objects.get(code="FAI"), unit("330802"), 2024, 11)
    assert report.projects_share > 100 and report.projects_over  # the demo's 柯城区: 133.6%
    assert report.as_json()["projects_over_100"] is True
    assert report.children == [] and report.projects  # a county: no units below, its projects listed
    fine = drill(Indicator.objects.get(code="FAI"), unit("330881"), 2024, 11)
    assert not fine.projects_over and fine.projects_over_count == 0


def test_one_project_above_the_whole_is_flagged_on_its_row():
    from guatu.indicators.figures import ProjectShare

    figures = next(iter(project_figures(Project.objects.all()[:1], Period(2024, 11)).values()))
    assert ProjectShare(figures, D("12"), D("100.01")).over and not ProjectShare(figures, D("12"), D("100")).over


def test_the_board_ranks_every_indicator_the_viewers_way():
    by_level = board(unit("330800"), 2024, 11, by="level")
    assert {r.by for r in by_level} == {"level"}
    own = board(unit("330800"), 2024, 11)
    assert [r.by for r in own] == list(Indicator.objects.values_list("rank_by", flat=True))
    zone_alone = board(unit("ZZXC"), 2024, 11)
    zone_beside = board(unit("ZZXC"), 2024, 11, zones=True)
    assert {r.of for r in zone_alone} == {1} and {r.of for r in zone_beside} == {7}
