"""Excel for 招商引资: the leads sheet and the talks log, registered with `guatu.exchange.registry`
(template, preview → commit import under the access rule and the change record, export).

A lead's stage, first signing, event and ledger project move only by transitions and conversion:
the sheet shows them, and importing a sheet that changes one is an error on that cell, not a
silent no-op.
"""

from __future__ import annotations

import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import translation

from guatu.attraction.choices import Capital, LeadKind, Origin, Ownership, Source, Stage, TalkKind
from guatu.attraction.models import IndustryChain, Lead, Talk
from guatu.core.models import Department, Industry, Platform, Region
from guatu.exchange import registry
from guatu.exchange.registry import ExchangeKind, RowError
from guatu.exchange.tables import Column
from guatu.exchange.values import normalise_text
from guatu.projects.models import Project

_PAREN = re.compile(r"[(（]([^()（）]+)[)）]")
YES, NO = {"是", "y", "yes", "true", "1", "√"}, {"否", "n", "no", "false", "0", ""}

LEAD_COLUMNS = [
    Column("code", "线索编号", "text", ("线索代码", "编号"), True, 16),
    Column("name", "项目名称", "text", ("项目", "名称"), True, 36),
    Column("short_name", "简称", "text", ("项目简称",)),
    Column("investor", "投资方", "text", ("投资主体", "投资企业", "客商"), True, 30),
    Column("origin", "投资方来源", "choice", ("客商来源", "来源地"), True),
    Column("capital", "资本类型", "choice", ("内外资",)),
    Column("industry", "产业", "choice", ("所属产业", "行业"), True),
    Column("chain", "产业链", "choice", ("所属产业链",)),
    Column("region", "落地地区", "choice", ("行政区划", "县(市、区)", "所在地"), True),
    Column("platform", "产业平台", "choice", ("平台", "园区")),
    Column("department", "责任单位", "choice", ("牵头单位",)),
    Column("source", "招商方式", "choice", ("招引方式",), True),
    Column("kind", "投资类型", "choice", ("项目类型",)),
    Column("increase_of", "增资原项目代码", "text", ()),
    Column("existing_investment", "原有投资", "money", ("已有投资",)),
    Column("planned_investment", "计划总投资", "money", ("总投资", "协议投资", "投资额"), True),
    Column("land_mu", "用地面积(亩)", "number", ("用地(亩)", "用地需求(亩)")),
    Column("expected_tax", "预计年税收", "money", ("年税收",)),
    Column("qxwy_candidate", "千项万亿候选", "bool", ()),
    Column("fund_investment", "基金联动投资", "money", ("基金投资",)),
    Column("fund_note", "基金说明", "text", ()),
    Column("leader_name", "领衔领导", "text", ("挂帅领导", "责任领导"), True),
    Column("ownership", "领衔方式", "choice", ("挂帅方式",)),
    Column("leader", "领导账号", "text", ()),
    Column("team", "招商专班", "text", ("专班", "工作专班"), width=24),
    Column("received_on", "线索日期", "date", ("收到日期", "获取日期"), True),
    Column("agreed_start", "约定开工", "date", ("约定开工日期", "协议开工")),
    Column("stage", "阶段", "choice", ("当前阶段",)),
    Column("signed_on", "签约日期", "date", ("首次签约日期",)),
    Column("event", "签约活动", "text", ()),
    Column("project", "转入项目代码", "text", ()),
    Column("description", "说明", "text", ("备注",), width=40),
]

TALK_COLUMNS = [
    Column("lead", "线索编号", "text", ("线索代码", "编号"), True, 16),
    Column("lead_name", "项目名称", "text", ("项目",), width=36),
    Column("on", "日期", "date", ("洽谈日期", "时间"), True),
    Column("kind", "类型", "choice", ("洽谈类型", "方式")),
    Column("participants", "参与人员", "text", ("参加人员",), width=24),
    Column("summary", "洽谈内容", "text", ("内容", "情况"), True, 50),
    Column("next_step", "下一步", "text", ("下步计划",), width=30),
]


