"""The 科创平台 sheets for the Excel exchange (`guatu.exchange.registry`): yearly outputs and platforms.

A column the sheet does not carry leaves the stored field as it is; a blank cell in a column it
does carry means "not reported". Counts must be whole numbers; money columns are converted to 万元
from the unit their header names ("(亿元)"). Platforms are named by code or name.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from guatu.core.models import Industry, Platform, Region
from guatu.exchange import registry
from guatu.exchange.registry import ExchangeKind, RowError
from guatu.exchange.tables import Column
from guatu.exchange.values import normalise_text
from guatu.innovation import measures
from guatu.innovation.choices import DatePrecision
from guatu.innovation.models import InnovationPlatform, PlatformOutput, PlatformType

PLATFORM = Column(
    "platform", "科创平台", "text", ("平台名称", "平台代码", "科创平台名称", "平台"), required=True, width=30
)
YEAR = Column("year", "年份", "int", ("年度", "统计年度"), required=True, width=8)
LOWER = Column("lower_bounds", "“余”数指标", "text", ("下限指标", "约数指标"), width=24)
NOTE = Column("note", "备注", "text", ("说明",), width=30)
SEPARATORS = re.compile(r"[、,，;；\s]+")


def _count(cells: dict, key: str) -> int | None:
    value = registry.number(cells, key)
    if value is None:
        return None
    if value < 0 or value != value.to_integral_value():
        raise RowError("a whole number of 0 or more", key)
    if value > measures.COUNT_MAX:
        raise RowError(f"more than {measures.COUNT_MAX}", key)
    return int(value)


def _year(cells: dict) -> int:
    value = _count(cells, "year")
    if value is None:
        raise RowError("this column is required", "year")
    return value


def _platform(cells: dict) -> InnovationPlatform:
    return registry.reference(cells, "platform", InnovationPlatform, required=True)


def _lower_bounds(cells: dict) -> str:
    """Measure keys or labels (Chinese or English), separated by 、 or commas."""
    names = {}
    for m in measures.MEASURES:
        for name in (m.key, m.header, str(m.label), *m.synonyms):
            names[name] = m.key
    keys = set()
    for part in SEPARATORS.split(registry.text(cells, "lower_bounds")):
        if not part:
            continue
        if part not in names:
            raise RowError(f"“{part}” is not a measure of this sheet", "lower_bounds")
        keys.add(names[part])
    return ",".join(k for k in measures.KEYS if k in keys)


def output_fields(cells: dict) -> dict:
    fields = {"platform_id": _platform(cells).pk, "year": _year(cells)}
    for m in measures.MEASURES:
        if m.key in cells:
            fields[m.key] = registry.money(cells, m.key) if m.money else _count(cells, m.key)
    if "lower_bounds" in cells:
        fields["lower_bounds"] = _lower_bounds(cells)
    if "note" in cells:
        fields["note"] = registry.text(cells, "note", max_length=500)
    return fields


def output_row(obj: PlatformOutput) -> list:
    headers = {m.key: m.header for m in measures.MEASURES}
    return [obj.platform.name, obj.year, *(getattr(obj, m.key) for m in measures.MEASURES),
            "、".join(headers[k] for k in measures.KEYS if k in obj.lower_bound_keys), obj.note]  # fmt: skip


OUTPUTS = ExchangeKind(
    name="innovation-outputs",
    title="科创平台年度产出",
    model=PlatformOutput,
    columns=[
        PLATFORM,
        YEAR,
        *(Column(m.key, m.header, "money" if m.money else "int", m.synonyms) for m in measures.MEASURES),
        LOWER,
        NOTE,
    ],
    key=("platform_id", "year"),
    to_fields=output_fields,
    to_row=output_row,
    queryset=lambda user: PlatformOutput.objects.select_related("platform").order_by("platform__code", "year"),
    note="每个平台每年一行;空白=未填报;“余”数指标填写指标名称(如 发表论文、申请专利),以顿号分隔",
)


# --- platforms ---------------------------------------------------------------------------------

_YEAR_ONLY = re.compile(r"^(\d{4})\s*年?$")
_DAY = re.compile(r"^\d{4}\s*(?:年|[-/.])\s*\d{1,2}\s*(?:月|[-/.])\s*\d{1,2}\s*日?$")


def founded(cells: dict) -> tuple[dt.date, str]:
    """A founding date as far as the sheet knows it: 2021 / 2021年 → the year; 2023年12月 → the month."""
    raw = cells.get("founded")
    if isinstance(raw, int | float | Decimal) and 1950 <= raw <= 2100 and raw == int(raw):
        return dt.date(int(raw), 1, 1), DatePrecision.YEAR
    text = normalise_text(raw) if isinstance(raw, str) else ""
    if match := _YEAR_ONLY.match(text):
        return dt.date(int(match.group(1)), 1, 1), DatePrecision.YEAR
    value = registry.date(cells, "founded", required=True)
    if text and not _DAY.search(text):
        return value, DatePrecision.MONTH
    return value, DatePrecision.DAY


def platform_fields(cells: dict) -> dict:
    fields = {
        "code": registry.text(cells, "code", required=True, max_length=32),
        "name": registry.text(cells, "name", required=True, max_length=200),
        "platform_type_id": registry.reference(cells, "platform_type", PlatformType, required=True).pk,
        "region_id": registry.reference(cells, "region", Region, required=True).pk,
    }
    fields["founded"], fields["founded_precision"] = founded(cells)
    optional = {
        "host": lambda: registry.text(cells, "host", max_length=200),
        "focus": lambda: registry.text(cells, "focus", max_length=300),
        "description": lambda: registry.text(cells, "description"),
        "industrial_platform_id": lambda: _pk(registry.reference(cells, "industrial_platform", Platform)),
        "industry_id": lambda: _pk(registry.reference(cells, "industry", Industry)),
        "based_on_id": lambda: _pk(registry.reference(cells, "based_on", InnovationPlatform)),
    }
    for name, read in optional.items():
        if name.removesuffix("_id") in cells:
            fields[name] = read()
    return fields


def _pk(obj) -> int | None:
    return obj.pk if obj is not None else None


def platform_row(obj: InnovationPlatform) -> list:
    return [obj.code, obj.name, obj.platform_type.name, obj.host, obj.founded_display_sheet, obj.region.code,
            obj.industrial_platform.name if obj.industrial_platform else "", obj.industry.name if obj.industry else "",
            obj.focus, obj.based_on.code if obj.based_on else "", obj.description]  # fmt: skip


PLATFORMS = ExchangeKind(
    name="innovation-platforms",
    title="科创平台",
    model=InnovationPlatform,
    columns=[
        Column("code", "平台代码", "text", ("代码", "编码"), required=True, width=14),
        Column("name", "平台名称", "text", ("名称", "科创平台"), required=True, width=30),
        Column("platform_type", "平台类型", "choice", ("类型",), required=True),
        Column("host", "依托单位", "text", ("主办单位", "建设单位"), width=24),
        Column("founded", "成立时间", "text", ("成立日期", "创建时间", "认定时间"), required=True),
        Column("region", "行政区划", "choice", ("所在地", "县(市、区)", "区县"), required=True),
        Column("industrial_platform", "产业平台", "choice", ("所在平台", "园区")),
        Column("industry", "主导产业", "choice", ("产业", "所属产业")),
        Column("focus", "聚焦领域", "text", ("研究方向", "主攻方向"), width=30),
        Column("based_on", "依托平台", "text", ("基础平台",), width=14),
        Column("description", "简介", "text", ("说明", "备注"), width=40),
    ],
    key=("code",),
    to_fields=platform_fields,
    to_row=platform_row,
    queryset=lambda user: InnovationPlatform.objects.select_related(
        "platform_type", "region", "industrial_platform", "industry", "based_on"
    ).order_by("code"),
    note="成立时间可写 2021、2023年12月 或 2024-04-15;行政区划填代码或名称",
)

KINDS = (OUTPUTS, PLATFORMS)
