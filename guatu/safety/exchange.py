"""安全生产 sheets for the exchange (`guatu.exchange.registry`): inspections, hazards and accidents.

Each kind reads the sheet as officers keep it (the headers and synonyms below), validates every row
with the model's own rules, and writes it under the access rule with the change record. Coded
columns take the Chinese words people write (一般/重大, 整改中, 市级 …) or the codes; anything else
is an error naming the column. A column the sheet does not carry leaves the stored field as it is.
A hazard's status may only move along its loop (found → rectifying → verified → closed); an
accident's class is computed from its figures — a 事故等级 column, when given, must agree.
"""

from __future__ import annotations

from decimal import Decimal

from guatu.core.models import Department, Platform, Region
from guatu.exchange import registry
from guatu.exchange.registry import ExchangeKind, RowError
from guatu.exchange.tables import Column
from guatu.exchange.values import normalise_text
from guatu.projects.models import Project
from guatu.safety.choices import AccidentClass, HazardGrade, HazardStatus, SupervisionLevel
from guatu.safety.classification import classify
from guatu.safety.models import PEOPLE_MAX, Accident, AccidentThreshold, Hazard, Inspection, move_error

# The words a sheet may use for a coded value → the code; the first word is what exports write.
GRADES = {HazardGrade.GENERAL: ("一般", "一般隐患", "一般事故隐患", "general"),
          HazardGrade.MAJOR: ("重大", "重大隐患", "重大事故隐患", "major")}  # fmt: skip
STATUSES = {
    HazardStatus.FOUND: ("待整改", "已发现", "发现", "未整改", "found"),
    HazardStatus.RECTIFYING: ("整改中", "正在整改", "rectifying"),
    HazardStatus.VERIFIED: ("已验收", "已复查", "整改完成", "verified"),
    HazardStatus.CLOSED: ("已销号", "销号", "closed"),
}
LEVELS = {SupervisionLevel.PROVINCE: ("省级", "省", "province"), SupervisionLevel.CITY: ("市级", "市", "city"),
          SupervisionLevel.COUNTY: ("县级", "县", "县(市、区)级", "county")}  # fmt: skip
CLASSES = {
    AccidentClass.GENERAL: ("一般", "一般事故", "general"),
    AccidentClass.LARGER: ("较大", "较大事故", "larger"),
    AccidentClass.MAJOR: ("重大", "重大事故", "major"),
    AccidentClass.ESPECIALLY_MAJOR: ("特别重大", "特别重大事故", "especially_major"),
}
YES, NO = ("是", "Y", "YES", "TRUE", "1", "√", "已挂牌"), ("否", "N", "NO", "FALSE", "0", "", "×")


def coded(cells: dict, key: str, words: dict, *, required: bool = True) -> str | None:
    raw = normalise_text(cells.get(key))
    if not raw:
        if required:
            raise RowError("this column is required", key)
        return None
    for code, names in words.items():
        if raw in names or raw.lower() == str(code):
            return str(code)
    raise RowError(f"“{raw}” is not one of {'、'.join(names[0] for names in words.values())}", key)


def word(words: dict, code: str | None) -> str:
    return words[code][0] if code else ""


def yes_no(cells: dict, key: str) -> bool:
    raw = normalise_text(cells.get(key)).upper()
    if raw in YES:
        return True
    if raw in NO:
        return False
    raise RowError(f"“{raw}” is not 是 or 否", key)


def people(cells: dict, key: str) -> int:
    value = registry.number(cells, key)
    if value is None:
        return 0
    if value != value.to_integral_value() or value < 0 or value > PEOPLE_MAX:
        raise RowError(f"{value} is not a number of people", key)
    return int(value)


def present(cells: dict, key: str) -> bool:
    """Whether the sheet carries the column (a missing column leaves the stored field alone)."""
    return key in cells


def _by_code(model, cells: dict, key: str, what: str, *, required: bool = False):
    raw = normalise_text(cells.get(key))
    if not raw:
        if required:
            raise RowError("this column is required", key)
        return None
    try:
        return model.objects.get(code=raw)
    except model.DoesNotExist:
        raise RowError(f"no {what} with number “{raw}”", key) from None


