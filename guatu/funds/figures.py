"""The fund cluster's figures — one module for the pages, the API, the CLI and the briefing.

Definitions (money in 万元, Decimal; rates unrounded, rounded half-up only when shown; a rate without
a denominator is None, shown "—"):

- **The cluster on a day**: the funds in scope that are set up by that day and not liquidated by then.
- **Cluster size** (基金集群规模) on a day: Σ committed (认缴) of the cluster's commitments dated by then,
  leaving out a commitment whose LP is itself a fund of the cluster (a 母基金's stake in its sub-fund is
  already in the 母基金's size — counting it again would count the same money twice).
- **Growth** (扩容) over a period: size at its end − size on the day before it starts. The rows behind it
  are the commitments counted at the end and not at the start (+) and those counted at the start and no
  longer at the end (−).
- **Government money**: committed by government LPs (省/市/县) or by a fund outside the cluster (every fund
  in the ledger is government-sponsored), among the commitments counted in the size.
- **Leverage** (放大倍数) = size ÷ government money. **返投** = local investment (cumulative) ÷ government money.
- **New investment** (新增投资) in a period: Σ the investments of the funds in scope dated in the period,
  plus money paid in by those funds into funds outside the scope (a 母基金's payment into a sub-fund that is
  not in the scope has left the cluster: it is invested). Money moving between funds of the scope is not
  an investment: it is counted where it reaches a firm.
- **Capital leveraged** (撬动各类资本) in a period: Σ (co-investment + investee financing) of those
  investments. Co-investment is what investors outside the cluster put into the same round; investee
  financing is what the investee raised on the back of it. The fund's own money is not in it.
- **Invested** (cumulative, on a day): the same rule, up to that day, for the cluster on that day.
  **投资进度** = invested ÷ size, and invested ÷ paid-in (实缴, payments dated by then).
- **Flagship share** (投向标志性产业): Σ investments in industries flagged `flagship` ÷ Σ investments —
  cumulative to the period's end for the cluster then (投资总量), and for the period's new investment.
- **The three checks** (市域投资落地, 支持高端技术, 投向民营企业): the share of investment (by amount,
  cumulative) that is local (in the fund's region), in high-tech firms and in private firms.
- The flagship share and the checks are over investments in firms (fund-to-fund money has no industry).
  Industry in the scope narrows those investment figures (new investment, leveraged, flagship share,
  checks); size, growth, government money, leverage, 返投, paid-in and progress are the funds' whole.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from guatu.core.money import WAN_PER_YI, money_str, pct_str, ratio_pct, round_half_up
from guatu.funds.choices import GOVERNMENT_CLASSES, LPClass
from guatu.funds.scope import FundScope

ZERO = Decimal(0)
DAY = dt.timedelta(days=1)

INVESTMENT_FIELDS = (
    "pk",
    "fund_id",
    "fund__code",
    "fund__name",
    "investee",
    "invested_on",
    "amount",
    "co_investment",
    "investee_financing",
    "industry_id",
    "industry__name",
    "industry__flagship",
    "is_local",
    "is_private",
    "is_high_tech",
    "project__code",
    "project__name",
    "region__name",
)
COMMITMENT_FIELDS = (
    "pk",
    "fund_id",
    "fund__code",
    "fund__name",
    "lp_name",
    "lp_class",
    "lp_fund_id",
    "committed",
    "committed_on",
    "paid_in",
    "paid_in_on",
)


def yi_str(wan: Decimal | None) -> str | None:
    """万元 → 亿元 as a plain two-place string ("845.00")."""
    return None if wan is None else str(round_half_up(wan / WAN_PER_YI, 2))


def ratio(numerator: Decimal, denominator: Decimal) -> Decimal | None:
    """numerator ÷ denominator (a multiple, "倍"), unrounded; None without a denominator."""
    return numerator / denominator if denominator else None


def ratio_str(value: Decimal | None) -> str | None:
    return None if value is None else str(round_half_up(value, 2))


def _sum(rows, key: str = "amount") -> Decimal:
    return sum((r[key] for r in rows), ZERO)


def _is_government(c: dict, cluster: set[int]) -> bool:
    return c["lp_class"] in GOVERNMENT_CLASSES or (c["lp_class"] == LPClass.FUND and c["lp_fund_id"] not in cluster)


def shares(rows: list[dict]) -> dict[str, Decimal | None]:
    """The flagship share and the three checks of a set of investments, by amount, unrounded %."""
    total = _sum(rows)
    return {
        "flagship": ratio_pct(_sum(r for r in rows if r["industry__flagship"]), total),
        "local": ratio_pct(_sum(r for r in rows if r["is_local"]), total),
        "high_tech": ratio_pct(_sum(r for r in rows if r["is_high_tech"]), total),
        "private": ratio_pct(_sum(r for r in rows if r["is_private"]), total),
    }


class FundBook:
    """The rows the figures come from, read once under the user's access: the funds in scope, their
    commitments, the stakes they hold in other funds, and their investments."""

    def __init__(self, scope: FundScope, *, user=None):
        from guatu.funds.models import Fund, FundCommitment, FundInvestment

        self.scope = scope
        funds = scope.funds(Fund.objects.visible_to(user)).select_related("region", "parent")
        self.funds = {f.pk: f for f in funds}
        ids = list(self.funds)
        commitments = FundCommitment.objects.visible_to(user)
        self.commitments = list(commitments.filter(fund_id__in=ids).values(*COMMITMENT_FIELDS))
        self.stakes = list(commitments.filter(lp_fund_id__in=ids).values(*COMMITMENT_FIELDS))
        investments = FundInvestment.objects.visible_to(user).filter(fund_id__in=ids)
        self.all_investments = list(investments.values(*INVESTMENT_FIELDS))
        narrowed = scope.investments(investments)
        self.investments = self.all_investments if scope.industry is None else list(narrowed.values(*INVESTMENT_FIELDS))

    # --- the cluster and its size ---------------------------------------------------------------

    def cluster(self, day: dt.date) -> set[int]:
        return {
            pk
            for pk, f in self.funds.items()
            if f.set_up_on and f.set_up_on <= day and not (f.closed_on and f.closed_on <= day)
        }

    def counted(self, day: dt.date) -> list[dict]:
        """The commitments in the cluster's size on `day`."""
        cluster = self.cluster(day)
        return [
            c
            for c in self.commitments
            if c["fund_id"] in cluster and c["committed_on"] <= day and c["lp_fund_id"] not in cluster
        ]

    def size(self, day: dt.date) -> Decimal:
        return _sum(self.counted(day), "committed")

    def government(self, day: dt.date) -> Decimal:
        cluster = self.cluster(day)
        return _sum((c for c in self.counted(day) if _is_government(c, cluster)), "committed")

    def paid_in(self, day: dt.date) -> Decimal:
        return _sum((c for c in self.counted(day) if c["paid_in_on"] and c["paid_in_on"] <= day), "paid_in")

    def growth_rows(self, start: dt.date, end: dt.date) -> list[tuple[int, dict]]:
        """(+1 or −1, commitment): what entered the size over the period and what left it."""
        before = {c["pk"]: c for c in self.counted(start - DAY)}
        after = {c["pk"]: c for c in self.counted(end)}
        entered = [(1, c) for pk, c in after.items() if pk not in before]
        left = [(-1, c) for pk, c in before.items() if pk not in after]
        return sorted(entered + left, key=lambda sc: (sc[1]["committed_on"], sc[1]["fund__code"], sc[1]["lp_name"]))

    # --- money put to work ----------------------------------------------------------------------

    def outflows(self, start: dt.date | None, end: dt.date, cluster: set[int] | None = None) -> list[dict]:
        """Money paid by funds of the scope (or of `cluster`) into funds outside it, paid in the period."""
        inside = set(self.funds) if cluster is None else cluster
        return [
            c
            for c in self.stakes
            if c["lp_fund_id"] in inside
            and c["fund_id"] not in self.funds
            and c["paid_in_on"]
            and c["paid_in_on"] <= end
            and (start is None or c["paid_in_on"] >= start)
        ]

    def period_investments(self, start: dt.date, end: dt.date) -> list[dict]:
        return [r for r in self.investments if start <= r["invested_on"] <= end]

    def cumulative_investments(self, day: dt.date, *, narrowed: bool = True) -> list[dict]:
        """Investments of the cluster on `day`, dated by then (narrowed by the scope's industry or not)."""
        cluster = self.cluster(day)
        rows = self.investments if narrowed else self.all_investments
        return [r for r in rows if r["fund_id"] in cluster and r["invested_on"] <= day]

    def invested(self, day: dt.date) -> Decimal:
        cluster = self.cluster(day)
        return _sum(self.cumulative_investments(day, narrowed=False)) + _sum(
            self.outflows(None, day, cluster), "paid_in"
        )


