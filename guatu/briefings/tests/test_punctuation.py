"""Full-width punctuation in Chinese prose; numbers, codes and English left alone."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guatu.briefings.punctuation import fullwidth


@pytest.mark.parametrize(("text", "expected"), [
    ('2024年1至11月,衢州智造新城12个省"千项万亿"工程项目完成投资230.5亿元,完成年度目标任务的142.3%。',
     "2024年1至11月，衢州智造新城12个省“千项万亿”工程项目完成投资230.5亿元，完成年度目标任务的142.3%。"),
    ("期间:2024年1至11月    范围:衢州智造新城", "期间：2024年1至11月    范围：衢州智造新城"),
    ("进度较快的项目:甲(142.3%)、乙(99.0%).", "进度较快的项目：甲（142.3%）、乙（99.0%）。"),
    ("尚未解决的问题3个;各单位逾期问题:无。", "尚未解决的问题3个；各单位逾期问题：无。"),
    ("合计 1,234,567.00 万元; 比例 3:2", "合计 1,234,567.00 万元；比例 3:2"),
    ("项目A (二期)", "项目A（二期）"),
    ("红色预警项目: A、B.", "红色预警项目：A、B。"),
    ("是否完成?是!", "是否完成？是！"),
])  # fmt: skip
def test_chinese_prose_gets_full_width_marks(text, expected):
    assert fullwidth(text) == expected


@pytest.mark.parametrize("text", ["980,000.00", "(5, 3, 1)", "ZS2024-001", "2024-11", "Total: 3, 4.", ""])
def test_text_without_chinese_is_left_as_it_is(text):
    assert fullwidth(text) == text


@settings(max_examples=60, deadline=None)
@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(["亿元", "万元", "%", "个"]))  # fmt: skip
def test_numbers_keep_their_half_width_form(number, unit):
    amount = f"{number:,.2f}"
    text = f"完成投资{amount}{unit},同比增长{number}%。"
    converted = fullwidth(text)
    assert f"{amount}{unit}，" in converted and f"{number}%。" in converted
