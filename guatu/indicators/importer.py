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
Every value passes the model's own rules (bounds, a level or a growth rate). Where growth is
missing, the indicator's growth is nominal and the prior year's level exists (stored or in the same
file), growth is derived and marked so.

Published statistics are read by everyone but written within the user's scope (FOUNDATION: the
access rule): a row for a unit outside what the user may add or change is an error on that row.
The same importer serves the CLI (`guatu import-indicators`, `--as USERNAME`) and the import page
(`guatu.indicators.jobs`, preview → confirm), with the change record naming the user.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError as DjangoValidationError
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
    sheet: str = ""
    labels: dict[str, str] = field(default_factory=dict)  # column key → the header as the file writes it
    changes: list[dict] = field(default_factory=list)  # new and changed values, in words (old → new)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def committed(self) -> bool:
        return self.ok and not self.dry_run

    def as_json(self) -> dict:
        return {"file": self.file, "rows": self.rows, "created": self.result.created, "updated": self.result.updated,
                "unchanged": self.result.unchanged, "derived_growth": self.derived, "dry_run": self.dry_run,
                "errors": [e.as_json() for e in self.errors]}  # fmt: skip

    def as_preview(self, limit: int = 500) -> dict:
        """The import page's preview (the shape `guatu.exchange` jobs keep): counts, errors with the
        sheet's own column headers, and each new or changed value with old → new."""
        created, updated = self.result.created, self.result.updated
        return {
            "file": self.file, "kind": "indicators", "rows": self.rows, "created": created, "updated": updated,
            "unchanged": self.result.unchanged, "committed": self.committed,
            "can_commit": self.ok and self.dry_run and bool(created or updated), "absent": [], "declared": {},
            "errors": [{"sheet": self.sheet, "row": e.row, "column": self.labels.get(e.column, e.column),
                        "reason": e.reason} for e in self.errors[:limit]],
            "errors_total": len(self.errors), "changes": self.changes[:limit], "derived_growth": self.derived,
        }  # fmt: skip


class ImportFileError(ValueError):
    """The file as a whole cannot be read (format, header)."""


def read_rows(path: Path, name: str | None = None) -> list[list[str]]:
    """The first sheet's rows as text, read by the same safe reader as every other import
    (zip checks, no formula evaluation, dimensions not trusted); CSV in UTF-8 or GB18030."""
    return _read(path, name)[1]


def _read(path: Path, name: str | None = None) -> tuple[str, list[list[str]]]:
    from guatu.exchange.reader import UnreadableFile, read_sheets

    try:
        sheet = read_sheets(path, name)[0]
        return sheet.name, [[_text(c) for c in row] for row in sheet.rows]
    except UnreadableFile as exc:
        raise ImportFileError(str(exc)) from exc


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
    fields = {"_row": number, "_indicator": indicator, "_unit": unit, "indicator_id": indicator.pk,
              "unit_id": unit.pk, "year": year, "month": month, "value": _q(value, 4), "growth_pct": _q(growth, 2),
              "growth_derived": False, "vintage": vintage, "source": cell.get("source", "")}  # fmt: skip
    errors = _model_errors(number, fields)
    return (None, errors) if errors else (fields, [])


COLUMN_OF_FIELD = {"value": "value", "growth_pct": "growth", "year": "period", "month": "period", "vintage": "vintage",
                   "source": "source", "indicator": "indicator", "unit": "unit"}  # fmt: skip


def _model_errors(number: int, fields: dict) -> list[RowError]:
    """The model's own rules (bounds, lengths, a level or a growth rate), as row errors."""
    obj = IndicatorValue(**{k: v for k, v in fields.items() if not k.startswith("_")})
    try:
        # The indicator and unit were looked up already: no query per row to check they exist.
        obj.full_clean(exclude=["indicator", "unit"], validate_unique=False, validate_constraints=False)
    except DjangoValidationError as exc:
        return [RowError(number, COLUMN_OF_FIELD.get(name, "value"), message)
                for name, messages in exc.message_dict.items() for message in messages]  # fmt: skip
    return []


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


