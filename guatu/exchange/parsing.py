"""One sheet row → the fields it gives, with every error of the row (not only the first).

A field is *given* only when the sheet carries its column and the cell says something; a column
the sheet does not carry leaves the stored value alone (the importer fills what a new record needs).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from guatu.core.models import Department, Industry, Platform, Region
from guatu.core.params import YEAR_MAX, YEAR_MIN
from guatu.exchange.reader import Uncomputed
from guatu.exchange.tables import Header
from guatu.exchange.values import TO_WAN, normalise_text, parse_date, parse_decimal
from guatu.projects.choices import Category, Stage
from guatu.projects.models import Project

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
YEARS = (YEAR_MIN, YEAR_MAX)  # the years the ledger holds
YES = {"是", "√", "✓", "y", "yes", "true", "1", "有"}
NO = {"否", "", "n", "no", "false", "0", "无", "×"}
ZH_CHOICES = {
    "前期": "preparation", "在建": "construction", "竣工": "completed", "投产": "production",
    "产业": "industrial", "产业项目": "industrial", "基础设施": "infrastructure", "社会民生": "social",
}  # fmt: skip


def unneutralise(text: str) -> str:
    """Undo the export's protection against formula injection ("'=1+1" was written for "=1+1")."""
    return text[1:] if text.startswith("'") and text[1:2] in DANGEROUS else text


class Lookups:
    """Codes and names of the projects and reference tables, loaded once per import."""

    def __init__(self) -> None:
        self.projects_by_code = dict(Project.objects.values_list("code", "pk"))
        by_name: dict[str, list[int]] = defaultdict(list)
        self.project_names: dict[int, tuple[str, str]] = {}
        for pk, code, name in Project.objects.values_list("pk", "code", "name"):
            by_name[name].append(pk)
            self.project_names[pk] = (code, name)
        self.projects_by_name = by_name
        self.tables = {model: self._index(model) for model in (Region, Platform, Department, Industry)}

    @staticmethod
    def _index(model) -> dict[str, int | None]:
        index: dict[str, int | None] = {}
        for pk, code, name in model.objects.values_list("pk", "code", "name"):
            index[code] = pk
            index[name] = None if name in index and index[name] != pk else pk  # None marks a shared name
        return index

    def project(self, code: str, name: str) -> int:
        if code:
            if code in self.projects_by_code:
                return self.projects_by_code[code]
            if not name:
                raise ValueError(_("no project with code “%(code)s”") % {"code": code})
        matches = self.projects_by_name.get(name, [])
        if len(matches) > 1:
            raise ValueError(_("“%(name)s” names %(count)s projects; give the project code") %
                             {"name": name, "count": len(matches)})  # fmt: skip
        if not matches:
            if code:
                raise ValueError(_("no project with code “%(code)s” or name “%(name)s”") % {"code": code, "name": name})
            raise ValueError(_("no project named “%(name)s”") % {"name": name})
        return matches[0]

    def ref(self, model, text: str) -> int | None:
        if not text:
            return None
        index = self.tables[model]
        label = model._meta.verbose_name
        if text not in index:
            raise ValueError(_("no %(thing)s with code or name “%(text)s”") % {"thing": label, "text": text})
        if index[text] is None:
            message = _("“%(text)s” names more than one %(thing)s; use the code")
            raise ValueError(message % {"thing": label, "text": text})
        return index[text]


@functools.cache
def _choice_map(choices, language: str) -> dict[str, str]:
    names = {value: value for value in choices.values}
    names.update({str(label): value for value, label in choices.choices})
    names.update({zh: value for zh, value in ZH_CHOICES.items() if value in choices.values})
    return names


def parse_choice(choices, text: str, language: str | None = None) -> str:
    """A choice by its stored value, its label in the active language (`language`: the active one, when the
    caller read it already), or its Chinese name."""
    found = _choice_map(choices, language if language is not None else get_language() or "").get(text)
    if found is None:
        raise ValueError(_("“%(text)s” is not one of %(choices)s") %
                         {"text": text, "choices": ", ".join(str(label) for label in choices.labels)})  # fmt: skip
    return found


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(_("“%(text)s” is not 是/否") % {"text": text})


def parse_pct(value) -> Decimal | None:
    number = parse_decimal(value)
    if isinstance(value, float) and 0 < value < 1:  # a cell formatted as 45% holds 0.45
        number = number * 100
    return None if number is None else number.quantize(Decimal("0.01"))


