"""The figures' definitions, on funds built by hand (杭州市) and on the Quzhou demo (the article's numbers)."""

from decimal import Decimal as D

import pytest

from guatu.core.models import Industry, Region
from guatu.funds.figures import FundBook, summary, yi_str
from guatu.funds.scope import FundScope
from guatu.funds.tests.helpers import HOME, commit, d, invest, make_fund

pytestmark = pytest.mark.django_db


def hangzhou() -> FundScope:
    return FundScope(region=Region.objects.get(code=HOME))


def year(scope: FundScope, y: int = 2024, **kw):
    return summary(scope, d(f"{y}-01-01"), d(f"{y}-12-31"), **kw)


def test_size_is_the_commitments_of_funds_set_up_by_the_day_and_growth_is_end_minus_start():
    a = make_fund("A", set_up="2022-01-01")
    commit(a, "政府", "1000", "2022-01-01", lp_class="gov_city")
    commit(a, "社会资本", "500", "2024-03-01")  # 扩募 in 2024
    b = make_fund("B", set_up="2024-06-01")
    commit(b, "社会资本", "300", "2023-12-01")  # signed before B was set up: counts from the set-up
    make_fund("C", set_up=None, approved="2024-01-01")  # not set up: not in the cluster
    s = year(hangzhou())
    assert (s.size_start, s.size, s.growth) == (D(1000), D(1800), D(800))
    book = FundBook(hangzhou())
    rows = book.growth_rows(d("2024-01-01"), d("2024-12-31"))
    assert sum(sign * c["committed"] for sign, c in rows) == s.growth
    assert book.size(d("2024-05-31")) == D(1500)


def test_a_liquidated_fund_leaves_the_cluster_and_its_growth_rows_are_negative():
    a = make_fund("A", set_up="2020-01-01", closed="2024-06-30")
    commit(a, "政府", "1000", "2020-01-01", lp_class="gov_city")
    s = year(hangzhou())
    assert (s.size_start, s.size, s.growth) == (D(1000), D(0), D(-1000))
    assert [sign for sign, _c in FundBook(hangzhou()).growth_rows(d("2024-01-01"), d("2024-12-31"))] == [-1]


def test_a_parent_funds_stake_in_its_sub_fund_is_counted_once_and_is_government_money_for_the_sub_fund_alone():
    parent = make_fund("P", structure="parent")
    commit(parent, "市财政", "1000", "2022-01-01", lp_class="gov_city", paid="1000", paid_on="2022-01-01")
    sub = make_fund("S", structure="sub", parent=parent)
    commit(sub, "母基金", "200", "2022-01-01", lp_class="fund", lp_fund=parent, paid="200", paid_on="2022-02-01")
    commit(sub, "社会资本", "800", "2022-01-01")
    cluster = year(hangzhou())
    assert (cluster.size, cluster.government, cluster.leverage) == (D(1800), D(1000), D("1.8"))
    alone = year(FundScope(fund=sub))
    assert (alone.size, alone.government, alone.leverage) == (D(1000), D(200), D(5))
    assert alone.as_json()["leverage"] == "5.00"


def test_new_investment_is_the_period_rows_and_leveraged_is_co_investment_plus_investee_financing():
    a = make_fund("A", set_up="2020-01-01")
    commit(a, "政府", "10000", "2020-01-01", lp_class="gov_city", paid="8000", paid_on="2020-02-01")
    invest(a, "旧", "500", "2023-12-31", co="1000", fin="1000")
    invest(a, "甲", "300", "2024-01-01", co="200", fin="100")
    invest(a, "乙", "200.50", "2024-12-31", co="0", fin="49.50")
    s = year(hangzhou())
    assert (s.new_investment, s.co_investment, s.investee_financing, s.leveraged) == (
        D("500.50"),
        D(200),
        D("149.50"),
        D("349.50"),
    )
    assert s.invested == D("1000.50") and s.investments_in_period == 2
    assert s.progress_committed == D("1000.50") * 100 / 10000  # ÷ committed
    assert s.progress_paid_in == D("1000.50") * 100 / 8000  # ÷ paid-in
    assert s.as_json()["new_investment_yi"] == "0.05"  # 500.50万元 = 0.0500亿元, half-up to two places


