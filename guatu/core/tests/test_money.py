from decimal import Decimal as D

import pytest

from guatu.core.money import DASH, fmt_amount, fmt_money, fmt_pct, pct_str, ratio_pct, round_half_up


def test_completion_rounds_half_up_to_one_decimal():
    assert fmt_pct(ratio_pct(D("1.42284"), D(1))) == "142.3%"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("142.25", "142.3%"),  # half-even would give 142.2
        ("0.05", "0.1%"),
        ("0.15", "0.2%"),
        ("2.25", "2.3%"),
        ("-0.05", "-0.1%"),
        ("110.999", "111.0%"),
    ],
)
def test_exact_halves_round_away_from_zero(value, shown):
    assert fmt_pct(D(value)) == shown


def test_a_rate_without_denominator_is_a_dash():
    assert ratio_pct(D(5), D(0)) is None
    assert ratio_pct(D(5), None) is None
    assert fmt_pct(None) == DASH == "—"
    assert pct_str(None) is None


def test_zero_actual_against_a_plan_is_zero_percent():
    assert fmt_pct(ratio_pct(D(0), D(100))) == "0.0%"


def test_floats_are_refused_for_money():
    with pytest.raises(TypeError):
        ratio_pct(1.5, D(2))


def test_wan_are_shown_in_yi_like_the_article():
    assert fmt_money(D("2305000.00"), "yi", 2, trim=True) == "230.5"
    assert fmt_money(D("1457300"), "yi", 2, trim=True) == "145.73"
    assert fmt_money(D("2761000"), "yi") == "276.10"
    assert fmt_money(D("12345.675"), "wan") == "12,345.68"
    assert fmt_amount(D("1000000"), 0, trim=True) == "1,000,000"
    assert fmt_money(None) == DASH


def test_round_half_up_keeps_places():
    assert round_half_up(D("91.6666"), 1) == D("91.7")
    assert str(round_half_up(D("111"), 1)) == "111.0"


def test_an_unknown_unit_is_an_error():
    with pytest.raises(ValueError, match="unknown money unit"):
        fmt_money(D(1), "yuan")