def _labels(choices, value) -> set[str]:
    """Every way a choice is written: its value, its label in English and Chinese, the part in brackets."""
    out = {value}
    for language in ("en", "zh-hans"):
        with translation.override(language):
            label = str(dict(choices.choices)[value])
        out.add(label)
        out.update(_PAREN.findall(label))
    return {normalise_text(x) for x in out}


def choice(cells: dict, key: str, choices, *, default=None) -> str:
    raw = normalise_text(cells.get(key))
    if not raw:
        if default is None:
            raise RowError("this column is required", key)
        return default
    for value in choices.values:
        if raw in _labels(choices, value):
            return value
    raise RowError(f"“{raw}” is not one of {'、'.join(zh(choices, v) for v in choices.values)}", key)


def zh(choices, value) -> str:
    """A choice as the sheet writes it (Chinese)."""
    with translation.override("zh-hans"):
        label = str(dict(choices.choices)[value])
    found = _PAREN.findall(label)
    return found[-1] if found else label


def boolean(cells: dict, key: str) -> bool:
    raw = normalise_text(cells.get(key)).lower()
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise RowError(f"“{raw}” is not 是 or 否", key)


def _amount(cells: dict, key: str, *, default: Decimal | None = None) -> Decimal | None:
    value = registry.money(cells, key)
    return default if value is None else value


def _stored(code: str) -> Lead | None:
    return Lead.objects.select_related("event", "project").filter(code=code).first()


def _read_only(cells: dict, lead: Lead | None) -> None:
    """The columns a sheet shows but does not set: a different value is an error naming the way to change it."""
    stage = normalise_text(cells.get("stage"))
    if stage:
        wanted = choice(cells, "stage", Stage)
        current = lead.stage if lead else Stage.LEAD
        if wanted != current:
            raise RowError(
                f"the stage is {zh(Stage, current)}; a stage changes by a transition on the lead's page "
                "or the API, not by import",
                "stage",
            )
    signed = registry.date(cells, "signed_on")
    if signed is not None and signed != (lead.signed_on if lead else None):
        raise RowError("the first signing date is set by the signing transition, not by import", "signed_on")
    event = normalise_text(cells.get("event"))
    if event and event != (lead.event.name if lead and lead.event_id else ""):
        raise RowError("the signing event is set by the signing transition, not by import", "event")
    project = normalise_text(cells.get("project"))
    if project and project != (lead.project.code if lead and lead.project_id else ""):
        raise RowError("a lead joins the ledger by conversion, not by import", "project")


def lead_fields(cells: dict) -> dict:
    code = registry.text(cells, "code", required=True, max_length=32)
    _read_only(cells, _stored(code))
    kind = choice(cells, "kind", LeadKind, default=LeadKind.NEW)
    increase_code = registry.text(cells, "increase_of")
    increase_of = None
    if increase_code:
        increase_of = Project.objects.filter(code=increase_code).first()
        if increase_of is None:
            raise RowError(f"no project with code “{increase_code}”", "increase_of")
    username = registry.text(cells, "leader")
    leader = None
    if username:
        leader = get_user_model().objects.filter(username=username).first()
        if leader is None:
            raise RowError(f"no user “{username}”", "leader")
    return {
        "code": code,
        "name": registry.text(cells, "name", required=True, max_length=200),
        "short_name": registry.text(cells, "short_name", max_length=50),
        "investor": registry.text(cells, "investor", required=True, max_length=200),
        "origin": choice(cells, "origin", Origin),
        "capital": choice(cells, "capital", Capital, default=Capital.DOMESTIC),
        "industry": registry.reference(cells, "industry", Industry, required=True),
        "chain": registry.reference(cells, "chain", IndustryChain),
        "region": registry.reference(cells, "region", Region, required=True),
        "platform": registry.reference(cells, "platform", Platform),
        "department": registry.reference(cells, "department", Department),
        "source": choice(cells, "source", Source),
        "kind": kind,
        "increase_of": increase_of,
        "existing_investment": registry.money(cells, "existing_investment"),
        "planned_investment": registry.money(cells, "planned_investment", required=True),
        "land_mu": _mu(cells),
        "expected_tax": registry.money(cells, "expected_tax"),
        "qxwy_candidate": boolean(cells, "qxwy_candidate"),
        "fund_investment": _amount(cells, "fund_investment", default=Decimal("0.00")),
        "fund_note": registry.text(cells, "fund_note", max_length=200),
        "leader_name": registry.text(cells, "leader_name", required=True, max_length=100),
        "ownership": choice(cells, "ownership", Ownership, default=Ownership.LEADER),
        "leader": leader,
        "team": registry.text(cells, "team", max_length=300),
        "received_on": registry.date(cells, "received_on", required=True),
        "agreed_start": registry.date(cells, "agreed_start"),
        "description": registry.text(cells, "description", max_length=5000),
    }