@dataclass
class FundFigures:
    """One fund's own figures on a day (its own commitments and investments, and its stakes in other funds)."""

    fund: object
    phase: str
    committed: Decimal
    government: Decimal
    province: Decimal
    paid_in: Decimal
    invested: Decimal
    invested_direct: Decimal
    shares: dict[str, Decimal | None]

    @property
    def progress_committed(self) -> Decimal | None:
        return ratio_pct(self.invested, self.committed)

    @property
    def progress_paid_in(self) -> Decimal | None:
        return ratio_pct(self.invested, self.paid_in)

    @property
    def leverage(self) -> Decimal | None:
        return ratio(self.committed, self.government)

    @property
    def all_checks_met(self) -> bool:
        return self.invested_direct > 0 and all(self.shares[k] == 100 for k in ("local", "high_tech", "private"))

    def as_json(self) -> dict:
        f = self.fund
        return {
            "code": f.code,
            "name": f.name,
            "level": f.level,
            "type": f.kind,
            "structure": f.structure,
            "parent": f.parent.code if f.parent_id else None,
            "phase": str(self.phase),
            "committed_wan": money_str(self.committed),
            "committed_yi": yi_str(self.committed),
            "government_wan": money_str(self.government),
            "province_wan": money_str(self.province),
            "paid_in_wan": money_str(self.paid_in),
            "invested_wan": money_str(self.invested),
            "progress_committed_pct": pct_str(self.progress_committed),
            "progress_paid_in_pct": pct_str(self.progress_paid_in),
            "leverage": ratio_str(self.leverage),
            "flagship_share_pct": pct_str(self.shares["flagship"]),
            "local_pct": pct_str(self.shares["local"]),
            "high_tech_pct": pct_str(self.shares["high_tech"]),
            "private_pct": pct_str(self.shares["private"]),
        }


