"""Accident classes and streaks without a database: the State Council's edges exactly, and properties."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guatu.safety.classification import (
    STATE_COUNCIL_2007,
    Threshold,
    chinese_number,
    classify,
    full_house,
    rank_of,
    streak,
    threshold_errors,
)

T = STATE_COUNCIL_2007


def cls(deaths=0, injuries=0, loss="0"):
    return classify(deaths, injuries, D(loss), T)


@pytest.mark.parametrize(
    ("deaths", "expected"),
    [
        (0, "general"),
        (2, "general"),
        (3, "larger"),
        (9, "larger"),
        (10, "major"),
        (29, "major"),
        (30, "especially_major"),
        (31, "especially_major"),
    ],
)
def test_deaths_at_each_edge_include_the_number_above_and_exclude_it_below(deaths, expected):
    assert cls(deaths=deaths) == expected


@pytest.mark.parametrize(
    ("injuries", "expected"),
    [(9, "general"), (10, "larger"), (49, "larger"), (50, "major"), (99, "major"), (100, "especially_major")],
)
def test_serious_injuries_at_each_edge(injuries, expected):
    assert cls(injuries=injuries) == expected


@pytest.mark.parametrize(
    ("loss", "expected"),
    [
        ("999.99", "general"),
        ("1000", "larger"),
        ("4999.99", "larger"),
        ("5000", "major"),
        ("9999.99", "major"),
        ("10000", "especially_major"),
    ],
)
def test_direct_loss_in_wan_at_each_edge(loss, expected):
    assert cls(loss=loss) == expected


def test_any_one_measure_decides_the_class():
    assert cls(deaths=2, injuries=60) == "major"  # 2 deaths alone is 一般; 60 serious injuries is 重大
    assert cls(deaths=1, injuries=1, loss="1000") == "larger"


def test_negative_figures_are_refused():
    with pytest.raises(ValueError):
        cls(deaths=-1)


def test_the_seeded_thresholds_are_consistent_and_a_broken_set_is_named():
    assert threshold_errors(T) == []
    broken = [*T[:2], Threshold("major", 3, 3, 50, D(5000)), T[3]]
    assert threshold_errors(broken) == ["major: deaths must exceed larger's"]
    assert threshold_errors([T[0], T[2]]) == ["the ranks must run 1, 2, 3 … without gaps or repeats"]


people = st.integers(min_value=0, max_value=200)
loss = st.decimals(min_value=0, max_value=20000, places=2)


@settings(max_examples=200, deadline=None, database=None)
@given(people, people, loss, people, people, loss)
def test_more_of_anything_never_lowers_the_class(d, i, m, dd, di, dm):
    assert rank_of(cls(d + dd, i + di, m + dm), T) >= rank_of(cls(d, i, m), T)


@settings(max_examples=200, deadline=None, database=None)
@given(people, people, loss)
def test_the_class_is_the_worst_of_the_three_measures_alone(d, i, m):
    alone = max(rank_of(cls(deaths=d), T), rank_of(cls(injuries=i), T), rank_of(cls(loss=m), T))
    assert rank_of(cls(d, i, m), T) == alone


def test_the_city_on_course_for_its_nineteenth_award():
    results = dict.fromkeys(range(2006, 2024), True)  # 2006–2023: 18 awards
    s = streak(results, 2024)
    assert (s.result, s.count, s.first_year, s.last_year, s.next_ordinal) == (None, 18, 2006, 2023, 19)
    assert 2023 - 2006 + 1 == 18 and s.next_ordinal == 18 + 1
    won = streak({**results, 2024: True}, 2024)
    assert (won.count, won.next_ordinal, won.last_year) == (19, 19, 2024)
    lost = streak({**results, 2024: False}, 2024)
    assert (lost.count, lost.next_ordinal) == (0, 1)


def test_a_year_without_a_result_breaks_the_run():
    results = {2020: True, 2021: True, 2023: True}
    assert streak(results, 2024).count == 1  # 2022 has no record: nothing is assumed
    assert streak({2022: False, 2023: True}, 2023).count == 1


@settings(max_examples=100, deadline=None, database=None)
@given(st.lists(st.booleans(), min_size=0, max_size=30))
def test_a_streak_counts_the_wins_since_the_last_loss(years):
    results = {2000 + n: won for n, won in enumerate(years)}
    year = 2000 + len(years)
    expected = len(years) - (max((n for n, won in enumerate(years) if not won), default=-1) + 1)
    s = streak(results, year)
    assert s.count == expected and s.next_ordinal == expected + 1
    assert streak({**results, year: True}, year).count == expected + 1


def test_full_house_needs_every_county_to_have_won():
    counties = ["a", "b", "c"]
    assert full_house({"a": True, "b": True, "c": True}, counties) is True
    assert full_house({"a": True, "b": False, "c": None}, counties) is False
    assert full_house({"a": True, "b": True}, counties) is None  # c undecided
    assert full_house({}, []) is None


@pytest.mark.parametrize(
    ("n", "text"), [(1, "一"), (10, "十"), (18, "十八"), (19, "十九"), (20, "二十"), (21, "二十一"), (99, "九十九")]
)
def test_counts_are_written_as_the_article_writes_them(n, text):
    assert chinese_number(n) == text
