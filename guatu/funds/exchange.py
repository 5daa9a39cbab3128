"""The fund sheets guatu reads and writes (基金, 基金出资, 基金投资), registered with the exchange.

The header must carry the columns marked required (the natural key and what the model cannot do
without). Each row goes through the model's own validation, the user's scope and the change record (see
`guatu.exchange.registry`). A column the sheet does not carry leaves the stored field as it was; coded
columns take the code or the name; 是/否 columns take 是/否 (or Y/N, 1/0, √/×). Exports write Chinese
labels, which the importer reads back: export → import changes nothing.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from guatu.core.models import Industry, Platform, Region
from guatu.exchange import registry
from guatu.exchange.registry import ExchangeKind, RowError
from guatu.exchange.tables import Column
from guatu.exchange.values import normalise_text
from guatu.funds.choices import FundKind, FundLevel, FundStructure, LPClass
from guatu.funds.models import Fund, FundCommitment, FundInvestment, within

YES = {"是", "y", "yes", "true", "1", "√", "✓"}
NO = {"否", "n", "no", "false", "0", "×", "✗"}


def _labels(choices, value: str) -> set[str]:
    out = {value}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            out.add(str(choices(value).label))
    return out


def choice(cells: dict, key: str, choices) -> str:
    """A choice by its value or its label in Chinese or English."""
    raw = normalise_text(cells.get(key))
    if not raw:
        raise RowError("this column is required", key)
    for value in choices.values:
        if raw in _labels(choices, value):
            return value
    with translation.override("zh-hans"):
        names = "、".join(str(label) for label in choices.labels)
    raise RowError(f"“{raw}” is not one of {names}", key)


def zh_label(choices, value: str) -> str:
    with translation.override("zh-hans"):
        return str(choices(value).label)


def yes_no(cells: dict, key: str) -> bool | None:
    raw = normalise_text(cells.get(key)).lower()
    if not raw:
        return None
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise RowError(f"“{raw}” is neither 是 nor 否", key)


def _set(fields: dict, cells: dict, key: str, attname: str, parse) -> None:
    """Read a column only when the sheet has it: a missing column leaves the stored field alone."""
    if key in cells:
        fields[attname] = parse()


def _pk(obj) -> int | None:
    return obj.pk if obj is not None else None


# --- 基金 -----------------------------------------------------------------------------------------

FUND_COLUMNS = [
    Column("code", "基金代码", "text", ("代码", "编码"), True, 16),
    Column("name", "基金名称", "text", ("名称", "基金"), True, 30),
    Column("level", "层级", "choice", ("基金层级", "出资层级"), True),
    Column("kind", "类型", "choice", ("基金类型",)),
    Column("structure", "架构", "choice", ("基金架构", "结构")),
    Column("parent", "母基金", "text", ("上级基金", "母基金代码"), width=16),
    Column("manager", "管理人", "text", ("基金管理人",), width=30),
    Column("region", "所属地区", "text", ("地区", "行政区划"), True),
    Column("platform", "平台", "text", ("产业平台", "所属平台")),
    Column("approved_on", "方案批复日期", "date", ("批复日期", "方案确认日期")),
    Column("set_up_on", "设立日期", "date", ("成立日期", "注册日期")),
    Column("investment_end", "投资期至", "date", ("投资期截止",)),
    Column("exit_end", "退出期至", "date", ("退出期截止",)),
    Column("extension_end", "延长期至", "date", ("延长期截止",)),
    Column("closed_on", "清算日期", "date", ("注销日期",)),
    Column("description", "说明", "text", ("备注",), width=40),
]


def fund_fields(cells: dict) -> dict:
    fields = {"code": registry.text(cells, "code", required=True, max_length=32)}
    _set(fields, cells, "name", "name", lambda: registry.text(cells, "name", required=True, max_length=200))
    for key, choices in (("level", FundLevel), ("kind", FundKind), ("structure", FundStructure)):
        _set(fields, cells, key, key, lambda key=key, choices=choices: choice(cells, key, choices))
    _set(fields, cells, "parent", "parent_id", lambda: _pk(registry.reference(cells, "parent", Fund)))
    _set(fields, cells, "manager", "manager", lambda: registry.text(cells, "manager", max_length=200))
    _set(fields, cells, "region", "region_id", lambda: _pk(registry.reference(cells, "region", Region, required=True)))
    _set(fields, cells, "platform", "platform_id", lambda: _pk(registry.reference(cells, "platform", Platform)))
    for key in ("approved_on", "set_up_on", "investment_end", "exit_end", "extension_end", "closed_on"):
        _set(fields, cells, key, key, lambda key=key: registry.date(cells, key))
    _set(fields, cells, "description", "description", lambda: registry.text(cells, "description", max_length=5000))
    return fields


def fund_row(f: Fund) -> list:
    return [
        f.code,
        f.name,
        zh_label(FundLevel, f.level),
        zh_label(FundKind, f.kind),
        zh_label(FundStructure, f.structure),
        f.parent.code if f.parent_id else "",
        f.manager,
        f.region.code,
        f.platform.code if f.platform_id else "",
        f.approved_on,
        f.set_up_on,
        f.investment_end,
        f.exit_end,
        f.extension_end,
        f.closed_on,
        f.description,
    ]


# --- 基金出资 ---------------------------------------------------------------------------------------

COMMITMENT_COLUMNS = [
    Column("fund", "基金代码", "text", ("基金", "基金名称"), True, 16),
    Column("lp_name", "出资人", "text", ("出资人名称", "LP", "合伙人"), True, 30),
    Column("lp_class", "出资人类别", "choice", ("出资类别", "LP类别"), True),
    Column("lp_fund", "出资基金代码", "text", ("出资基金",), width=16),
    Column("committed", "认缴出资", "money", ("认缴", "认缴金额"), True),
    Column("committed_on", "认缴日期", "date", ("出资日期",), True),
    Column("paid_in", "实缴出资", "money", ("实缴", "实缴金额", "到位资金")),
    Column("paid_in_on", "实缴日期", "date", ("到位日期",)),
    Column("note", "备注", "text", ("说明",), width=30),
]


def commitment_fields(cells: dict) -> dict:
    fields = {
        "fund_id": _pk(registry.reference(cells, "fund", Fund, required=True)),
        "lp_name": registry.text(cells, "lp_name", required=True, max_length=200),
        "committed_on": registry.date(cells, "committed_on", required=True),
    }
    _set(fields, cells, "lp_class", "lp_class", lambda: choice(cells, "lp_class", LPClass))
    _set(fields, cells, "lp_fund", "lp_fund_id", lambda: _pk(registry.reference(cells, "lp_fund", Fund)))
    _set(fields, cells, "committed", "committed", lambda: registry.money(cells, "committed", required=True))
    _set(fields, cells, "paid_in", "paid_in", lambda: registry.money(cells, "paid_in") or Decimal(0))
    _set(fields, cells, "paid_in_on", "paid_in_on", lambda: registry.date(cells, "paid_in_on"))
    _set(fields, cells, "note", "note", lambda: registry.text(cells, "note", max_length=200))
    return fields


def commitment_row(c: FundCommitment) -> list:
    return [
        c.fund.code,
        c.lp_name,
        zh_label(LPClass, c.lp_class),
        c.lp_fund.code if c.lp_fund_id else "",
        c.committed,
        c.committed_on,
        c.paid_in,
        c.paid_in_on,
        c.note,
    ]


# --- 基金投资 ---------------------------------------------------------------------------------------

INVESTMENT_COLUMNS = [
    Column("fund", "基金代码", "text", ("基金", "基金名称", "投资基金"), True, 16),
    Column("investee", "被投企业", "text", ("被投资企业", "投资标的", "企业名称"), True, 30),
    Column("project", "项目代码", "text", ("项目", "关联项目"), width=18),
    Column("lead", "招商线索", "text", ("线索代码", "招商线索代码", "关联线索"), width=18),
    Column("amount", "投资金额", "money", ("投资额", "基金投资额"), True),
    Column("invested_on", "投资日期", "date", ("出资日期", "投资时间"), True),
    Column("industry", "行业", "text", ("所属行业", "产业"), True),
    Column("region", "被投企业所在地区", "text", ("所在地区", "落地地区", "地区")),
    Column("is_local", "本地", "bool", ("是否本地", "市域落地", "是否返投")),
    Column("is_private", "民营企业", "bool", ("是否民营", "是否民营企业")),
    Column("is_high_tech", "高新技术", "bool", ("是否高新", "是否高新技术企业", "高端技术")),
    Column("co_investment", "合投金额", "money", ("合投", "跟投金额", "社会资本合投")),
    Column("investee_financing", "被投企业融资", "money", ("带动融资", "企业融资")),
    Column("note", "备注", "text", ("说明",), width=30),
]


def investment_fields(cells: dict) -> dict:
    fund = registry.reference(cells, "fund", Fund, required=True)
    fields = {
        "fund_id": fund.pk,
        "investee": registry.text(cells, "investee", required=True, max_length=200),
        "invested_on": registry.date(cells, "invested_on", required=True),
    }
    _set(fields, cells, "project", "project_id", lambda: _pk(registry.reference(cells, "project", _project_model())))
    _set(fields, cells, "lead", "lead_id", lambda: _pk(registry.reference(cells, "lead", _lead_model())))
    _set(fields, cells, "amount", "amount", lambda: registry.money(cells, "amount", required=True))
    _set(
        fields,
        cells,
        "industry",
        "industry_id",
        lambda: _pk(registry.reference(cells, "industry", Industry, required=True)),
    )
    region = registry.reference(cells, "region", Region) if "region" in cells else None
    if "region" in cells:
        fields["region_id"] = _pk(region)
    local = yes_no(cells, "is_local") if "is_local" in cells else None
    if local is None and "region" in cells:
        local = within(region, fund.region)  # the rule itself: local means in the fund's region
    if local is not None:
        fields["is_local"] = local
    for key in ("is_private", "is_high_tech"):
        _set(fields, cells, key, key, lambda key=key: bool(yes_no(cells, key)))
    for key in ("co_investment", "investee_financing"):
        _set(fields, cells, key, key, lambda key=key: registry.money(cells, key) or Decimal(0))
    _set(fields, cells, "note", "note", lambda: registry.text(cells, "note", max_length=500))
    return fields


def _lead_model():
    from guatu.attraction.models import Lead

    return Lead


def _project_model():
    from guatu.projects.models import Project

    return Project


def investment_row(i: FundInvestment) -> list:
    return [
        i.fund.code,
        i.investee,
        i.project.code if i.project_id else "",
        i.lead.code if i.lead_id else "",
        i.amount,
        i.invested_on,
        i.industry.name,
        i.region.code if i.region_id else "",
        i.is_local,
        i.is_private,
        i.is_high_tech,
        i.co_investment,
        i.investee_financing,
        i.note,
    ]


KINDS = [
    ExchangeKind(
        name="funds",
        title="产业基金",
        model=Fund,
        columns=FUND_COLUMNS,
        key=("code",),
        to_fields=fund_fields,
        to_row=fund_row,
        queryset=lambda user: Fund.objects.select_related("parent", "region", "platform"),
        note="层级:省级/市级/县级;类型:产业基金/创投基金;架构:母基金/子基金/直投基金;地区、平台、母基金填代码或名称。",
    ),
    ExchangeKind(
        name="fund-commitments",
        title="基金出资(认缴与实缴)",
        model=FundCommitment,
        columns=COMMITMENT_COLUMNS,
        key=("fund_id", "lp_name", "committed_on"),
        to_fields=commitment_fields,
        to_row=commitment_row,
        queryset=lambda user: FundCommitment.objects.select_related("fund", "lp_fund"),
        note="出资人类别:省级政府/市级政府/县级政府/台账内基金/社会资本/管理人(GP);金额单位万元(表头可写亿元)。",
    ),
    ExchangeKind(
        name="fund-investments",
        title="基金投资",
        model=FundInvestment,
        columns=INVESTMENT_COLUMNS,
        key=("fund_id", "investee", "invested_on"),
        to_fields=investment_fields,
        to_row=investment_row,
        queryset=lambda user: FundInvestment.objects.select_related("fund", "project", "lead", "industry", "region"),
        note="本地=被投企业在基金所属地区内(留空按地区判断);合投=集群外投资人同轮出资;金额单位万元。",
    ),
]
