"""The demo's safety year, Quzhou 2024 as of 2024-11-30: the figures every page, API, CLI and briefing show."""

import datetime as dt

import pytest

from guatu.core.models import Platform, Region
from guatu.core.periods import Period
from guatu.projects.scope import Scope
from guatu.safety.figures import summary
from guatu.safety.tests.factories import accident

pytestmark = pytest.mark.django_db
CITY = Scope(region=None)


@pytest.fixture
def year(db):
    return summary(Scope(), Period(2024, 11))


def test_the_city_totals(year):
    t = year.total
    assert (year.city.code, year.as_of) == ("330800", dt.date(2024, 11, 30))
    assert (t.inspections, t.hazards_found, t.hazards_open, t.hazards_overdue) == (
        14,
        14,
        {"general": 3, "major": 2},
        {"general": 1, "major": 1},
    )
    assert t.accidents == {"general": 3, "larger": 0, "major": 0, "especially_major": 0}
    assert (t.deaths, t.serious_injuries, str(t.direct_loss)) == (2, 3, "285.00")


def test_the_city_is_on_course_for_its_nineteenth_award(year):
    s = year.total.award.streak
    assert (s.result, s.count, s.first_year, s.last_year) == (None, 18, 2006, 2023)
    assert (
        s.next_ordinal == 19 and year.total.award.goal_label == "十九连冠" and year.total.award.run_label == "十八连冠"
    )
    assert year.on_course


def test_full_house_is_pending_this_year_and_its_history_is_known(year):
    assert year.full_house is None  # 2024 not yet awarded
    assert year.full_house_years == [
        2006,
        2007,
        2008,
        2009,
        2010,
        2011,
        2013,
        2014,
        2016,
        2018,
        2019,
        2020,
        2021,
        2022,
        2023,
    ]
    assert year.counties_on_course


def test_per_county_rows_and_streaks(year):
    rows = {u.region.code: u for u in year.counties}
    assert list(rows) == ["330802", "330803", "330822", "330824", "330825", "330881"]
    assert (rows["330803"].hazards_open, rows["330803"].hazards_overdue) == (
        {"general": 0, "major": 1},
        {"general": 0, "major": 1},
    )
    assert rows["330822"].hazards_overdue == {"general": 1, "major": 0}
    assert {c: u.award.streak.count for c, u in rows.items()} == {
        "330802": 18,
        "330803": 8,
        "330822": 11,
        "330824": 18,
        "330825": 18,
        "330881": 6,
    }
    assert sum(u.accidents_total for u in rows.values()) == year.total.accidents_total == 3


def test_the_threat_is_the_overdue_major_hazard_and_it_warns(year):
    assert [(t.rule.code, t.rule.effect, t.key, t.region.code) for t in year.threats] == [
        ("overdue-major-hazard", "warning", "YH-2024-007", "330803")
    ]
    assert "逾期12天未整改(市级挂牌督办)" in year.threats[0].text
    assert [u.region.code for u in year.counties if u.threats] == ["330803"]


def test_a_larger_accident_vetoes_the_award_of_its_county_and_the_city():
    accident("SG-T-9", deaths=3, region="330825", on=dt.date(2024, 10, 1))
    year = summary(Scope(), Period(2024, 11))
    assert not year.on_course and not year.counties_on_course
    assert [u.region.code for u in year.counties if not u.on_course] == ["330825"]
    assert year.total.accidents["larger"] == 1


def test_a_county_scope_shows_that_county_and_its_citys_award():
    year = summary(Scope(region=Region.objects.get(code="330803")), Period(2024, 11))
    assert [u.region.code for u in year.counties] == ["330803"] and year.total.region.code == "330803"
    assert year.total.hazards_overdue == {"general": 0, "major": 1} and year.city.code == "330800"


def test_the_platform_scope_counts_only_its_sites():
    year = summary(Scope(platform=Platform.objects.get(code="ZZXC")), Period(2024, 11))
    assert (year.total.inspections, year.total.open_total, year.total.accidents_total) == (5, 2, 0)


def test_an_outsider_sees_only_their_county(outsider):
    year = summary(Scope(), Period(2024, 11), user=outsider)
    assert [u.region.code for u in year.counties] == ["330881"]
    assert (year.total.inspections, year.total.hazards_open, year.total.accidents_total) == (
        2,
        {"general": 1, "major": 0},
        1,
    )
    assert year.threats == []


def test_earlier_in_the_year_nothing_was_overdue_yet():
    year = summary(Scope(), Period(2024, 11), as_of=dt.date(2024, 11, 18))
    assert year.total.hazards_overdue == {"general": 0, "major": 0} and year.threats == []
