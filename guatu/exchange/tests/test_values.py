import datetime as dt
from decimal import Decimal as D

import pytest

from guatu.exchange.values import header_unit, parse_date, parse_decimal, strip_unit


@pytest.mark.parametrize(("text", "expected"), [
    ("2024年6月", dt.date(2024, 6, 1)), ("2024.06", dt.date(2024, 6, 1)), ("2024-6", dt.date(2024, 6, 1)),
    ("2024/6/30", dt.date(2024, 6, 30)), ("２０２４年６月", dt.date(2024, 6, 1)), (45473, dt.date(2024, 6, 30)),
    ("45473", dt.date(2024, 6, 30)), (dt.datetime(2024, 6, 30, 0, 0), dt.date(2024, 6, 30)), ("", None),
    ("2024年6月30日", dt.date(2024, 6, 30)),
])  # fmt: skip
def test_dates_as_officers_write_them(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["2024-13", "June", "2024/2/30"])
def test_bad_dates_say_so(text):
    with pytest.raises(ValueError, match="日期"):
        parse_date(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("12,345.6", D("12345.6")), ("１２，３４５", D("12345")), ("45%", D("45")), (0.1, D("0.1")), (3, D(3)),
    ("", None), ("—", None), (" 7 ", D(7)),
])  # fmt: skip
def test_numbers_as_officers_write_them(text, expected):
    assert parse_decimal(text) == expected


def test_a_word_is_not_a_number():
    with pytest.raises(ValueError, match="不是数字"):
        parse_decimal("约一千")


def test_units_in_headers():
    assert header_unit("本月完成(亿元)") == "亿元" and header_unit("总投资（万元）") == "万元"
    assert header_unit("项目名称") is None and strip_unit("总投资（万元）") == "总投资"
