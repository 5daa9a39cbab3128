"""Import the ledger, annual plans and monthly reports from sheets as officers keep them.

Read → find the header → parse every row (errors name sheet, row, column and reason) → compare
with what is stored (create / update with old → new / unchanged) → commit all in one transaction,
or nothing. Importing the same file twice changes nothing. Rows are written in bulk.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

from guatu.core.models import Department, Industry, Platform, Region
from guatu.exchange.models import synonyms_for
from guatu.exchange.reader import Sheet, read_sheets
from guatu.exchange.tables import KINDS, SPECS, Header, find_header
from guatu.exchange.values import TO_WAN, normalise_text, parse_date, parse_decimal
from guatu.projects.choices import Category, Stage
from guatu.projects.models import AnnualPlan, MonthlyReport, Project

TOTAL_WORDS = ("合计", "小计", "总计", "总 计", "合 计")
NOTE_PREFIXES = ("注", "说明", "备注", "填表", "制表", "审核", "填报人", "联系电话")
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
YES = {"是", "√", "✓", "y", "yes", "true", "1", "有"}
NO = {"否", "", "n", "no", "false", "0", "无", "×"}


@dataclass
class CellError:
    sheet: str
    row: int  # as Excel numbers rows, from 1
    column: str
    reason: str

    def as_json(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class Change:
    key: str
    action: str  # create, update, unchanged
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"key": self.key, "action": self.action,
                "changes": {k: [str(o) if o is not None else None, str(n) if n is not None else None]
                            for k, (o, n) in self.changes.items()}}  # fmt: skip


@dataclass
class Preview:
    file: str
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[CellError] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def as_json(self, limit: int = 500) -> dict:
        return {"file": self.file, "kind": self.kind, "rows": self.rows, "created": self.created,
                "updated": self.updated, "unchanged": self.unchanged, "committed": self.committed,
                "errors": [e.as_json() for e in self.errors[:limit]], "errors_total": len(self.errors),
                "changes": [c.as_json() for c in self.changes if c.action != "unchanged"][:limit]}  # fmt: skip


class ImportError_(ValueError):
    """The file as a whole cannot be imported (no header found, unreadable)."""


def unneutralise(text: str) -> str:
    """Undo the export's protection against formula injection ("'=1+1" was written for "=1+1")."""
    return text[1:] if text.startswith("'") and text[1:2] in DANGEROUS else text


class _Lookups:
    """Codes and names of the reference tables, loaded once per import."""

    def __init__(self) -> None:
        self.projects_by_code = dict(Project.objects.values_list("code", "pk"))
        by_name: dict[str, list[int]] = defaultdict(list)
        for pk, name in Project.objects.values_list("pk", "name"):
            by_name[name].append(pk)
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
                raise ValueError(f"no project with code “{code}”")
        matches = self.projects_by_name.get(name, [])
        if len(matches) > 1:
            raise ValueError(f"“{name}” names {len(matches)} projects; give the project code")
        if not matches:
            raise ValueError(
                f"no project with code “{code}” or name “{name}”" if code else f"no project named “{name}”"
            )
        return matches[0]

    def ref(self, model, text: str) -> int | None:
        if not text:
            return None
        index = self.tables[model]
        if text not in index:
            raise ValueError(f"no {model._meta.model_name} with code or name “{text}”")
        if index[text] is None:
            raise ValueError(f"“{text}” names more than one {model._meta.model_name}; use the code")
        return index[text]


ZH_CHOICES = {
    "前期": "preparation", "在建": "construction", "竣工": "completed", "投产": "production",
    "产业": "industrial", "产业项目": "industrial", "基础设施": "infrastructure", "社会民生": "social",
}  # fmt: skip


@functools.cache
def _choice_map(choices, language: str) -> dict[str, str]:
    names = {value: value for value in choices.values}
    names.update({str(label): value for value, label in choices.choices})
    names.update({zh: value for zh, value in ZH_CHOICES.items() if value in choices.values})
    return names


def _choice(choices, text: str, default: str | None = None) -> str | None:
    """A choice by its stored value, its label in the active language, or its Chinese name."""
    if not text:
        return default
    found = _choice_map(choices, get_language() or "").get(text)
    if found is None:
        raise ValueError(f"“{text}” is not one of {', '.join(str(label) for label in choices.labels)}")
    return found