def import_values(path: Path, *, dry_run: bool = False, user=None, name: str | None = None,
                  progress=None) -> ImportResult:  # fmt: skip
    """Check every row, then write all of them in one transaction — or none. `user` (None: the
    system) writes only within their scope and is named in the change record; `name` is the file's
    name as uploaded; `progress(rows)` is told how far the reading has got."""
    path = Path(path)
    label = name or path.name
    sheet, rows = _read(path, name)
    if not rows:
        raise ImportFileError(f"{label}: the file is empty")
    start = _header_row(rows)
    columns = _columns(rows[start], label)
    report = ImportResult(file=label, dry_run=dry_run, sheet=sheet,
                          labels={key: rows[start][i].strip() for key, i in columns.items()})  # fmt: skip
    look = _Lookups.load()
    parsed: dict[tuple, dict] = {}
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        cell = {key: (row[i].strip() if i < len(row) else "") for key, i in columns.items()}
        if not any(cell.values()):
            continue
        report.rows += 1
        if progress and report.rows % 1000 == 0:
            progress(report.rows)
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
    if progress:
        progress(report.rows)
    if report.errors:
        return report
    _derive_growth(parsed, report)
    existing = IndicatorValue.objects.filter(indicator_id__in={r["indicator_id"] for r in parsed.values()},
                                             year__in={r["year"] for r in parsed.values()})  # fmt: skip
    stored = {(v.indicator_id, v.unit_id, v.year, v.month): v for v in existing}
    _check_scope(parsed, stored, user, report)
    if report.errors:
        return report
    report.changes = _changes(parsed, stored)
    clean = [{k: v for k, v in row.items() if not k.startswith("_")} for row in parsed.values()]
    with transaction.atomic():
        report.result = upsert(IndicatorValue, ["indicator_id", "unit_id", "year", "month"], clean,
                               existing=existing, change_reason=f"import {label}", user=user)  # fmt: skip
        if dry_run:
            transaction.set_rollback(True)
    return report


def may_import(user) -> bool:
    """Whether the user may import indicator values at all (which units: row by row, `_check_scope`)."""
    from guatu.accounts.access import may

    return may(user, IndicatorValue, "add") and may(user, IndicatorValue, "change")


def _check_scope(parsed: dict[tuple, dict], stored: dict, user, report: ImportResult) -> None:
    """A row for a unit outside the user's scope (to add a value, or to change a stored one) is an
    error on that row; each unit and action is asked once."""
    if user is None:
        return
    from guatu.accounts.access import action_label, allows

    answers: dict[tuple[int, str], bool] = {}
    for key, row in parsed.items():
        action = "change" if key in stored else "add"
        unit = row["_unit"]
        if (unit.pk, action) not in answers:
            answers[unit.pk, action] = allows(user, action, IndicatorValue(unit=unit, indicator=row["_indicator"]))
        if not answers[unit.pk, action]:
            report.errors.append(RowError(row["_row"], "unit", _(
                "you may not %(action)s values of %(unit)s: it is outside your scope") % {
                "action": action_label(action), "unit": unit.name}))  # fmt: skip


FIELD_LABELS = (("value", "value"), ("growth_pct", "growth (%)"), ("vintage", "vintage"), ("source", "source"))


def _changes(parsed: dict[tuple, dict], stored: dict) -> list[dict]:
    """Each new or changed value in words: unit, indicator and period, and old → new per field."""
    from guatu.exchange.importer import action_labels

    labels = {name: str(IndicatorValue._meta.get_field(name).verbose_name) for name, _label in FIELD_LABELS}
    out = []
    for key, row in parsed.items():
        current = stored.get(key)
        record = f"{row['_unit'].name} · {row['_indicator'].name} · {row['year']}-{row['month']:02d}"
        fields = [name for name, _label in FIELD_LABELS]
        if current is None:
            changed = [(name, None, row[name]) for name in fields if row[name] not in (None, "")]
            action = "create"
        else:
            changed = [
                (name, getattr(current, name), row[name]) for name in fields if getattr(current, name) != row[name]
            ]
            if not changed and current.growth_derived == row["growth_derived"]:
                continue
            action = "update"
        out.append({"record": record, "action": action, "action_label": action_labels()[action],
                    "changes": [{"field": name, "label": labels[name], "old": _shown(name, old),
                                 "new": _shown(name, new)} for name, old, new in changed]})  # fmt: skip
    return out


def _shown(name: str, value) -> str | None:
    if value is None or value == "":
        return None
    return str(Vintage(value).label) if name == "vintage" else str(value)


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
