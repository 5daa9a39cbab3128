"""产业基金 in the briefing: the article's sentences from the figures, a table of funds, and an appendix
that lists the rows every figure sums.

"今年以来,衢州市产业基金新增投资87亿元,撬动各类资本超300亿元;基金集群扩容115亿元,基金集群规模已达845亿元。"
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from guatu.briefings.sections import Section, Table
from guatu.core.money import WAN_PER_YI, fmt_amount, fmt_money, fmt_pct
from guatu.funds.choices import FundLevel, FundStructure, LPClass
from guatu.funds.figures import DAY, FundBook, Summary, by_industry, summary
from guatu.funds.scope import FundScope


def at_least(value: Decimal) -> str:
    """The article's "超300": a figure floored to its leading digit ("超" = more than), or the figure
    itself when it is already round (300 → "300"); under 10 it is given as it is."""
    if value < 10:
        return fmt_amount(value, 2, trim=True, grouping=False)
    step = Decimal(10) ** value.adjusted()
    floored = (value // step) * step
    if floored == value:
        return fmt_amount(value, 2, trim=True, grouping=False)
    return _("over %(amount)s") % {"amount": int(floored)}


def yi(wan: Decimal) -> str:
    return fmt_money(wan, "yi", 2, trim=True)


def headline(s: Summary) -> str:
    """今年以来,…新增投资87亿元,撬动各类资本超300亿元;基金集群扩容115亿元,基金集群规模已达845亿元。"""
    values = {
        "where": s.scope.where(),
        "new": yi(s.new_investment),
        "leveraged": at_least(s.leveraged / WAN_PER_YI),
        "growth": yi(abs(s.growth)),
        "size": yi(s.size),
    }
    if s.growth >= 0:
        return (
            _(
                "Since the start of the year, %(where)s industrial funds made new investments of %(new)s 100M yuan, "
                "leveraging %(leveraged)s 100M yuan of capital of all kinds; the fund cluster grew by %(growth)s 100M "
                "yuan to %(size)s 100M yuan."
            )
            % values
        )
    return (
        _(
            "Since the start of the year, %(where)s industrial funds made new investments of %(new)s 100M yuan, "
            "leveraging %(leveraged)s 100M yuan of capital of all kinds; the fund cluster shrank by %(growth)s 100M "
            "yuan to %(size)s 100M yuan."
        )
        % values
    )


def leverage_sentence(s: Summary) -> str:
    return _(
        "Government money of %(government)s 100M yuan is leveraged %(leverage)s times; %(invested)s 100M yuan has "
        "been invested, %(progress)s of the committed size (%(paid)s of the paid-in), and local investment is "
        "%(reinvestment)s times the government money."
    ) % {
        "government": yi(s.government),
        "leverage": _times(s.leverage),
        "invested": yi(s.invested),
        "progress": fmt_pct(s.progress_committed),
        "paid": fmt_pct(s.progress_paid_in),
        "reinvestment": _times(s.reinvestment),
    }


def flagship_sentence(s: Summary) -> str:
    return _(
        "%(where)s industrial funds' investment in the flagship industries is %(share)s of the total invested."
    ) % {"where": s.scope.where(), "share": fmt_pct(s.shares["flagship"])}


def _times(value: Decimal | None) -> str:
    return "—" if value is None else fmt_amount(value, 2)


def fund_sentences(s: Summary, book: FundBook) -> list[str]:
    """The funds of the cluster that meet the three 100% checks: one sentence for each fund with provincial
    money (the article's 省高端新材料基金), one naming the others."""
    out, others = [], []
    cluster = book.cluster(s.end)
    for f in s.funds:
        if f.fund.pk not in cluster or not f.all_checks_met:
            continue
        if not f.province:
            others.append(f.fund.name)
            continue
        names = sorted(
            {
                c["lp_name"]
                for c in book.commitments
                if c["fund_id"] == f.fund.pk and c["lp_class"] == LPClass.GOV_PROVINCE
            }
        )
        out.append(
            _(
                "%(name)s: %(size)s 100M yuan, of which %(lps)s put in %(province)s 100M yuan; investment "
                "progress %(progress)s; %(checks)s."
            )
            % {
                "name": f.fund.name,
                "size": yi(f.committed),
                "province": yi(f.province),
                "lps": "、".join(names),
                "progress": _at_least_pct(f.progress_committed),
                "checks": checks_text(),
            }
        )
    if others:
        out.append(
            _("%(count)s more funds also meet %(checks)s: %(names)s.")
            % {"count": len(others), "checks": checks_text(), "names": "、".join(others)}
        )
    return out


def checks_text() -> str:
    return _("the three 100% checks (investment lands in the city, supports high technology, goes to private firms)")


def _at_least_pct(value: Decimal | None) -> str:
    return "—" if value is None else f"{at_least(value)}%"


def funds_section(scope, period, *, user) -> Section | None:
    """The briefing's 产业基金 section for a ledger scope (region, platform, industry) and period."""
    fund_scope = FundScope(region=scope.region, platform=scope.platform, industry=scope.industry)
    book = FundBook(fund_scope, user=user)
    if not book.funds:
        return None
    s = summary(fund_scope, period.start, period.end, user=user, book=book)
    paragraphs = [headline(s), leverage_sentence(s), flagship_sentence(s), *fund_sentences(s, book)]
    if scope.project_list or scope.department:
        paragraphs.append(
            _(
                "Funds are counted by region and platform; the project list and department chosen for "
                "the briefing do not apply to them."
            )
        )
    if s.warnings:
        paragraphs.append(
            _("Early-exit warnings: %(items)s.")
            % {"items": ";".join(f"{w.fund.name}({w.text.rstrip('。.')})" for w in s.warnings)}
        )
    return Section(
        key="funds",
        title=_("Industrial funds"),
        paragraphs=paragraphs,
        tables=[fund_table(s, book)],
        appendix=appendix(s, book),
        order=20,
    )


def fund_table(s: Summary, book: FundBook) -> Table:
    cluster = book.cluster(s.end)
    rows = [
        [
            f.fund.name,
            FundLevel(f.fund.level).label,
            FundStructure(f.fund.structure).label,
            yi(f.committed),
            yi(f.government),
            yi(f.paid_in),
            yi(f.invested),
            fmt_pct(f.progress_committed),
            _times(f.leverage),
            fmt_pct(f.shares["local"]),
            fmt_pct(f.shares["high_tech"]),
            fmt_pct(f.shares["private"]),
        ]
        for f in s.funds
        if f.fund.pk in cluster
    ]
    headers = [
        _("Fund"),
        _("Level"),
        _("Structure"),
        _("Committed (100M yuan)"),
        _("Government (100M yuan)"),
        _("Paid in (100M yuan)"),
        _("Invested (100M yuan)"),
        _("Progress"),
        _("Leverage"),
        _("Local"),
        _("High-tech"),
        _("Private"),
    ]
    return Table(
        headers,
        [[str(v) for v in row] for row in rows],
        _("Funds of the cluster on %(day)s") % {"day": s.end.isoformat()},
    )


def appendix(s: Summary, book: FundBook) -> list[Table]:
    """Every figure of the section, as the rows that sum to it."""
    period = book.period_investments(s.start, s.end)
    rows = [
        [
            r["fund__name"],
            r["investee"],
            r["invested_on"].isoformat(),
            r["industry__name"],
            _("yes") if r["industry__flagship"] else _("no"),
            fmt_amount(r["amount"]),
            fmt_amount(r["co_investment"]),
            fmt_amount(r["investee_financing"]),
        ]
        for r in sorted(period, key=lambda r: (r["invested_on"], r["pk"]))
    ]
    rows.append(
        [
            _("Total"),
            "",
            "",
            "",
            "",
            fmt_amount(s.new_direct),
            fmt_amount(s.co_investment),
            fmt_amount(s.investee_financing),
        ]
    )
    tables = [
        Table(
            [
                _("Fund"),
                _("Investee"),
                _("Date"),
                _("Industry"),
                _("Flagship"),
                _("Amount (10k yuan)"),
                _("Co-investment (10k yuan)"),
                _("Investee financing (10k yuan)"),
            ],
            rows,
            _(
                "New investment %(new)s 10k yuan and capital leveraged %(leveraged)s 10k yuan "
                "(co-investment + investee financing), %(start)s to %(end)s: the sum of these investments"
            )
            % {
                "new": fmt_amount(s.new_direct),
                "leveraged": fmt_amount(s.leveraged),
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
            },
        )
    ]
    outflows = [] if s.scope.industry else book.outflows(s.start, s.end)
    if outflows:
        rows = [
            [c["lp_name"], c["fund__name"], c["paid_in_on"].isoformat(), fmt_amount(c["paid_in"])] for c in outflows
        ]
        rows.append([_("Total"), "", "", fmt_amount(s.new_outflow)])
        tables.append(
            Table(
                [_("Paying fund"), _("Fund outside the scope"), _("Paid in on"), _("Paid in (10k yuan)")],
                rows,
                _("New investment into funds outside the scope"),
            )
        )
    counted = sorted(book.counted(s.end), key=lambda c: (c["fund__code"], c["committed_on"], c["lp_name"]))
    rows = [_commitment_cells(c) for c in counted]
    rows.append([_("Total"), "", "", "", fmt_amount(s.size)])
    headers = [_("Fund"), _("Limited partner"), _("LP class"), _("Committed on"), _("Committed (10k yuan)")]
    tables.append(
        Table(
            headers,
            rows,
            _("Cluster size %(size)s 10k yuan on %(day)s: the sum of these commitments")
            % {"size": fmt_amount(s.size), "day": s.end.isoformat()},
        )
    )
    growth = book.growth_rows(s.start, s.end)
    rows = [[*_commitment_cells(c)[:4], ("+" if sign > 0 else "−") + fmt_amount(c["committed"])] for sign, c in growth]
    rows.append([_("Total"), "", "", "", fmt_amount(s.growth)])
    tables.append(
        Table(
            headers,
            rows,
            _(
                "Growth %(growth)s 10k yuan: the commitments that entered (+) or left (−) the size between "
                "%(before)s and %(end)s"
            )
            % {"growth": fmt_amount(s.growth), "before": (s.start - DAY).isoformat(), "end": s.end.isoformat()},
        )
    )
    industries = by_industry(book.cumulative_investments(s.end))
    flagship = sum((r["amount"] for r in industries if r["flagship"]), Decimal(0))
    total = sum((r["amount"] for r in industries), Decimal(0))
    rows = [[r["industry"], _("yes") if r["flagship"] else _("no"), fmt_amount(r["amount"])] for r in industries]
    rows.append([_("Flagship industries"), "", fmt_amount(flagship)])
    rows.append([_("Total"), "", fmt_amount(total)])
    tables.append(
        Table(
            [_("Industry"), _("Flagship"), _("Invested (10k yuan)")],
            rows,
            _("Flagship share %(share)s = %(flagship)s ÷ %(total)s 10k yuan invested to %(end)s")
            % {
                "share": fmt_pct(s.shares["flagship"]),
                "flagship": fmt_amount(flagship),
                "total": fmt_amount(total),
                "end": s.end.isoformat(),
            },
        )
    )
    return tables


def _commitment_cells(c: dict) -> list[str]:
    return [
        c["fund__name"],
        c["lp_name"],
        str(LPClass(c["lp_class"]).label),
        c["committed_on"].isoformat(),
        fmt_amount(c["committed"]),
    ]