def place(cells: dict) -> dict:
    """The project (by code) or the firm, the region and the platform — the project's when left empty."""
    project = _by_code(Project, cells, "project", "project")
    region = registry.reference(cells, "region", Region)
    fields: dict = {"project": project}
    if project is not None:
        if region is not None and region != project.region:
            raise RowError(f"the project {project.code} is in {project.region}, not {region}", "region")
        fields["region"] = project.region
        if present(cells, "platform"):
            platform = registry.reference(cells, "platform", Platform)
            if platform is not None and platform != project.platform:
                raise RowError(f"the project {project.code} is on {project.platform or '—'}, not {platform}",
                               "platform")  # fmt: skip
        fields["platform"] = project.platform
    else:
        if region is None:
            raise RowError("a firm's site needs its region (a project's is the project's)", "region")
        fields["region"] = region
        if present(cells, "platform"):
            fields["platform"] = registry.reference(cells, "platform", Platform)
    if present(cells, "firm"):
        fields["firm"] = registry.text(cells, "firm", max_length=200)
    return fields


def _code(obj) -> str:
    return obj.code if obj is not None else ""


# --- inspections --------------------------------------------------------------------------------


def place_columns(firm: str, firm_synonyms: tuple[str, ...]) -> list[Column]:
    return [
        Column("project", "项目代码", "text", ("项目编码", "项目编号"), width=18),
        Column("firm", firm, "text", firm_synonyms, width=26),
        Column("region", "所在地区", "text", ("地区", "县(市、区)", "行政区划", "属地")),
        Column("platform", "所属平台", "text", ("平台", "园区")),
    ]


def inspection_fields(cells: dict) -> dict:
    fields = {
        "code": registry.text(cells, "code", required=True, max_length=32),
        "inspected_on": registry.date(cells, "inspected_on", required=True),
        "inspectors": registry.text(cells, "inspectors", required=True, max_length=200),
        **place(cells),
    }
    if present(cells, "department"):
        fields["department"] = registry.reference(cells, "department", Department)
    for key, limit in (("site", 200), ("findings", 5000)):
        if present(cells, key):
            fields[key] = registry.text(cells, key, max_length=limit)
    return fields


def inspection_row(i: Inspection) -> list:
    return [i.code, i.inspected_on, i.inspectors, i.department.name if i.department_id else "", _code(i.project),
            i.firm, i.region.code, _code(i.platform), i.site, i.findings]  # fmt: skip


INSPECTIONS = ExchangeKind(
    name="inspections", title="安全生产检查台账", model=Inspection,
    columns=[
        Column("code", "检查编号", "text", ("编号", "检查编码"), required=True),
        Column("inspected_on", "检查日期", "date", ("日期", "检查时间"), required=True, width=12),
        Column("inspectors", "检查人员", "text", ("检查人", "检查组成员"), required=True, width=18),
        Column("department", "检查单位", "text", ("检查部门",), width=18),
        *place_columns("被检查单位", ("企业名称", "单位名称")),
        Column("site", "检查部位", "text", ("检查地点", "部位")),
        Column("findings", "检查情况", "text", ("检查发现", "发现问题"), width=40),
    ],
    key=("code",), to_fields=inspection_fields, to_row=inspection_row,
    note="项目填项目代码(地区、平台取项目的);企业填被检查单位和所在地区。",
)  # fmt: skip


# --- hazards ----------------------------------------------------------------------------------


def hazard_fields(cells: dict) -> dict:
    code = registry.text(cells, "code", required=True, max_length=32)
    fields = {
        "code": code,
        "inspection": _by_code(Inspection, cells, "inspection", "inspection", required=True),
        "grade": coded(cells, "grade", GRADES),
        "description": registry.text(cells, "description", required=True, max_length=500),
        "found_on": registry.date(cells, "found_on", required=True),
        "owner": registry.text(cells, "owner", required=True, max_length=100),
        "deadline": registry.date(cells, "deadline", required=True),
    }
    stored = Hazard.objects.filter(code=code).values_list("status", flat=True).first()
    if normalise_text(cells.get("status")):  # empty: a new hazard is found, a stored one keeps its status
        fields["status"] = coded(cells, "status", STATUSES)
        problem = move_error(stored, fields["status"], fields["grade"]) if stored else None
        if problem:
            raise RowError(problem, "status")
    if present(cells, "supervised"):
        fields["supervised"] = yes_no(cells, "supervised")
    if present(cells, "supervision_level"):
        fields["supervision_level"] = coded(cells, "supervision_level", LEVELS, required=False) or ""
    for key, limit in (("rectification", 2000), ("verified_by", 150), ("closed_by", 150)):
        if present(cells, key):
            fields[key] = registry.text(cells, key, max_length=limit)
    for key in ("verified_on", "closed_on"):
        if present(cells, key):
            fields[key] = registry.date(cells, key)
    return fields