def _mu(cells: dict) -> Decimal | None:
    value = registry.number(cells, "land_mu")
    if value is not None and value < 0:
        raise RowError("an area cannot be negative", "land_mu")
    return None if value is None else value.quantize(Decimal("0.01"))


def _name(obj) -> str:
    return obj.name if obj is not None else ""


def lead_row(lead: Lead) -> list:
    return [
        lead.code,
        lead.name,
        lead.short_name,
        lead.investor,
        zh(Origin, lead.origin),
        zh(Capital, lead.capital),
        _name(lead.industry),
        _name(lead.chain),
        _name(lead.region),
        _name(lead.platform),
        _name(lead.department),
        zh(Source, lead.source),
        zh(LeadKind, lead.kind),
        lead.increase_of.code if lead.increase_of_id else "",
        lead.existing_investment,
        lead.planned_investment,
        lead.land_mu,
        lead.expected_tax,
        lead.qxwy_candidate,
        lead.fund_investment,
        lead.fund_note,
        lead.leader_name,
        zh(Ownership, lead.ownership),
        lead.leader.get_username() if lead.leader_id else "",
        lead.team,
        lead.received_on,
        lead.agreed_start,
        zh(Stage, lead.stage),
        lead.signed_on,
        lead.event.name if lead.event_id else "",
        lead.project.code if lead.project_id else "",
        lead.description,
    ]


def talk_fields(cells: dict) -> dict:
    code = registry.text(cells, "lead", required=True)
    lead = Lead.objects.filter(code=code).first()
    if lead is None:
        raise RowError(f"no lead with code “{code}”", "lead")
    return {
        "lead_id": lead.pk,
        "on": registry.date(cells, "on", required=True),
        "kind": choice(cells, "kind", TalkKind, default=TalkKind.NEGOTIATION),
        "participants": registry.text(cells, "participants", max_length=300),
        "summary": registry.text(cells, "summary", required=True, max_length=5000),
        "next_step": registry.text(cells, "next_step", max_length=500),
    }


def talk_row(talk: Talk) -> list:
    return [
        talk.lead.code,
        talk.lead.name,
        talk.on,
        zh(TalkKind, talk.kind),
        talk.participants,
        talk.summary,
        talk.next_step,
    ]


LEADS = ExchangeKind(
    name="leads",
    title="招商线索",
    model=Lead,
    columns=LEAD_COLUMNS,
    key=("code",),
    to_fields=lead_fields,
    to_row=lead_row,
    queryset=lambda user: Lead.objects.select_related(
        "industry", "chain", "region", "platform", "department", "increase_of", "leader", "event", "project"
    ),
    note="金额单位:万元;阶段、签约日期、签约活动、转入项目代码仅供查看,须在线索页面办理阶段变更或转入项目台账。",
)

TALKS = ExchangeKind(
    name="lead-talks",
    title="招商洽谈记录",
    model=Talk,
    columns=TALK_COLUMNS,
    key=("lead_id", "on", "kind"),
    to_fields=talk_fields,
    to_row=talk_row,
    queryset=lambda user: Talk.objects.select_related("lead").order_by("lead__code", "on", "id"),
    note="每行一次洽谈;同一线索同一天同一类型只记一行。",
)


def register_kinds() -> None:
    registry.register(LEADS)
    registry.register(TALKS)
