import datetime as dt
from decimal import Decimal as D

import pytest

from guatu.core.money import pct_str
from guatu.core.periods import Period


def test_time_elapsed_is_months_over_twelve():
    assert pct_str(Period(2024, 11).elapsed_pct) == "91.7"
    assert Period(2024, 6).elapsed_pct == D(50)
    assert Period(2024, 12).elapsed_pct == D(100)


def test_a_period_ends_on_the_months_last_day():
    assert Period(2024, 2).end == dt.date(2024, 2, 29)
    assert Period(2024, 11).end == dt.date(2024, 11, 30)


def test_labels_read_like_the_article():
    assert Period(2024, 11).label_zh() == "2024年1至11月"
    assert Period(2024, 1).label_zh() == "2024年1月"
    assert Period(2024, 11).label_en() == "Jan–Nov 2024"


@pytest.mark.parametrize("month", [0, 13])
def test_months_outside_the_year_are_refused(month):
    with pytest.raises(ValueError, match="month must be 1–12"):
        Period(2024, month)
