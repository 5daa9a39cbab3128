"""The scorer on figures checked by hand, and its properties (hypothesis). No database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guatu.innovation.scoring import (
    BONUS,
    DEDUCTION,
    NORMAL,
    Band,
    Indicator,
    Scheme,
    SchemeError,
    competition_ranks,
    grade_of,
    score,
    score_item,
)

BANDS = (Band("优秀", D(90)), Band("良好", D(70)), Band("合格", D(60)), Band("不合格", D(0)))
FAST = settings(max_examples=60, deadline=None, database=None)


def test_a_normal_item_scores_the_share_of_its_target_times_its_weight():
    item = score_item(Indicator("talent", NORMAL, D(20), D(150)), D(148))
    assert item.score == D("19.73")  # 20 × 148 ÷ 150 = 19.7333…, half-up
    assert item.gap == D(2) and item.ratio_pct.quantize(D("0.1")) == D("98.7")
    assert item.points_short == D("0.27")


def test_a_normal_item_never_scores_above_its_weight_and_has_no_gap_once_the_target_is_met():
    item = score_item(Indicator("papers", NORMAL, D(10), D(80)), D(88))
    assert item.score == D(10) and item.gap == D(0) and item.ratio == D("1.1")


def test_scores_round_half_up_to_two_decimals():
    # 15 × 1 ÷ 8 = 1.875 → 1.88 (half-even would also say 1.88); 5 × 1 ÷ 8 = 0.625 → 0.63 (half-even: 0.62)
    assert score_item(Indicator("x", NORMAL, D(5), D(8)), D(1)).score == D("0.63")


def test_a_bonus_item_gives_its_weight_per_target_up_to_its_cap():
    item = Indicator("first", BONUS, D(2), D(5), cap=D(5))
    assert score_item(item, D(12)).score == D("4.80")  # 2 × 12 ÷ 5
    assert score_item(item, D(30)).score == D(5)  # capped


def test_a_deduction_takes_points_up_to_its_cap():
    item = Indicator("incidents", DEDUCTION, D(5), D(1), cap=D(10))
    assert score_item(item, D(0)).score == D(0)
    assert score_item(item, D(1)).score == D(-5)
    assert score_item(item, D(3)).score == D(-10)
    assert score_item(item, D(1)).gap is None


def test_no_target_means_no_ratio_and_any_output_scores_the_whole_item():
    for target in (None, D(0)):
        item = Indicator("x", NORMAL, D(10), target)
        some, none = score_item(item, D(3)), score_item(item, D(0))
        assert some.ratio is None and some.ratio_pct is None and some.gap is None
        assert some.score == D(10) and none.score == D(0) and some.note == "no target"


def test_a_figure_not_reported_gets_no_credit_and_no_deduction():
    assert score_item(Indicator("x", NORMAL, D(10), D(5)), None).score == D(0)
    assert score_item(Indicator("x", NORMAL, D(10), D(5)), None).note == "not reported"
    assert score_item(Indicator("x", DEDUCTION, D(5), D(1)), None).score == D(0)


def test_bonus_items_together_are_capped_by_the_scheme():
    scheme = Scheme(
        (Indicator("a", NORMAL, D(100), D(10)), Indicator("b", BONUS, D(8), D(1)), Indicator("c", BONUS, D(8), D(1))),
        BANDS,
        bonus_cap=D(10),
    )
    card = score(scheme, {"a": D(10), "b": D(1), "c": D(1)})
    assert card.bonus_raw == D(16) and card.bonus == D(10) and card.total == D(110)
    assert card.grade == "优秀" and any("at most 10" in w for w in card.warnings)


def test_deductions_never_take_the_total_below_zero():
    scheme = Scheme((Indicator("a", NORMAL, D(100), D(10)), Indicator("d", DEDUCTION, D(50), D(1))), BANDS)
    assert score(scheme, {"a": D(0), "d": D(5)}).total == D(0)


def test_the_grade_is_the_highest_band_the_total_reaches():
    assert grade_of(D("89.99"), BANDS) == "良好"
    assert grade_of(D(90), BANDS) == "优秀"
    assert grade_of(D("59.99"), BANDS) == "不合格"
    assert grade_of(D(50), (Band("合格", D(60)),)) is None


def test_the_articles_institute_under_the_demo_scheme():
    """衢州资源化工创新研究院 2024 (the demo's illustrative split of the article's two-year figures)."""
    scheme = Scheme(
        (
            Indicator("talent", NORMAL, D(20), D(150)),
            Indicator("first", NORMAL, D(20), D(6)),
            Indicator("papers", NORMAL, D(10), D(90)),
            Indicator("patents", NORMAL, D(15), D(50)),
            Indicator("funded", NORMAL, D(15), D(3)),
            Indicator("services", NORMAL, D(20), D(160)),
            Indicator("first_cum", BONUS, D(2), D(5), cap=D(5)),
            Indicator("incidents", DEDUCTION, D(5), D(1), cap=D(10)),
        ),
        BANDS,
        bonus_cap=D(10),
    )
    actuals = {"talent": D(148), "first": D(7), "papers": D(88), "patents": D(52), "funded": D(4),
               "services": D(170), "first_cum": D(12), "incidents": D(0)}  # fmt: skip
    card = score(scheme, actuals)
    assert [i.score for i in card.items] == [D("19.73"), D(20), D("9.78"), D(15), D(15), D(20), D("4.80"), D(0)]
    assert card.base == D("99.51") and card.bonus == D("4.80") and card.total == D("104.31")
    assert card.grade == "优秀" and card.warnings == ()


def test_a_scheme_whose_normal_weights_exceed_the_full_marks_cannot_score():
    scheme = Scheme((Indicator("a", NORMAL, D(60), D(1)), Indicator("b", NORMAL, D(50), D(1))))
    with pytest.raises(SchemeError, match="110"):
        score(scheme, {})


def test_ties_share_a_rank_and_the_next_is_skipped():
    ranked = competition_ranks([("a", D(80)), ("b", D(95)), ("c", D(80)), ("d", D(70))])
    assert [(k, r) for k, _t, r in ranked] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]


# --- properties -------------------------------------------------------------------------------

points = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
targets = st.one_of(st.none(), amounts)


@st.composite
def indicators(draw, kind=None):
    kind = kind or draw(st.sampled_from([NORMAL, BONUS, DEDUCTION]))
    cap = None if kind == NORMAL else draw(st.one_of(st.none(), points))
    return Indicator(draw(st.uuids()).hex, kind, draw(points), draw(targets), cap)


@st.composite
def schemes(draw):
    normal = draw(st.lists(indicators(NORMAL), max_size=6))
    while sum((i.weight for i in normal), D(0)) > 100:  # a valid scheme: normal weights ≤ the full marks
        normal = normal[:-1]
    others = draw(st.lists(indicators(), max_size=4).map(lambda xs: [x for x in xs if x.kind != NORMAL]))
    return Scheme(tuple(normal + others), BANDS, bonus_cap=draw(points))


@FAST
@given(indicators(), amounts)
def test_an_item_never_scores_beyond_its_ceiling(item, actual):
    result = score_item(item, actual)
    assert abs(result.score) <= item.ceiling
    if item.kind == NORMAL:
        assert D(0) <= result.score <= item.weight
    elif item.kind == BONUS:
        assert result.score >= 0
    else:
        assert result.score <= 0


@FAST
@given(schemes(), st.data())
def test_the_total_stays_within_zero_and_the_full_marks_plus_the_bonus_cap(scheme, data):
    actuals = {i.key: data.draw(st.one_of(st.none(), amounts)) for i in scheme.indicators}
    card = score(scheme, actuals)
    assert D(0) <= card.total <= D(100) + scheme.bonus_cap
    assert card.total == max(card.base + card.bonus - card.deductions, D(0))


@FAST
@given(indicators(), amounts, amounts)
def test_more_output_never_lowers_an_items_score_and_more_incidents_never_raise_it(item, a, b):
    low, high = sorted((a, b))
    if item.kind == DEDUCTION:
        assert score_item(item, high).score <= score_item(item, low).score
    else:
        assert score_item(item, high).score >= score_item(item, low).score


@FAST
@given(schemes(), st.data())
def test_the_total_is_monotone_in_each_actual(scheme, data):
    actuals = {i.key: data.draw(amounts) for i in scheme.indicators}
    if not scheme.indicators:
        return
    item = data.draw(st.sampled_from(scheme.indicators))
    more = {**actuals, item.key: actuals[item.key] + data.draw(amounts)}
    before, after = score(scheme, actuals).total, score(scheme, more).total
    assert (after <= before) if item.kind == DEDUCTION else (after >= before)


def test_the_scorer_needs_no_django():
    import subprocess
    import sys

    code = "import sys, guatu.innovation.scoring; sys.exit(any(m.split('.')[0] == 'django' for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], env={"PATH": ""}).returncode == 0
