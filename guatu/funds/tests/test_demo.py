"""The demo's fund rows add up to the article's figures by themselves, and loading twice changes nothing."""

import datetime as dt
from decimal import Decimal as D

import pytest

from guatu.demo import funds as demo
from guatu.funds.models import FundCommitment, FundInvestment

pytestmark = pytest.mark.django_db


def test_the_2024_rows_add_up_to_the_article():
    rows = FundInvestment.objects.filter(invested_on__year=2024)
    assert sum(r.amount for r in rows) == D(870000)  # 87亿元
    assert sum(r.co_investment + r.investee_financing for r in rows) == D(3124000)  # 312.40亿元: 超300亿元
    flagship = sum(r.amount for r in rows if r.industry.flagship)
    assert flagship * 100 == sum(r.amount for r in rows) * 85  # exactly 85%
    assert max(r.invested_on for r in rows) <= dt.date(2024, 10, 31)


def test_the_fund_the_article_names():
    rows = FundCommitment.objects.filter(fund__name="省高端新材料基金")
    assert sum(r.committed for r in rows) == D(500000)
    assert sum(r.committed for r in rows if r.lp_class == "gov_province") == D(150000)
    invested = FundInvestment.objects.filter(fund__name="省高端新材料基金")
    assert sum(r.amount for r in invested) * 100 > D(500000) * 90  # 投资进度超90%
    assert all(r.is_local and r.is_private and r.is_high_tech for r in invested)
    assert {r.project.name for r in invested if r.project} >= {
        "先导集成电路东港片区基地项目",
        "华友衢州产业园锂电材料项目",
    }


def test_illustrative_rows_say_so():
    assert not FundInvestment.objects.exclude(note__startswith="示例数据").exclude(note__startswith="文章").exists()


def test_loading_twice_changes_nothing():
    assert all(r.created == r.updated == 0 for r in demo.load().values())
