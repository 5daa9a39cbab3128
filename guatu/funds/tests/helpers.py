"""Funds built by hand in 杭州市 (330100), apart from the Quzhou demo's cluster."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from guatu.core.models import Industry, Region
from guatu.funds.models import Fund, FundCommitment, FundInvestment, within

D = Decimal
HOME = "330100"  # 杭州市: no demo fund lives here


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def make_fund(
    code: str,
    *,
    region: str = HOME,
    set_up: str | None = "2022-01-01",
    structure: str = "direct",
    parent: Fund | None = None,
    approved: str | None = None,
    closed: str | None = None,
    level: str = "city",
) -> Fund:
    return Fund.objects.create(
        code=code,
        name=f"测试基金{code}",
        level=level,
        structure=structure,
        parent=parent,
        region=Region.objects.get(code=region),
        set_up_on=d(set_up) if set_up else None,
        approved_on=d(approved) if approved else None,
        closed_on=d(closed) if closed else None,
    )


def commit(
    fund: Fund,
    lp: str,
    amount: str,
    on: str,
    *,
    lp_class: str = "social",
    lp_fund: Fund | None = None,
    paid: str = "0",
    paid_on: str | None = None,
) -> FundCommitment:
    return FundCommitment.objects.create(
        fund=fund,
        lp_name=lp,
        lp_class=lp_class,
        lp_fund=lp_fund,
        committed=D(amount),
        committed_on=d(on),
        paid_in=D(paid),
        paid_in_on=d(paid_on) if paid_on else None,
    )


def invest(
    fund: Fund,
    investee: str,
    amount: str,
    on: str,
    *,
    industry: str = "FSXCL",
    region: str | None = "330102",
    private: bool = True,
    high_tech: bool = True,
    co: str = "0",
    fin: str = "0",
) -> FundInvestment:
    where = Region.objects.get(code=region) if region else None
    return FundInvestment.objects.create(
        fund=fund,
        investee=investee,
        amount=D(amount),
        invested_on=d(on),
        industry=Industry.objects.get(code=industry),
        region=where,
        is_local=within(where, fund.region),
        is_private=private,
        is_high_tech=high_tech,
        co_investment=D(co),
        investee_financing=D(fin),
    )
