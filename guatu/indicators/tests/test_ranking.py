"""Ranking, bands, gaps and contributions on figures checked by hand."""

from decimal import Decimal as D

import pytest

from guatu.indicators.ranking import (
    Entry,
    Target,
    contributions,
    districts_sum,
    gap_to_rank,
    mismatch_pct,
    rank,
    sum_entry,
)

CITIES = [
    Entry("A", "甲市", D("900"), D("8.2"), D("830")),
    Entry("B", "乙市", D("1500"), D("7.0")),
    Entry("C", "丙市", D("700"), D("7.0")),
    Entry("D", "丁市", D("2125.2"), D("6.3"), D("2000")),
    Entry("E", "戊市", None, None),
]


def test_ties_share_a_rank_and_skip_the_next():
    ranking = rank(CITIES, "growth")
    assert [(r.entry.unit, r.rank) for r in ranking.ranked] == [("A", 1), ("B", 2), ("C", 2), ("D", 4)]


def test_units_without_a_figure_are_listed_as_missing():
    ranking = rank(CITIES, "growth")
    assert [e.unit for e in ranking.missing] == ["E"] and ranking.of("E") is None


def test_ranking_by_level():
    ranking = rank(CITIES, "level")
    assert [r.entry.unit for r in ranking.ranked] == ["D", "B", "A", "C"]


def test_lower_is_better_ranks_the_smallest_first():
    rates = [Entry("X", "x", D("3.1"), None), Entry("Y", "y", D("2.9"), None), Entry("Z", "z", D("3.1"), None)]
    ranking = rank(rates, "level", higher_is_better=False)
    assert [(r.entry.unit, r.rank) for r in ranking.ranked] == [("Y", 1), ("X", 2), ("Z", 2)]
    gap = gap_to_rank(ranking, "X", 1)
    assert gap.amount == D("0.2") and gap.holder.unit == "Y"  # needs to come down by 0.2


def test_the_gap_by_growth_is_points_and_prior_base_times_points():
    ranking = rank(CITIES, "growth")
    third = gap_to_rank(ranking, "D", 3)
    assert third.holder.unit == "C" and third.points == D("0.7")
    assert third.amount == D("14.0")  # 2000 × 0.7 ÷ 100
    first = gap_to_rank(ranking, "D", 1)
    assert (first.points, first.amount) == (D("1.9"), D("38.0"))


def test_the_prior_base_is_implied_by_growth_when_not_stored():
    ranking = rank(CITIES, "growth")
    gap = gap_to_rank(ranking, "C", 1)
    assert gap.points == D("1.2")
    assert round(gap.amount, 4) == round(D("700") * 100 / D("107") * D("1.2") / 100, 4)


def test_a_unit_already_at_the_target_has_no_gap():
    gap = gap_to_rank(rank(CITIES, "growth"), "B", 3)
    assert gap.reached and gap.points == 0


def test_the_gap_by_level_is_the_amount():
    gap = gap_to_rank(rank(CITIES, "level"), "A", 2)
    assert gap.holder.unit == "B" and gap.amount == D("600")


@pytest.mark.parametrize(
    ("position", "band", "following"),
    [
        (1, "fight", None),
        (2, "strive", ("fight", 1)),
        (3, "strive", ("fight", 1)),
        (4, "keep", ("strive", 3)),
        (5, "keep", ("strive", 3)),
        (6, None, ("keep", 5)),
        (None, None, ("keep", 5)),
    ],
)
def test_bands_of_keep_five_strive_three_fight_first(position, band, following):
    target = Target(keep=5, strive=3, fight=1)
    assert target.band(position) == band
    assert target.next_band(position) == following


def test_other_band_triples_work_too():
    assert Target(3, 2, 1).band(3) == "keep" and Target(2, 1, 1).band(1) == "fight"
    assert Target(2, 1, 1).next_band(2) == ("fight", 1)


def test_contributions_add_up_to_the_parents_growth():
    parent = Entry("P", "市", D("110"), D("10"), D("100"))
    children = [Entry("X", "甲县", D("66"), D("10"), D("60")), Entry("Y", "乙县", D("44"), D("10"), D("40"))]
    rows = contributions(parent, children)
    assert [(r.share, r.points, r.rate) for r in rows] == [(D(60), D(6), D(60)), (D(40), D(4), D(40))]
    assert sum(r.points for r in rows) == parent.growth
    assert mismatch_pct(parent, children) == 0


def test_a_falling_child_contributes_negatively():
    parent = Entry("P", "市", D("105"), D("5"), D("100"))
    children = [Entry("X", "甲县", D("75"), D("25"), D("60")), Entry("Y", "乙县", D("30"), D("-25"), D("40"))]
    rows = contributions(parent, children)
    assert [r.points for r in rows] == [D(15), D(-10)] and sum(r.points for r in rows) == D(5)
    assert rows[1].rate == D(-200)


def test_children_that_do_not_add_up_are_measured():
    parent = Entry("P", "市", D("110"), D("10"), D("100"))
    children = [
        Entry("X", "甲县", D("66"), None),
        Entry("Y", "乙县", D("44"), None),
        Entry("Z", "开发区", D("22"), None),
    ]
    assert mismatch_pct(parent, children) == D(20)


# A city of two districts that add up exactly, and a zone across them worth 9.5% of the city.
CITY = Entry("P", "本市", D("1000"), D("5"), D("952.38"))
DISTRICTS = [Entry("K", "甲区", D("600"), D("4"), D("576.92")), Entry("Q", "乙区", D("400"), D("6.5"), D("375.59"))]
ZONE = Entry("Z", "新城", D("95"), D("12"), D("84.82"), zone=True)


def test_the_parent_is_compared_with_its_districts_sum_only():
    """Found: a zone added to the sum made a correct parent look 9.5% off."""
    assert districts_sum([*DISTRICTS, ZONE]) == D("1000")
    assert mismatch_pct(CITY, [*DISTRICTS, ZONE]) == 0


def test_a_district_without_a_figure_leaves_the_sum_unknown():
    assert districts_sum([*DISTRICTS, Entry("X", "丙区", None, D("3"))]) is None
    assert mismatch_pct(CITY, [ZONE]) is None  # zones alone say nothing about the districts


def test_the_districts_sum_stands_in_for_a_parent_without_a_figure():
    base = sum_entry("P", "本市", [*DISTRICTS, ZONE, Entry("X", "丙区", None, None)])
    assert (base.value, base.prior) == (D("1000"), D("952.51"))
    assert base.growth == (D("1000") - D("952.51")) * 100 / D("952.51")
    shares = contributions(base, DISTRICTS)
    assert [c.share for c in shares] == [D(60), D(40)]
    assert sum(c.points for c in shares) == base.growth
    assert sum_entry("P", "本市", [ZONE]) is None
