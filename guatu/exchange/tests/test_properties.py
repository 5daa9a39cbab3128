"""Property-based tests of the parsers (bounded examples): numbers, dates, units, header finding."""

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from guatu.exchange.tables import find_header
from guatu.exchange.values import declared_periods, declared_units, parse_date, parse_decimal

FAST = settings(max_examples=60, deadline=None)
amounts = st.decimals(min_value=Decimal("-999999999999.99"), max_value=Decimal("999999999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)  # fmt: skip
FULL_WIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


@FAST
@given(amounts, st.booleans(), st.booleans())
def test_a_number_reads_back_however_it_is_written(amount, commas, full_width):
    text = f"{amount:,.2f}" if commas else f"{amount:.2f}"
    if full_width:
        text = text.translate(FULL_WIDTH)
    assert parse_decimal(text) == amount


@FAST
@given(st.one_of(st.text(max_size=30), st.floats(), st.integers(), st.none(), st.booleans()))
def test_any_cell_is_a_number_or_a_clear_value_error_never_a_crash(value):
    try:
        number = parse_decimal(value)
    except ValueError:
        return
    assert number is None or (number.is_finite() and abs(number) < Decimal("1e15"))


@FAST
@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)),
       st.sampled_from(["{y}年{m}月", "{y}.{m:02d}", "{y}-{m}", "{y}/{m}/{d}", "{y}年{m}月{d}日"]))  # fmt: skip
def test_a_month_reads_back_however_it_is_written(date, style):
    parsed = parse_date(style.format(y=date.year, m=date.month, d=date.day))
    assert (parsed.year, parsed.month) == (date.year, date.month)


@FAST
@given(st.sampled_from(["亿元", "万元", "元"]),
       st.sampled_from(["单位：{}", "金额单位:{}", "(单位：{})", "（单位:{}）"]),
       st.text(alphabet="重点项目投资完成情况表衢州市2024年", max_size=12))  # fmt: skip
def test_a_declared_unit_is_found_beside_any_title(unit, form, title):
    assert declared_units(f"{title} {form.format(unit)}") == {unit}
    assert declared_units(title) == set()


@FAST
@given(st.integers(2000, 2100), st.integers(1, 12), st.sampled_from(["报告期：{y}年{m}月", "{y}年1-{m}月重点项目",
                                                                    "报告期: {y}.{m:02d}"]))  # fmt: skip
def test_a_declared_period_is_found(year, month, form):
    assert declared_periods(form.format(y=year, m=month)) == {(year, month)}


@FAST
@given(st.lists(st.lists(st.text(alphabet="衢州市重点项目表填报单位：发改局 ", max_size=10), max_size=4), max_size=8),
       st.booleans())  # fmt: skip
def test_the_header_is_found_below_any_title_rows(titles, two_rows):
    if two_rows:
        header = [["项目代码", "月份", "本年完成投资(亿元)", ""], ["", "", "当月", "累计"]]
    else:
        header = [["项目代码", "月份", "本月完成(亿元)", "本年累计(亿元)"]]
    found = find_header([*titles, *header, ["A1", "2024-10", 1, 2]], "reports", scan=40)
    assert found is not None and found.row == len(titles) + len(header) - 1
    assert found.columns == {"project": 0, "month": 1, "invest_month": 2, "invest_ytd": 3}
    assert found.units["invest_ytd"] == "亿元"
