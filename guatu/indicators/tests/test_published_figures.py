"""Rankings and drill-down on real published figures: the Zhejiang Statistical Yearbook 2016, table
17-2 (各市国民经济主要指标, 2015). See tests/data/README.md for the source and what it covers."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from guatu.indicators.figures import drill, rank_report
from guatu.indicators.importer import import_values
from guatu.indicators.models import Indicator, IndicatorValue, ReportingUnit
from guatu.indicators.ranking import gap_to_rank

pytestmark = pytest.mark.django_db
DATA = Path(__file__).parent / "data" / "zj_yearbook_2016_t17_2.csv"
# The table's subtotal for 浙东北 (杭州, 宁波, 嘉兴, 湖州, 绍兴, 舟山), 亿元.
NORTHEAST = {"GDP": D("29214.69"), "FAI": D("17696.95"), "RETAIL": D("12541.94")}
NORTHEAST_CITIES = ["330100", "330200", "330400", "330500", "330600", "330900"]


@pytest.fixture
def yearbook():
    report = import_values(DATA)
    assert report.ok and report.result.created == 21
    return report


def test_the_cities_rank_by_gdp_level_as_published(yearbook):
    gdp = Indicator.objects.get(code="GDP")
    gdp.rank_by = "level"  # a yearbook table gives levels; rank on them
    report = rank_report(gdp, ReportingUnit.objects.get(code="330000"), 2015, 12)
    assert [(r.entry.name, r.rank) for r in report.ranking.ranked] == [
        ("杭州市", 1),
        ("宁波市", 2),
        ("温州市", 3),
        ("绍兴市", 4),
        ("嘉兴市", 5),
        ("湖州市", 6),
        ("舟山市", 7),
    ]
    assert sorted(e.name for e in report.ranking.missing) == ["丽水市", "台州市", "衢州市", "金华市"]


def test_the_gap_by_level_is_computed_by_hand(yearbook):
    fai = Indicator.objects.get(code="FAI")
    fai.rank_by = "level"
    report = rank_report(fai, ReportingUnit.objects.get(code="330000"), 2015, 12)
    assert [r.entry.name for r in report.ranking.ranked][3:5] == ["绍兴市", "嘉兴市"]
    gap = gap_to_rank(report.ranking, "330400", 4)  # 嘉兴 → 4th, held by 绍兴
    assert gap.holder.name == "绍兴市" and gap.amount == D("69.02")  # 2582.84 − 2513.82


@pytest.mark.parametrize("code", ["GDP", "FAI", "RETAIL"])
def test_the_northeast_cities_add_up_to_the_published_subtotal(yearbook, code):
    indicator = Indicator.objects.get(code=code)
    region = ReportingUnit.objects.create(code="ZDB", name="浙东北", kind="zone")
    IndicatorValue.objects.create(indicator=indicator, unit=region, year=2015, month=12, value=NORTHEAST[code])
    for city in NORTHEAST_CITIES:  # a grouping of real cities, as the yearbook groups them
        real = ReportingUnit.objects.get(code=city)
        twin = ReportingUnit.objects.create(code=f"ZDB-{city}", name=real.name, parent=region, kind="region")
        value = IndicatorValue.objects.get(indicator=indicator, unit=real, year=2015, month=12).value
        IndicatorValue.objects.create(indicator=indicator, unit=twin, year=2015, month=12, value=value)
    report = drill(indicator, region, 2015, 12)
    assert abs(report.mismatch) < D("0.001") and not report.flagged  # within the table's rounding
    hangzhou = next(c for c in report.children if c.name == "杭州市")
    expected_share = {"GDP": D("34.40"), "FAI": D("31.40"), "RETAIL": D("37.45")}[code]
    assert round(hangzhou.share, 2) == expected_share
