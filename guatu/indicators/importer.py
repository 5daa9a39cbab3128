"""Import indicator values from CSV or xlsx in a tidy layout, all or nothing.

One row per value. Columns (English or Chinese headers):
    unit / 单位      reporting-unit code or name (330800, 衢州市, 衢州智造新城)
    indicator / 指标 indicator code or name (GDP, 地区生产总值)
    period / 期间    the period's last month: 2024-11, 2024/11, 2024年11月
    value / 数值     year-to-date value (may be empty when only growth is published)
    value_unit / 计量单位  optional: 亿元, 万元 or 元; converted to the indicator's unit
    growth / 增幅    growth in % as published (may be empty)
    vintage / 数据版本  optional: preliminary/初步核算, revised/修订, final/最终核实
    source / 来源    optional

Every bad row is reported with its row number, column and reason, and then nothing is written.
Where growth is missing, the indicator's growth is nominal and the prior year's level exists
(stored or in the same file), growth is derived and marked so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from guatu.core.bulk import UpsertResult, upsert
from guatu.indicators.choices import YUAN_PER, Vintage
from guatu.indicators.models import Indicator, IndicatorValue, ReportingUnit

HEADERS = {
    "unit": {"unit", "单位", "地区", "统计单位"},
    "indicator": {"indicator", "指标", "指标名称"},
    "period": {"period", "期间", "时期", "月份"},
    "value": {"value", "数值", "累计值", "本年累计"},
    "value_unit": {"value_unit", "计量单位", "单位名称"},
    "growth": {"growth", "增幅", "增长", "同比增长", "增速"},
    "vintage": {"vintage", "数据版本", "版本"},
    "source": {"source", "来源", "数据来源"},
}
REQUIRED = ("unit", "indicator", "period")
VINTAGES = {"preliminary": "preliminary", "初步核算": "preliminary", "初步": "preliminary", "revised": "revised",
            "修订": "revised", "final": "final", "最终核实": "final", "最终": "final", "": "preliminary"}  # fmt: skip
PERIOD = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*月?\s*$")


@dataclass
class RowError:
    row: int
    column: str
    reason: str

    def as_json(self) -> dict:
        return {"row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class ImportResult:
    file: str
    rows: int = 0
    result: UpsertResult = field(default_factory=UpsertResult)
    derived: int = 0
    errors: list[RowError] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self) -> dict:
        return {"file": self.file, "rows": self.rows, "created": self.result.created, "updated": self.result.updated,
                "unchanged": self.result.unchanged, "derived_growth": self.derived, "dry_run": self.dry_run,
                "errors": [e.as_json() for e in self.errors]}  # fmt: skip


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, header)."""


def read_rows(path: Path) -> list[list[str]]:
    """The first sheet's rows as text, read by the same safe reader as every other import
    (zip checks, no formula evaluation, dimensions not trusted); CSV in UTF-8 or GB18030."""
    from guatu.exchange.reader import UnreadableFile, read_sheets

    try:
        sheet = read_sheets(path)[0]
    except UnreadableFile as exc:
        raise ImportFileError(str(exc)) from exc
    return [[_text(c) for c in row] for row in sheet.rows]


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float):
        return repr(cell)  # the shortest exact form: 10050.21 stays 10050.21
    return str(cell)


def _header_row(rows: list[list[str]]) -> int:
    """Templates put a title and instructions above the header: take the first row naming the columns."""
    for index, row in enumerate(rows[:15]):
        labels = {cell.strip().lower() for cell in row}
        if all(labels & HEADERS[key] for key in REQUIRED):
            return index
    return 0


def _columns(header: list[str], name: str) -> dict[str, int]:
    found = {}
    for index, cell in enumerate(header):
        label = cell.strip().lower()
        for key, names in HEADERS.items():
            if label in names:
                found[key] = index
    missing = [key for key in REQUIRED if key not in found]
    if missing:
        raise ImportFileError(f"{name}: the header row lacks {', '.join(missing)} (found: {', '.join(header)})")
    if "value" not in found and "growth" not in found:
        raise ImportFileError(f"{name}: the header row needs a value or a growth column")
    return found


def _decimal(text: str) -> Decimal | None:
    cleaned = text.strip().replace(",", "").replace("，", "").rstrip("%")
    if cleaned in ("", "-", "—"):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(_("“%(text)s” is not a number") % {"text": text}) from None


@dataclass
class _Lookups:
    units: dict[str, ReportingUnit]
    units_by_name: dict[str, list[ReportingUnit]]
    indicators: dict[str, Indicator]
    indicators_by_name: dict[str, Indicator]

    @classmethod
    def load(cls) -> _Lookups:
        units = {u.code: u for u in ReportingUnit.objects.all()}
        by_name: dict[str, list[ReportingUnit]] = {}
        for u in units.values():
            by_name.setdefault(u.name, []).append(u)
        indicators = {i.code: i for i in Indicator.objects.all()}
        return cls(units, by_name, indicators, {i.name: i for i in indicators.values()})

    def unit(self, text: str) -> ReportingUnit:
        if text in self.units:
            return self.units[text]
        matches = self.units_by_name.get(text, [])
        if len(matches) > 1:
            raise ValueError(_("“%(text)s” names more than one unit; use its code") % {"text": text})
        if not matches:
            raise ValueError(_("no reporting unit with code or name “%(text)s”") % {"text": text})
        return matches[0]

    def indicator(self, text: str) -> Indicator:
        found = self.indicators.get(text.upper()) or self.indicators_by_name.get(text)
        if found is None:
            raise ValueError(_("no indicator with code or name “%(text)s”") % {"text": text})
        return found