@dataclass
class Row:
    """One data row being read: its cells, the header, and the errors found so far (by field)."""

    number: int  # as Excel numbers rows, from 1
    cells: list
    header: Header
    errors: dict[str, str] = field(default_factory=dict)

    def carries(self, key: str) -> bool:
        return key in self.header.columns

    def raw(self, key: str):
        """The cell under `key`'s column; None when the sheet has no such column or the cell is empty."""
        column = self.header.columns.get(key)
        if column is None or column >= len(self.cells):
            return None
        value = self.cells[column]
        if isinstance(value, Uncomputed):
            self.error(key, _("the formula %(formula)s has no saved value; open the file in Excel or WPS and save it")
                       % {"formula": value})  # fmt: skip
            return None
        return None if value == "" else value

    def text(self, key: str) -> str:
        return normalise_text(self.raw(key))

    def error(self, key: str, reason: str) -> None:
        self.errors.setdefault(key, reason)

    def parse(self, key: str, parser: Callable):
        """`parser(raw)` for a given cell; None when not given or when it fails (the error is kept)."""
        value = self.raw(key)
        if value is None:
            return None
        try:
            return parser(value)
        except ValueError as exc:
            self.error(key, str(exc))
            return None

    def money(self, key: str) -> Decimal | None:
        unit = TO_WAN.get(self.header.units.get(key) or "万元", Decimal(1))

        def convert(value) -> Decimal | None:
            number = parse_decimal(value)
            return None if number is None else (number * unit).quantize(Decimal("0.01"))

        return self.parse(key, convert)

    def project(self, look: Lookups) -> int | None:
        code, name = self.text("project"), self.text("project_name")
        try:
            return look.project(code, name)
        except ValueError as exc:
            self.error("project" if code else "project_name", str(exc))
            return None


@dataclass(frozen=True)
class Context:
    look: Lookups
    today: dt.date
    period: tuple[int, int] | None = None  # the report month the rows above the header declare
    language: str = field(default_factory=lambda: get_language() or "")  # the active language, read once


def _small_int(value) -> int | None:
    """A month written as a number (6, 6.0, "6", "６") — with a year column beside it."""
    try:
        number = parse_decimal(value)
    except ValueError:
        return None
    if number is not None and number == number.to_integral_value() and 1 <= number <= 12:
        return int(number)
    return None


def _report_month(row: Row, ctx: Context) -> tuple[int, int] | None:
    when = row.raw("month")
    year_cell = row.raw("year")
    as_number = _small_int(when)
    if when is None:
        if ctx.period is None:
            row.error("month", _("the month is missing"))
        return ctx.period
    if as_number is not None and year_cell is not None:
        year = row.parse("year", parse_decimal)
        if year is None or year != year.to_integral_value():
            row.error("year", _("“%(value)s” is not a year") % {"value": year_cell})
            return None
        found = (int(year), as_number)
    else:
        date = row.parse("month", parse_date)
        if date is None:
            return None
        found = (date.year, date.month)
    if not YEARS[0] <= found[0] <= YEARS[1]:
        row.error("year" if row.carries("year") else "month", _("“%(value)s” is not a year") % {"value": found[0]})
        return None
    if ctx.period and found != ctx.period:
        row.error("month", _("%(year)s-%(month)02d, but the title above the table says %(period)s") %
                  {"year": found[0], "month": found[1], "period": f"{ctx.period[0]}-{ctx.period[1]:02d}"})  # fmt: skip
        return None
    if found > (ctx.today.year, ctx.today.month):
        row.error("month", _("%(year)s-%(month)02d is in the future") % {"year": found[0], "month": found[1]})
        return None
    return found


def parse_report(row: Row, ctx: Context) -> dict:
    fields: dict = {"project_id": row.project(ctx.look)}
    period = _report_month(row, ctx)
    if period:
        fields["year"], fields["month"] = period
    for key in ("invest_month", "invest_ytd"):
        fields[key] = row.money(key)
        if fields[key] is None and key not in row.errors:
            row.error(key, _("this month's investment and the year to date are both needed"))
    for key in ("invest_cumulative",):
        value = row.money(key)
        if value is not None:
            fields[key] = value
    progress = row.parse("progress_pct", parse_pct)
    if progress is not None:
        fields["progress_pct"] = progress
    stage = row.text("stage")
    if stage:
        try:
            fields["stage"] = parse_choice(Stage, stage, ctx.language)
        except ValueError as exc:
            row.error("stage", str(exc))
    if row.carries("problems"):
        fields["problems"] = row.text("problems")  # an empty cell says: no problems (any more)
    return fields


def parse_plan(row: Row, ctx: Context) -> dict:
    fields: dict = {"project_id": row.project(ctx.look)}
    year = row.parse("year", parse_decimal)
    if year is None or year != year.to_integral_value() or not YEARS[0] <= year <= YEARS[1]:
        row.error("year", _("the year is missing or not a year"))
    else:
        fields["year"] = int(year)
    fields["planned_investment"] = row.money("planned_investment")
    if fields["planned_investment"] is None:
        row.error("planned_investment", _("the planned investment is missing"))
    for key in ("plans_start", "plans_production"):
        if row.carries(key):
            value = row.parse(key, lambda v: parse_bool(normalise_text(v)))
            fields[key] = bool(value)
    return fields


PROJECT_REFS = (("region", Region), ("platform", Platform), ("department", Department), ("industry", Industry))
PROJECT_TEXTS = ("owner", "contact_leader")
PROJECT_DATES = ("planned_start", "actual_start", "planned_completion", "actual_completion")