def test_money_a_fund_pays_into_a_fund_outside_the_scope_is_its_investment():
    parent = make_fund("P", structure="parent")
    commit(parent, "市财政", "1000", "2022-01-01", lp_class="gov_city", paid="1000", paid_on="2022-01-01")
    sub = make_fund("S", structure="sub", parent=parent, region="330102", level="county")
    commit(sub, "母基金", "200", "2024-01-01", lp_class="fund", lp_fund=parent, paid="150", paid_on="2024-02-01")
    both = year(hangzhou())
    assert (both.size, both.new_investment, both.invested) == (D(1000), D(0), D(0))  # money moving inside
    assert year(FundScope(fund=parent)).new_investment == D(0)  # a fund comes with its sub-funds
    only_sub = year(FundScope(region=Region.objects.get(code="330102")))
    assert (only_sub.size, only_sub.government) == (D(200), D(200))  # the parent's money is outside: government
    only_parent = year(FundScope(region=Region.objects.get(code=HOME), level="city"))
    assert (only_parent.new_outflow, only_parent.new_investment, only_parent.invested) == (D(150), D(150), D(150))


def test_the_flagship_share_reads_the_industry_flag_not_the_code():
    a = make_fund("A")
    commit(a, "政府", "1000", "2022-01-01", lp_class="gov_city")
    invest(a, "甲", "85", "2024-01-01", industry="FSXCL")
    invest(a, "乙", "15", "2024-01-01", industry="XDFW")
    assert year(hangzhou()).as_json()["flagship_share_pct"] == "85.0"
    Industry.objects.filter(code="XDFW").update(flagship=True)
    assert year(hangzhou()).as_json()["flagship_share_pct"] == "100.0"


def test_the_three_checks_are_shares_of_the_amount():
    a = make_fund("A")
    commit(a, "政府", "1000", "2022-01-01", lp_class="gov_city")
    invest(a, "甲", "60", "2024-01-01", region="330102", private=True, high_tech=True)
    invest(a, "乙", "30", "2024-01-01", region="330802", private=False, high_tech=True)
    invest(a, "丙", "10", "2024-01-01", region=None, private=True, high_tech=False)
    data = year(hangzhou()).as_json()
    assert (data["local_pct"], data["private_pct"], data["high_tech_pct"]) == ("60.0", "70.0", "90.0")


def test_a_rate_without_a_denominator_is_none():
    make_fund("A")
    data = year(hangzhou()).as_json()
    assert data["leverage"] is None and data["progress_committed_pct"] is None and data["flagship_share_pct"] is None
    assert data["cluster_size_yi"] == "0.00"


def test_industry_narrows_the_investment_figures_not_the_funds():
    a = make_fund("A")
    commit(a, "政府", "1000", "2022-01-01", lp_class="gov_city")
    invest(a, "甲", "85", "2024-01-01", industry="FSXCL")
    invest(a, "乙", "15", "2024-01-01", industry="XDFW")
    s = year(FundScope(region=Region.objects.get(code=HOME), industry=Industry.objects.get(code="XDFW")))
    assert (s.size, s.new_investment, s.invested) == (D(1000), D(15), D(100))


def test_yi_rounds_half_up():
    assert yi_str(D("4.99")) == "0.00" and yi_str(D("50.00")) == "0.01" and yi_str(D("8450000")) == "845.00"


def test_the_demo_cluster_is_the_articles(outsider):
    s = year(FundScope(region=Region.objects.get(code="330800")))
    data = s.as_json()
    assert (
        data["cluster_size_yi"],
        data["cluster_growth_yi"],
        data["new_investment_yi"],
        data["leveraged_yi"],
        data["flagship_share_pct"],
    ) == ("845.00", "115.00", "87.00", "312.40", "85.0")
    assert s.shares["flagship"] == 85 and s.period_flagship == 85  # exactly, before any rounding
    xcl = next(f for f in s.funds if f.fund.name == "省高端新材料基金")
    assert (xcl.committed, xcl.province, xcl.progress_committed) == (D(500000), D(150000), D(92))
    assert xcl.shares["local"] == xcl.shares["high_tech"] == xcl.shares["private"] == 100
    mine = year(FundScope(), user=outsider)  # a 江山市 reporter sees 江山市's fund only
    assert (mine.size, mine.new_investment) == (D(400000), D(30000))