def _parse_row(number: int, cell: dict[str, str], look: _Lookups) -> tuple[dict | None, list[RowError]]:
    """One row → the value's fields, or the reasons it cannot be taken."""
    errors: list[RowError] = []

    def check(column: str, parse):
        try:
            return parse()
        except ValueError as exc:
            errors.append(RowError(number, column, str(exc)))
            return None

    unit = check("unit", lambda: look.unit(cell["unit"]))
    indicator = check("indicator", lambda: look.indicator(cell["indicator"]))
    year, month = check("period", lambda: _period(cell["period"], indicator)) or (None, None)
    value = check("value", lambda: _decimal(cell.get("value", "")))
    growth = check("growth", lambda: _decimal(cell.get("growth", "")))
    if not errors and value is None and growth is None:
        errors.append(RowError(number, "value", _("neither a value nor a growth rate")))
    if indicator and value is not None:
        value = check("value_unit", lambda: _convert(value, cell.get("value_unit", ""), indicator))
    vintage = check("vintage", lambda: _vintage(cell.get("vintage", "")))
    if errors:
        return None, errors
    return {"_row": number, "_indicator": indicator, "indicator_id": indicator.pk, "unit_id": unit.pk,
            "year": year, "month": month, "value": _q(value, 4), "growth_pct": _q(growth, 2),
            "growth_derived": False, "vintage": vintage, "source": cell.get("source", "")}, []  # fmt: skip


def _period(text: str, indicator: Indicator | None) -> tuple[int, int]:
    match = PERIOD.match(text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        raise ValueError(_("“%(text)s” is not a month such as 2024-11") % {"text": text})
    year, month = int(match.group(1)), int(match.group(2))
    if indicator and month not in indicator.months():
        raise ValueError(_("%(name)s is published %(frequency)s; month %(month)s is not one of its periods") % {
            "name": indicator.name, "frequency": indicator.get_frequency_display(), "month": month})  # fmt: skip
    return year, month


def _convert(value: Decimal, given: str, indicator: Indicator) -> Decimal:
    if not given or given == indicator.unit:
        return value
    if given in YUAN_PER and indicator.unit in YUAN_PER:
        return value * YUAN_PER[given] / YUAN_PER[indicator.unit]
    raise ValueError(
        _("cannot convert %(given)s to the unit of %(name)s, %(unit)s")
        % {"given": given, "name": indicator.name, "unit": indicator.unit}
    )


def _vintage(text: str) -> str:
    found = VINTAGES.get(text.lower() if text.isascii() else text)
    if found is None:
        raise ValueError(
            _("“%(text)s” is not one of %(choices)s")
            % {"text": text, "choices": ", ".join(str(v.label) for v in Vintage)}
        )
    return found


def import_values(path: Path, *, dry_run: bool = False) -> ImportResult:
    """Check every row, then write all of them in one transaction — or none."""
    path = Path(path)
    rows = read_rows(path)
    if not rows:
        raise ImportFileError(f"{path.name}: the file is empty")
    start = _header_row(rows)
    columns = _columns(rows[start], path.name)
    report = ImportResult(file=path.name, dry_run=dry_run)
    look = _Lookups.load()
    parsed: dict[tuple, dict] = {}
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        cell = {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()}
        if not any(cell.values()):
            continue
        report.rows += 1
        fields, errors = _parse_row(number, cell, look)
        if errors:
            report.errors.extend(errors)
            continue
        key = (fields["indicator_id"], fields["unit_id"], fields["year"], fields["month"])
        if key in parsed:
            report.errors.append(RowError(number, "period", _("the same unit, indicator and period as row %(row)s")
                                          % {"row": parsed[key]["_row"]}))  # fmt: skip
            continue
        parsed[key] = fields
    if report.errors:
        return report
    _derive_growth(parsed, report)
    clean = [{k: v for k, v in row.items() if not k.startswith("_")} for row in parsed.values()]
    existing = IndicatorValue.objects.filter(indicator_id__in={r["indicator_id"] for r in clean},
                                             year__in={r["year"] for r in clean})  # fmt: skip
    with transaction.atomic():
        report.result = upsert(IndicatorValue, ["indicator_id", "unit_id", "year", "month"], clean,
                               existing=existing, change_reason=f"import {path.name}")  # fmt: skip
        if dry_run:
            transaction.set_rollback(True)
    return report


def _q(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(1).scaleb(-places))


def _derive_growth(parsed: dict[tuple, dict], report: ImportResult) -> None:
    """Nominal growth from both years' levels, where growth is missing and may be derived."""
    wanted = [
        row for row in parsed.values()
        if row["growth_pct"] is None and row["value"] is not None and not row["_indicator"].real_growth
    ]  # fmt: skip
    if not wanted:
        return
    stored = {(v.indicator_id, v.unit_id, v.year, v.month): v.value
              for v in IndicatorValue.objects.filter(indicator_id__in={r["indicator_id"] for r in wanted},
                                                     year__in={r["year"] - 1 for r in wanted})}  # fmt: skip
    for row in wanted:
        key = (row["indicator_id"], row["unit_id"], row["year"] - 1, row["month"])
        prior = parsed[key]["value"] if key in parsed else stored.get(key)
        if prior:
            row["growth_pct"] = _q((row["value"] / prior - 1) * 100, 2)
            row["growth_derived"] = True
            report.derived += 1