def _bool(text: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(f"“{text}” is not 是/否")


def _data_rows(sheet: Sheet, header: Header):
    """(row number, cells) after the header: blank rows and 合计/小计 rows skipped; notes end the table."""
    seen_data = False
    for index, row in enumerate(sheet.rows):
        if index <= header.row:
            continue
        cells = [unneutralise(normalise_text(v)) if isinstance(v, str) else v for v in row]
        if all(v is None or v == "" for v in cells):
            continue
        first = next((v for v in cells if v is not None and v != ""), "")
        if seen_data and isinstance(first, str) and first.startswith(NOTE_PREFIXES):
            break
        if any(isinstance(v, str) and any(word in v for word in TOTAL_WORDS) for v in cells[:3]):
            continue
        seen_data = True
        yield index + 1, cells


def _cell(cells: list, header: Header, key: str):
    column = header.columns.get(key)
    if column is None or column >= len(cells):
        return None
    value = cells[column]
    return None if value == "" else value


def _money(value, header: Header, key: str) -> Decimal | None:
    number = parse_decimal(value)
    if number is None:
        return None
    return (number * TO_WAN.get(header.units.get(key) or "万元", Decimal(1))).quantize(Decimal("0.01"))


def _pct(value) -> Decimal | None:
    number = parse_decimal(value)
    if isinstance(value, float) and 0 < value < 1:  # a cell formatted as 45% holds 0.45
        number = number * 100
    return None if number is None else number.quantize(Decimal("0.01"))


def _project(cells, header: Header, look: _Lookups) -> int:
    code = normalise_text(_cell(cells, header, "project"))
    name = normalise_text(_cell(cells, header, "project_name"))
    try:
        return look.project(code, name)
    except ValueError as exc:
        raise ValueError(str(exc), "project" if code else "project_name") from None


def _small_int(value) -> int | None:
    """A month written as a number (6, 6.0, "6", "６") — with a year column beside it."""
    try:
        number = parse_decimal(value)
    except ValueError:
        return None
    if number is not None and number == number.to_integral_value() and 1 <= number <= 12:
        return int(number)
    return None


def _parse_report(cells, header: Header, look: _Lookups, today: dt.date) -> dict:
    project = _project(cells, header, look)
    when = _cell(cells, header, "month")
    year_cell = _cell(cells, header, "year")
    as_number = _small_int(when)
    if as_number is not None and year_cell:
        year, month = int(parse_decimal(year_cell)), as_number
    else:
        date = parse_date(when)
        if date is None:
            raise ValueError("the month is missing", "month")
        year, month = date.year, date.month
    if (year, month) > (today.year, today.month):
        raise ValueError(f"{year}-{month:02d} is in the future", "month")
    fields = {
        "project_id": project,
        "year": year,
        "month": month,
        "problems": normalise_text(_cell(cells, header, "problems")),
    }
    for key in ("invest_month", "invest_ytd", "invest_cumulative"):
        try:
            fields[key] = _money(_cell(cells, header, key), header, key)
        except ValueError as exc:
            raise ValueError(str(exc), key) from None
    if fields["invest_month"] is None or fields["invest_ytd"] is None:
        raise ValueError("this month's investment and the year to date are both needed", "invest_ytd")
    if fields["invest_month"] < 0:
        raise ValueError("investment cannot be negative", "invest_month")
    if fields["invest_ytd"] < fields["invest_month"]:
        raise ValueError("the year to date is less than this month's investment", "invest_ytd")
    if fields["invest_cumulative"] is None:
        fields["invest_cumulative"] = fields["invest_ytd"]
    elif fields["invest_cumulative"] < fields["invest_ytd"]:
        raise ValueError("since-start investment is less than the year to date", "invest_cumulative")
    try:
        progress = _pct(_cell(cells, header, "progress_pct"))
    except ValueError as exc:
        raise ValueError(str(exc), "progress_pct") from None
    if progress is not None and not 0 <= progress <= 100:
        raise ValueError(f"physical progress {progress}% is outside 0–100", "progress_pct")
    fields["progress_pct"] = progress if progress is not None else Decimal(0)
    try:
        fields["stage"] = _choice(Stage, normalise_text(_cell(cells, header, "stage")), Stage.CONSTRUCTION)
    except ValueError as exc:
        raise ValueError(str(exc), "stage") from None
    return fields


def _parse_plan(cells, header: Header, look: _Lookups, today: dt.date) -> dict:
    project = _project(cells, header, look)
    year = parse_decimal(_cell(cells, header, "year"))
    if year is None or not 2000 <= year <= 2100:
        raise ValueError("the year is missing or not a year", "year")
    amount = _money(_cell(cells, header, "planned_investment"), header, "planned_investment")
    if amount is None or amount < 0:
        raise ValueError("the planned investment is missing or negative", "planned_investment")
    out = {"project_id": project, "year": int(year), "planned_investment": amount}
    for key in ("plans_start", "plans_production"):
        try:
            out[key] = _bool(normalise_text(_cell(cells, header, key)))
        except ValueError as exc:
            raise ValueError(str(exc), key) from None
    return out


def _parse_project(cells, header: Header, look: _Lookups, today: dt.date) -> dict:
    code = normalise_text(_cell(cells, header, "project"))
    name = normalise_text(_cell(cells, header, "project_name"))
    if not code:
        raise ValueError("a project needs its code", "project")
    if not name:
        raise ValueError("a project needs its name", "project_name")
    out: dict = {"code": code, "name": name, "owner": normalise_text(_cell(cells, header, "owner")),
                 "contact_leader": normalise_text(_cell(cells, header, "contact_leader"))}  # fmt: skip
    for key, model in (("region", Region), ("platform", Platform), ("department", Department), ("industry", Industry)):
        try:
            out[f"{key}_id"] = look.ref(model, normalise_text(_cell(cells, header, key)))
        except ValueError as exc:
            raise ValueError(str(exc), key) from None
    if out["region_id"] is None:
        raise ValueError("a project needs its region", "region")
    try:
        out["total_investment"] = _money(_cell(cells, header, "total_investment"), header, "total_investment")
        for key in ("planned_start", "actual_start", "planned_completion", "actual_completion"):
            out[key] = parse_date(_cell(cells, header, key))
        out["category"] = _choice(Category, normalise_text(_cell(cells, header, "category")), Category.INDUSTRIAL)
        out["stage"] = _choice(Stage, normalise_text(_cell(cells, header, "stage")), Stage.PREPARATION)
    except ValueError as exc:
        raise ValueError(str(exc), "total_investment") from None
    if out["total_investment"] is None:
        raise ValueError("the total investment is missing", "total_investment")
    return out


PARSERS = {"reports": _parse_report, "plans": _parse_plan, "projects": _parse_project}
MODELS = {"reports": (MonthlyReport, ["project_id", "year", "month"]), "plans": (AnnualPlan, ["project_id", "year"]),
          "projects": (Project, ["code"])}  # fmt: skip


def _label(header: Header, kind: str, key: str) -> str:
    if key in header.labels:
        return header.labels[key]
    return next((c.header for c in SPECS[kind] if c.key == key), key)


def _check_report_order(parsed: dict[tuple, dict], rows: dict[tuple, int], sheet: str, header: Header,
                        errors: list[CellError]) -> None:  # fmt: skip
    """YTD never decreases within a year, across the file and what is stored."""
    projects = {k[0] for k in parsed}
    years = {k[1] for k in parsed}
    stored = defaultdict(dict)
    for pid, year, month, ytd in MonthlyReport.objects.filter(project_id__in=projects, year__in=years).values_list(
            "project_id", "year", "month", "invest_ytd"):  # fmt: skip
        stored[(pid, year)][month] = ytd
    for (pid, year, month), fields in parsed.items():
        stored[(pid, year)][month] = fields["invest_ytd"]
    for (pid, year), months in stored.items():
        previous = None
        for month in sorted(months):
            if previous is not None and months[month] < previous[1] and (pid, year, month) in parsed:
                errors.append(CellError(sheet, rows[(pid, year, month)], _label(header, "reports", "invest_ytd"),
                                        f"year to date {months[month]} is less than {previous[1]} for month "
                                        f"{previous[0]}"))  # fmt: skip
            previous = (month, months[month])


def import_file(
    path: Path,
    kind: str | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    acting_user=None,
    name: str | None = None,
) -> Preview:
    """Preview (dry_run) or commit a sheet. The first sheet with a recognisable header is used.
    `name` is the file's name as the user knows it (uploads are stored under a random name)."""
    path = Path(path)
    name = name or path.name
    sheets = read_sheets(path, name)
    chosen = None
    for sheet in sheets:
        head = [row for _i, row in zip(range(40), sheet.rows, strict=False)]
        for candidate in [kind] if kind else KINDS:
            header = find_header(head, candidate, sheet.merged, extra=synonyms_for(candidate))
            if header:
                chosen = (sheet, header, candidate, head)
                break
        if chosen:
            break
    if not chosen:
        wanted = kind or "reports/projects/plans"
        raise ImportError_(f"{name}: no header row for {wanted} found in the first 30 rows "
                           f"(see `guatu template {kind or 'reports'}` for the columns)")  # fmt: skip
    sheet, header, kind, head = chosen
    sheet.rows = _chain(head, sheet.rows)
    preview = Preview(file=name, kind=kind)
    look = _Lookups()
    today = timezone.localdate()
    model, keys = MODELS[kind]
    parsed: dict[tuple, dict] = {}
    row_of: dict[tuple, int] = {}
    for number, cells in _data_rows(sheet, header):
        preview.rows += 1
        if progress and preview.rows % 5000 == 0:
            progress(preview.rows)
        try:
            fields = PARSERS[kind](cells, header, look, today)
        except ValueError as exc:
            column = exc.args[1] if len(exc.args) > 1 else "project"
            preview.errors.append(CellError(sheet.name, number, _label(header, kind, column), str(exc.args[0])))
            continue
        key = tuple(fields[k] for k in keys)
        if key in parsed:
            preview.errors.append(CellError(sheet.name, number, _label(header, kind, keys[-1] if kind != "projects"
                                                                        else "project"),
                                            f"the same record as row {row_of[key]}"))  # fmt: skip
            continue
        parsed[key], row_of[key] = fields, number
    if progress:
        progress(preview.rows)
    if kind == "reports" and parsed:
        _check_report_order(parsed, row_of, sheet.name, header, preview.errors)
    plan = _diff(preview, model, keys, parsed)
    if preview.errors or dry_run:
        return preview
    with transaction.atomic():
        _write(model, plan, f"import {name}", acting_user)
    preview.committed = True
    return preview


def _chain(head, rest):
    yield from head
    yield from rest


def _existing(model, keys: list[str], parsed: dict[tuple, dict]):
    if model is Project:
        return Project.objects.filter(code__in=[k[0] for k in parsed])
    projects = {k[0] for k in parsed}
    years = {k[1] for k in parsed}
    return model.objects.filter(project_id__in=projects, year__in=years)


MAX_CHANGES = 1000  # the preview lists this many changes; the counts cover every row
CHUNK = 5000


@dataclass
class _WritePlan:
    create: list[dict] = field(default_factory=list)
    update: dict[int, dict] = field(default_factory=dict)  # pk → the fields that change


def _diff(preview: Preview, model, keys: list[str], parsed: dict[tuple, dict]) -> _WritePlan:
    """Compare with what is stored (as plain values, not model instances: 100,000 rows stay cheap)."""
    names = sorted({name for fields in parsed.values() for name in fields})
    stored = {tuple(row[k] for k in keys): row for row in _existing(model, keys, parsed).values("pk", *names)}
    plan = _WritePlan()
    for key, fields in parsed.items():
        current = stored.get(key)
        label = "/".join(str(k) for k in key)
        if current is None:
            preview.created += 1
            plan.create.append(fields)
            if len(preview.changes) < MAX_CHANGES:
                preview.changes.append(Change(label, "create"))
            continue
        changes = {name: (current[name], value) for name, value in fields.items() if current[name] != value}
        if changes:
            preview.updated += 1
            plan.update[current["pk"]] = {name: new for name, (_old, new) in changes.items()}
            if len(preview.changes) < MAX_CHANGES:
                preview.changes.append(Change(label, "update", changes))
        else:
            preview.unchanged += 1
    return plan


def _write(model, plan: _WritePlan, reason: str, user) -> None:
    """Bulk inserts and updates in chunks: each row checked against the user's scope, validated,
    and written with its change record (who, when, old → new) by the tracked queryset."""
    from guatu.accounts.access import require
    from guatu.audit.context import acting

    with acting(**({"user": user} if user is not None else {}), reason=reason):
        for start in range(0, len(plan.create), CHUNK):
            objects = [model(**fields) for fields in plan.create[start : start + CHUNK]]
            for obj in objects:
                if model is MonthlyReport:
                    obj.status = "submitted"
                require(user, "add", obj)
            model.objects.bulk_create(objects, batch_size=CHUNK)
        pks = list(plan.update)
        for start in range(0, len(pks), CHUNK):
            objects = list(model.objects.filter(pk__in=pks[start : start + CHUNK]))
            changed: set[str] = set()
            for obj in objects:
                for name, value in plan.update[obj.pk].items():
                    setattr(obj, name, value)
                    changed.add(name)
                require(user, "change", obj)
            model.objects.bulk_update(objects, sorted(changed), batch_size=CHUNK)
