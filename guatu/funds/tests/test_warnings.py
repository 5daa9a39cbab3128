"""Early-exit warnings: not set up within a year of the plan; government money idle for more than a year."""

import pytest

from guatu.funds.scope import FundScope
from guatu.funds.tests.helpers import commit, d, invest, make_fund
from guatu.funds.warnings import fund_warnings, one_year_after

pytestmark = pytest.mark.django_db


def rules(day: str, **kw) -> list[tuple[str, str]]:
    return [(w.fund.code, w.rule) for w in fund_warnings(d(day), **kw) if w.fund.code.startswith("T")]


def test_a_fund_not_set_up_more_than_a_year_after_its_plan_is_warned():
    make_fund("T1", set_up=None, approved="2023-03-01")
    assert rules("2024-03-01") == []  # exactly a year: not yet "more than a year"
    assert rules("2024-03-02") == [("T1", "not_set_up")]


def test_a_fund_set_up_in_time_is_not_warned():
    make_fund("T1", set_up="2023-12-01", approved="2023-03-01")
    assert rules("2025-01-01") == []


def test_government_money_idle_for_more_than_a_year_is_warned_until_the_fund_invests():
    fund = make_fund("T1", set_up="2023-01-01")
    commit(fund, "社会资本", "500", "2023-01-01", paid="500", paid_on="2023-01-01")
    assert rules("2024-06-01") == []  # only social money is paid in
    commit(fund, "市财政", "100", "2023-01-01", lp_class="gov_city", paid="100", paid_on="2023-02-01")
    assert rules("2024-02-01") == []
    assert rules("2024-02-02") == [("T1", "idle")]
    invest(fund, "甲", "10", "2024-03-01")
    assert rules("2024-02-02") == [("T1", "idle")]  # as it stood then
    assert rules("2024-03-01") == []


def test_a_fund_of_funds_paying_into_a_sub_fund_is_investing():
    parent = make_fund("TP", structure="parent", set_up="2022-01-01")
    commit(parent, "市财政", "100", "2022-01-01", lp_class="gov_city", paid="100", paid_on="2022-01-01")
    sub = make_fund("TS", structure="sub", parent=parent, set_up="2022-06-01")
    commit(sub, "母基金", "50", "2022-06-01", lp_class="fund", lp_fund=parent, paid="50", paid_on="2022-07-01")
    assert ("TP", "idle") not in rules("2024-01-01")
    assert ("TS", "idle") in rules("2024-01-01")  # the sub-fund took government money and has not invested


def test_warnings_follow_the_users_scope(outsider):
    codes = {w.fund.code for w in fund_warnings(d("2024-11-30"))}
    assert codes == {"CS-ZB", "KH-CY"}  # the demo's two
    assert fund_warnings(d("2024-11-30"), user=outsider, scope=FundScope()) == []  # 江山市 has none


def test_one_year_after_29_february_is_28_february():
    assert one_year_after(d("2024-02-29")) == d("2025-02-28")