def parse_project(row: Row, ctx: Context) -> dict:
    fields: dict = {"code": row.text("project"), "name": row.text("project_name")}
    if not fields["code"]:
        row.error("project", _("a project needs its code"))
    if not fields["name"]:
        row.error("project_name", _("a project needs its name"))
    for key in PROJECT_TEXTS:
        if row.carries(key):
            fields[key] = row.text(key)
    for key, model in PROJECT_REFS:
        if row.carries(key):
            try:
                fields[f"{key}_id"] = ctx.look.ref(model, row.text(key))
            except ValueError as exc:
                row.error(key, str(exc))
    if fields.get("region_id", 0) is None and "region" not in row.errors:
        row.error("region", _("a project needs its region"))
    fields["total_investment"] = row.money("total_investment")
    if fields["total_investment"] is None:
        row.error("total_investment", _("the total investment is missing"))
    for key in PROJECT_DATES:
        if row.carries(key):
            fields[key] = row.parse(key, parse_date)
    for key, choices in (("category", Category), ("stage", Stage)):
        text = row.text(key)
        if text:
            try:
                fields[key] = parse_choice(choices, text, ctx.language)
            except ValueError as exc:
                row.error(key, str(exc))
    return fields


PARSERS = {"reports": parse_report, "plans": parse_plan, "projects": parse_project}


_CENT = Decimal("0.01")
_PLAIN_NUMBERS = (int, float)  # exactly these classes (a bool is neither)


def _number_or_none(value) -> Decimal | bool | None:
    """A cell that is certainly a number as `parse_decimal` reads it (an int, or a float within range), as that
    Decimal; None for an empty cell; False for any other cell (the careful path reads it)."""
    cls = value.__class__
    if cls is float:
        if -1e15 < value < 1e15:  # NaN fails both tests
            return Decimal(repr(value))
        return False
    if cls is int:
        if -(10**15) < value < 10**15:
            return Decimal(value)
        return False
    if value is None or value == "":
        return None
    return False


def report_fast_path(header: Header, ctx: Context) -> Callable[[list], dict | None]:
    """`parse_report` compiled for one header: for a row of the plain cells a sheet usually holds (a known
    project code, whole numbers for the year and month, numbers for the amounts, a stage by a name it has, text
    for the problems) the same fields `parse_report` gives; None for any other row, which the caller reads
    with `parse_report` (which finds and words its errors). Only rows without errors take this path."""
    columns = header.columns
    code_at, name_at = columns.get("project"), columns.get("project_name")
    year_at, month_at = columns.get("year"), columns.get("month")
    money_at = [(key, columns.get(key), TO_WAN.get(header.units.get(key) or "万元", Decimal(1)))
                for key in ("invest_month", "invest_ytd", "invest_cumulative")]  # fmt: skip
    pct_at, stage_at, problems_at = columns.get("progress_pct"), columns.get("stage"), columns.get("problems")
    projects = ctx.look.projects_by_code
    stages = _choice_map(Stage, ctx.language)
    latest = (ctx.today.year, ctx.today.month)
    period = ctx.period
    months: dict[tuple[int, int], tuple[int, int] | None] = {}

    def month_of(year, month) -> tuple[int, int] | None:
        """(year, month) as `_report_month` finds it without an error, for whole numbers; else None."""
        if not (YEARS[0] <= year <= YEARS[1] and 1 <= month <= 12):
            return None
        found = (year, month)
        if (period and found != period) or found > latest:
            return None
        return found

    def cell(cells: list, at: int | None):
        return None if at is None or at >= len(cells) else cells[at]

    def parse(cells: list) -> dict | None:
        code = cell(cells, code_at)
        if code.__class__ is not str or isinstance(cell(cells, name_at), Uncomputed):
            return None
        pid = projects.get(code)
        if pid is None:
            return None
        fields: dict = {"project_id": pid}
        year, month = cell(cells, year_at), cell(cells, month_at)
        if month is None or month == "":
            if period is None:
                return None
            found = period
        else:
            if year.__class__ is not int or month.__class__ is not int:
                return None
            key = (year, month)
            found = months.get(key, False)
            if found is False:
                found = months[key] = month_of(year, month)
            if found is None:
                return None
        fields["year"], fields["month"] = found
        for key, at, unit in money_at:
            number = _number_or_none(cell(cells, at))
            if number is False:
                return None
            if number is None:
                if key != "invest_cumulative":
                    return None
                continue
            fields[key] = (number * unit).quantize(_CENT)
        value = cell(cells, pct_at)
        number = _number_or_none(value)
        if number is False:
            return None
        if number is not None:
            if value.__class__ is float and 0 < value < 1:
                number = number * 100
            fields["progress_pct"] = number.quantize(_CENT)
        stage = cell(cells, stage_at)
        if stage is not None and stage != "":
            if stage.__class__ is not str or stage not in stages:
                return None
            fields["stage"] = stages[stage]
        if problems_at is not None:
            problems = cell(cells, problems_at)
            if problems is None:
                problems = ""
            elif problems.__class__ is not str:
                return None
            fields["problems"] = problems
        return fields

    return parse