def fund_figures(book: FundBook, day: dt.date) -> list[FundFigures]:
    """Each fund's own figures on `day`, in code order."""
    commitments, stakes, investments = defaultdict(list), defaultdict(list), defaultdict(list)
    for c in book.commitments:
        if c["committed_on"] <= day:
            commitments[c["fund_id"]].append(c)
    for c in book.stakes:
        if c["paid_in_on"] and c["paid_in_on"] <= day:
            stakes[c["lp_fund_id"]].append(c)
    for r in book.all_investments:
        if r["invested_on"] <= day:
            investments[r["fund_id"]].append(r)
    out = []
    for pk, fund in sorted(book.funds.items(), key=lambda item: item[1].code):
        own = commitments[pk]
        direct = _sum(investments[pk])
        out.append(
            FundFigures(
                fund=fund,
                phase=fund.phase(day),
                committed=_sum(own, "committed"),
                government=_sum((c for c in own if _is_government(c, {pk})), "committed"),
                province=_sum((c for c in own if c["lp_class"] == LPClass.GOV_PROVINCE), "committed"),
                paid_in=_sum((c for c in own if c["paid_in_on"] and c["paid_in_on"] <= day), "paid_in"),
                invested=direct + _sum(stakes[pk], "paid_in"),
                invested_direct=direct,
                shares=shares(investments[pk]),
            )
        )
    return out