def hazard_row(h: Hazard) -> list:
    return [h.code, h.inspection.code, word(GRADES, h.grade), h.description, h.found_on, h.owner, h.deadline,
            word(STATUSES, h.status), h.supervised, word(LEVELS, h.supervision_level), h.rectification,
            h.verified_on, h.verified_by, h.closed_on, h.closed_by]  # fmt: skip


HAZARDS = ExchangeKind(
    name="hazards", title="事故隐患排查整改台账", model=Hazard,
    columns=[
        Column("code", "隐患编号", "text", ("编号",), required=True),
        Column("inspection", "检查编号", "text", ("检查记录编号",), required=True),
        Column("grade", "隐患等级", "choice", ("等级", "隐患级别"), required=True),
        Column("description", "隐患描述", "text", ("隐患内容", "隐患", "存在隐患"), required=True, width=40),
        Column("found_on", "发现日期", "date", ("排查日期", "发现时间"), required=True, width=12),
        Column("owner", "整改责任人", "text", ("责任人", "整改责任单位"), required=True, width=18),
        Column("deadline", "整改期限", "date", ("整改时限", "整改完成时限"), required=True, width=12),
        Column("status", "整改状态", "choice", ("状态",)),
        Column("supervised", "挂牌督办", "bool", ("是否挂牌督办",)),
        Column("supervision_level", "督办级别", "choice", ("挂牌督办级别",)),
        Column("rectification", "整改措施", "text", ("整改情况",), width=30),
        Column("verified_on", "验收日期", "date", ("复查日期",), width=12),
        Column("verified_by", "验收人", "text", ("复查人",)),
        Column("closed_on", "销号日期", "date", (), width=12),
        Column("closed_by", "销号人", "text", ()),
    ],
    key=("code",), to_fields=hazard_fields, to_row=hazard_row,
    queryset=lambda user: Hazard.objects.select_related("inspection"),
    note="隐患等级:一般/重大(重大隐患须挂牌督办);整改状态:待整改/整改中/已验收/已销号,只能按流程推进。",
)  # fmt: skip


# --- accidents --------------------------------------------------------------------------------


def accident_fields(cells: dict) -> dict:
    fields = {
        "code": registry.text(cells, "code", required=True, max_length=32),
        "occurred_on": registry.date(cells, "occurred_on", required=True),
        "description": registry.text(cells, "description", required=True, max_length=500),
        **place(cells),
        "deaths": people(cells, "deaths"),
        "serious_injuries": people(cells, "serious_injuries"),
        "direct_loss": registry.money(cells, "direct_loss") or Decimal("0.00"),
    }
    computed = classify(fields["deaths"], fields["serious_injuries"], fields["direct_loss"],
                        AccidentThreshold.current())  # fmt: skip
    given = coded(cells, "accident_class", CLASSES, required=False) if present(cells, "accident_class") else None
    if given is not None and given != computed:
        raise RowError(f"the figures make it {word(CLASSES, computed)}事故, not {word(CLASSES, given)}事故",
                       "accident_class")  # fmt: skip
    fields["accident_class"] = computed
    return fields


def accident_row(a: Accident) -> list:
    return [a.code, a.occurred_on, a.description, _code(a.project), a.firm, a.region.code, _code(a.platform),
            a.deaths, a.serious_injuries, a.direct_loss, word(CLASSES, a.accident_class)]  # fmt: skip


ACCIDENTS = ExchangeKind(
    name="accidents", title="生产安全事故台账", model=Accident,
    columns=[
        Column("code", "事故编号", "text", ("编号",), required=True),
        Column("occurred_on", "发生日期", "date", ("事故日期", "发生时间"), required=True, width=12),
        Column("description", "事故概况", "text", ("事故简要情况", "事故类型", "事故名称"), required=True, width=30),
        *place_columns("事故单位", ("发生单位", "企业名称", "单位名称")),
        Column("deaths", "死亡人数", "int", ("死亡",)),
        Column("serious_injuries", "重伤人数", "int", ("重伤",)),
        Column("direct_loss", "直接经济损失", "money", ("经济损失",)),
        Column("accident_class", "事故等级", "choice", ("等级", "事故级别")),
    ],
    key=("code",), to_fields=accident_fields, to_row=accident_row,
    queryset=lambda user: Accident.objects.select_related("project", "region", "platform"),
    note="事故等级按《生产安全事故报告和调查处理条例》由死亡、重伤人数和直接经济损失计算;填写时须一致。",
)  # fmt: skip

KINDS = [INSPECTIONS, HAZARDS, ACCIDENTS]