@dataclass
class Summary:
    """The cluster's figures for a scope and a period (start–end, both days included)."""

    scope: FundScope
    start: dt.date
    end: dt.date
    size: Decimal
    size_start: Decimal
    government: Decimal
    paid_in: Decimal
    invested: Decimal
    local: Decimal
    new_direct: Decimal
    new_outflow: Decimal
    co_investment: Decimal
    investee_financing: Decimal
    shares: dict[str, Decimal | None]
    period_flagship: Decimal | None
    funds_in_cluster: int
    investments_in_period: int
    funds: list[FundFigures] = field(default_factory=list)
    warnings: list = field(default_factory=list)

    @property
    def growth(self) -> Decimal:
        return self.size - self.size_start

    @property
    def new_investment(self) -> Decimal:
        return self.new_direct + self.new_outflow

    @property
    def leveraged(self) -> Decimal:
        return self.co_investment + self.investee_financing

    @property
    def leverage(self) -> Decimal | None:
        return ratio(self.size, self.government)

    @property
    def reinvestment(self) -> Decimal | None:
        return ratio(self.local, self.government)

    @property
    def progress_committed(self) -> Decimal | None:
        return ratio_pct(self.invested, self.size)

    @property
    def progress_paid_in(self) -> Decimal | None:
        return ratio_pct(self.invested, self.paid_in)

    def as_json(self) -> dict:
        money = {
            "cluster_size": self.size,
            "cluster_size_start": self.size_start,
            "cluster_growth": self.growth,
            "new_investment": self.new_investment,
            "new_investment_in_firms": self.new_direct,
            "new_investment_in_other_funds": self.new_outflow,
            "leveraged": self.leveraged,
            "co_investment": self.co_investment,
            "investee_financing": self.investee_financing,
            "government": self.government,
            "paid_in": self.paid_in,
            "invested": self.invested,
            "local_investment": self.local,
        }
        out: dict = {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "scope": self.scope.parts(),
        }
        for key, value in money.items():
            out[f"{key}_yi"] = yi_str(value)
            out[f"{key}_wan"] = money_str(value)
        out.update(
            {
                "leverage": ratio_str(self.leverage),
                "reinvestment_ratio": ratio_str(self.reinvestment),
                "progress_committed_pct": pct_str(self.progress_committed),
                "progress_paid_in_pct": pct_str(self.progress_paid_in),
                "flagship_share_pct": pct_str(self.shares["flagship"]),
                "flagship_share_period_pct": pct_str(self.period_flagship),
                "local_pct": pct_str(self.shares["local"]),
                "high_tech_pct": pct_str(self.shares["high_tech"]),
                "private_pct": pct_str(self.shares["private"]),
                "funds_in_cluster": self.funds_in_cluster,
                "investments_in_period": self.investments_in_period,
                "funds": [f.as_json() for f in self.funds],
                "warnings": [w.as_json() for w in self.warnings],
            }
        )
        return out


def summary(scope: FundScope, start: dt.date, end: dt.date, *, user=None, book: FundBook | None = None) -> Summary:
    """The cluster's figures for `scope` from `start` through `end`, as `user` may see them."""
    from guatu.funds.warnings import fund_warnings

    if start > end:
        raise ValueError(f"the period starts ({start}) after it ends ({end})")
    book = book or FundBook(scope, user=user)
    period = book.period_investments(start, end)
    cumulative = book.cumulative_investments(end)
    outflow = [] if scope.industry else book.outflows(start, end)
    return Summary(
        scope=scope,
        start=start,
        end=end,
        size=book.size(end),
        size_start=book.size(start - DAY),
        government=book.government(end),
        paid_in=book.paid_in(end),
        invested=book.invested(end),
        local=_sum(r for r in book.cumulative_investments(end, narrowed=False) if r["is_local"]),
        new_direct=_sum(period),
        new_outflow=_sum(outflow, "paid_in"),
        co_investment=_sum(period, "co_investment"),
        investee_financing=_sum(period, "investee_financing"),
        shares=shares(cumulative),
        period_flagship=shares(period)["flagship"],
        funds_in_cluster=len(book.cluster(end)),
        investments_in_period=len(period),
        funds=fund_figures(book, end),
        warnings=fund_warnings(end, book=book),
    )


def size_series(book: FundBook, end: dt.date) -> list[tuple[str, Decimal]]:
    """The cluster's size at each year's end since the first fund was set up, and on `end`."""
    starts = [f.set_up_on for f in book.funds.values() if f.set_up_on]
    if not starts:
        return []
    points = [(str(year), book.size(dt.date(year, 12, 31))) for year in range(min(starts).year, end.year)]
    return [*points, (end.isoformat(), book.size(end))]


def by_industry(rows: list[dict]) -> list[dict]:
    """Investment per industry (flagship first, then by amount), for a chart and its table."""
    totals: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for r in rows:
        totals[(r["industry_id"], r["industry__name"], r["industry__flagship"])] += r["amount"]
    ordered = sorted(totals.items(), key=lambda item: (not item[0][2], -item[1], item[0][1]))
    return [{"industry_id": k[0], "industry": k[1], "flagship": k[2], "amount": v} for k, v in ordered]
