"""Import the ledger, annual plans and monthly reports from sheets as officers keep them.

Read → find the header (and what the title rows above it declare: 单位：亿元, 报告期：2024年11月)
→ parse every row, keeping every error of a row with its sheet, row, column and reason → fill what
a new record needs and leave every field the sheet does not carry as stored → validate each record
by the model's own rules (field bounds, `clean()`) and the cross-row report rules over the file and
the stored rows together → compare with what is stored (新增 / 修改 with old → new / 未变) → commit all
in one transaction, or nothing. Importing the same file twice changes nothing.
"""

from __future__ import annotations

import functools
import gc
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from guatu.exchange.models import synonyms_for
from guatu.exchange.parsing import PARSERS, Context, Lookups, Row, report_fast_path, unneutralise
from guatu.exchange.reader import Limits, Sheet, read_sheets
from guatu.exchange.report_rules import SeriesRow, series_errors, series_message
from guatu.exchange.tables import KINDS, SPECS, Header, find_header, missing_columns
from guatu.exchange.validation import RecordChecker
from guatu.exchange.values import declared_periods, declared_units, normalise_text
from guatu.projects.choices import Category, ReportStatus, Stage
from guatu.projects.models import AnnualPlan, MonthlyReport, Project

TOTAL_WORDS = ("合计", "小计", "总计", "总 计", "合 计")
NOTE_PREFIXES = ("注", "说明", "备注", "填表", "制表", "审核", "填报人", "联系电话")
MAX_CHANGES = 1000  # the preview lists this many changes; the counts cover every row
MAX_ERRORS = 2000  # the preview keeps this many errors; errors_total counts them all
CHUNK = 5000
TEXT_CACHE = 200_000  # distinct cell texts remembered while reading (each normalised once)
AS_READ = frozenset({int, float, bool, type(None)})  # cells the rows below take as the reader gives them
MODELS = {"reports": (MonthlyReport, ["project_id", "year", "month"]), "plans": (AnnualPlan, ["project_id", "year"]),
          "projects": (Project, ["code"])}  # fmt: skip
FAST_PARSERS = {"reports": report_fast_path}  # kind → the parser of its plain rows (`parsing.report_fast_path`)
# The sheet column each model field comes from (the rest share their name).
FIELD_COLUMN = {"project_id": "project", "code": "project", "name": "project_name", "region_id": "region",
                "platform_id": "platform", "department_id": "department", "industry_id": "industry"}  # fmt: skip


def action_labels() -> dict[str, str]:
    return {"create": _("new"), "update": _("changed"), "unchanged": _("unchanged")}


@dataclass
class CellError:
    sheet: str
    row: int  # as Excel numbers rows, from 1
    column: str  # the sheet's own header text, or the field's label when the sheet lacks the column
    reason: str

    def as_json(self) -> dict:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class Change:
    key: str  # the record in words: project code and name, and the year/month
    action: str  # create, update, unchanged
    changes: dict[str, tuple[object, object]] = field(default_factory=dict)  # field name → (old, new)
    labels: dict[str, str] = field(default_factory=dict)  # field name → its label in the active language

    def as_json(self) -> dict:
        def text(value):
            return None if value is None else str(value)

        return {"record": self.key, "action": self.action, "action_label": action_labels()[self.action],
                "changes": [{"field": name, "label": self.labels.get(name, name), "old": text(old), "new": text(new)}
                            for name, (old, new) in self.changes.items()]}  # fmt: skip


@dataclass
class Preview:
    file: str
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[CellError] = field(default_factory=list)
    errors_total: int = 0
    changes: list[Change] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)  # labels of the fields the file does not carry
    declared: dict[str, str] = field(default_factory=dict)  # what the title rows declare: unit, period
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors_total

    @property
    def can_commit(self) -> bool:
        """Something to write and nothing wrong: only then is there anything to confirm."""
        return self.ok and not self.committed and bool(self.created or self.updated)

    def add_error(self, error: CellError) -> None:
        self.errors_total += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(error)

    def as_json(self, limit: int = 500) -> dict:
        return {"file": self.file, "kind": self.kind, "rows": self.rows, "created": self.created,
                "updated": self.updated, "unchanged": self.unchanged, "committed": self.committed,
                "can_commit": self.can_commit, "absent": self.absent, "declared": self.declared,
                "errors": [e.as_json() for e in self.errors[:limit]], "errors_total": self.errors_total,
                "changes": [c.as_json() for c in self.changes if c.action != "unchanged"][:limit]}  # fmt: skip


class ImportError_(ValueError):
    """The file as a whole cannot be imported (no header found, conflicting declarations)."""


def _data_rows(rows: Iterable[list], header: Header):
    """(row number, cells) after the header: blank rows and 合计/小计 rows skipped; notes end the table."""
    seen_data = False
    texts: dict[str, str] = {}  # a text cell as read → as the rows below see it (codes, names, stages repeat)
    totals: dict[str, bool] = {}  # a text → whether it marks a 合计/小计 row

    def clean(value):
        if value.__class__ is not str:  # a number, or a str subclass (`Uncomputed`) kept as its own class
            return unneutralise(normalise_text(value)) if isinstance(value, str) else value
        found = texts.get(value)
        if found is None:
            found = unneutralise(normalise_text(value))
            if len(texts) < TEXT_CACHE:
                texts[value] = found
        return found

    def total(value) -> bool:
        found = totals.get(value)
        if found is None:
            found = any(word in value for word in TOTAL_WORDS)
            if len(totals) < TEXT_CACHE:
                totals[value] = found
        return found

    for index, row in enumerate(rows):
        if index <= header.row:
            continue
        cells = [v if v.__class__ in AS_READ else clean(v) for v in row]
        first = next((v for v in cells if v is not None and v != ""), None)
        if first is None:
            continue
        if seen_data and isinstance(first, str) and first.startswith(NOTE_PREFIXES):
            break
        if any(isinstance(v, str) and total(v) for v in cells[:3]):
            continue
        seen_data = True
        yield index + 1, cells


def _field_label(model, name: str) -> str:
    return str(model._meta.get_field(name.removesuffix("_id")).verbose_name)


@dataclass
class _Table:
    """The chosen sheet, its header, and what the title rows above the header declare."""

    sheet: Sheet
    header: Header
    kind: str
    head: list[list]
    period: tuple[int, int] | None = None
    unit: str | None = None


def _declarations(sheet_name: str, header: Header, kind: str, head: list[list]) -> tuple[str | None, tuple | None]:
    """The money unit and the report period declared in the rows above the header; two different
    declarations, or a declared unit that a column's own header contradicts, are an error."""
    units, periods = set(), set()
    for row in head[: header.first_row]:
        for cell in row:
            if isinstance(cell, str) and cell:
                units |= declared_units(cell)
                if kind == "reports":
                    periods |= declared_periods(cell)
    if len(units) > 1:
        raise ImportError_(_("%(sheet)s: the rows above the header declare more than one unit (%(units)s)") %
                           {"sheet": sheet_name, "units": ", ".join(sorted(units))})  # fmt: skip
    if len(periods) > 1:
        listed = ", ".join(f"{y}-{m:02d}" for y, m in sorted(periods))
        raise ImportError_(_("%(sheet)s: the rows above the header declare more than one period (%(periods)s)") %
                           {"sheet": sheet_name, "periods": listed})  # fmt: skip
    unit = next(iter(units), None)
    if unit:
        money = [c.key for c in SPECS[kind] if c.kind == "money" and c.key in header.columns]
        for key in money:
            own = header.units.get(key)
            if own and own != unit:
                raise ImportError_(_("%(sheet)s: the title says the unit is %(unit)s, but column “%(column)s” says "
                                     "%(own)s") % {"sheet": sheet_name, "unit": unit, "column": header.labels[key],
                                                   "own": own})  # fmt: skip
            header.units[key] = unit
    return unit, next(iter(periods), None)


def _choose(sheets: list[Sheet], kind: str | None, name: str) -> _Table:
    """The first sheet with a recognisable header for `kind` (or for any kind)."""
    near_miss = None
    for sheet in sheets:
        head = [row for _i, row in zip(range(40), sheet.rows, strict=False)]
        for candidate in [kind] if kind else KINDS:
            header = find_header(head, candidate, extra=synonyms_for(candidate))
            if not header:
                continue
            unit, period = _declarations(sheet.name, header, candidate, head)
            missing = missing_columns(header, candidate, ["month"] if period else [])
            if not missing:
                return _Table(sheet, header, candidate, head, period, unit)
            if near_miss is None or len(header.columns) > near_miss[1]:
                near_miss = (sheet.name, len(header.columns), header.row, missing)
    if near_miss and near_miss[1] >= 3:
        sheet_name, _count, row, missing = near_miss
        raise ImportError_(_("%(sheet)s: the header in row %(row)s lacks %(columns)s") %
                           {"sheet": sheet_name, "row": row + 1,
                            "columns": "、".join(c.label for c in missing)})  # fmt: skip
    wanted = kind or "reports/projects/plans"
    raise ImportError_(_("%(file)s: no header row for %(kind)s found in the first 30 rows "
                         "(see `guatu template %(template)s` for the columns)") %
                       {"file": name, "kind": wanted, "template": kind or "reports"})  # fmt: skip


def _chain(head, rest):
    yield from head
    yield from rest


@dataclass
class _Parsed:
    """A file's good rows by record key, with their row numbers and what each row gives."""

    fields: dict[tuple, dict] = field(default_factory=dict)
    rows: dict[tuple, int] = field(default_factory=dict)
    bad_rows: set[int] = field(default_factory=set)


def _cyclic_gc_paused(function):
    """Run `function` with Python's cyclic garbage collector paused (when it was running): an import makes
    millions of small objects that live until it ends, and the collector would walk them all again and again
    (a sixth of a 100,000-row import's time). Reference counting still frees everything as usual; the collector
    resumes afterwards (if another thread paused it, that thread resumes it)."""

    @functools.wraps(function)
    def paused(*args, **kwargs):
        running = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if running:
                gc.enable()

    return paused


@_cyclic_gc_paused
def import_file(
    path: Path,
    kind: str | None = None,
    *,
    dry_run: bool = False,
    progress: Callable[[int], None] | None = None,
    acting_user=None,
    name: str | None = None,
    limits: Limits | None = None,
) -> Preview:
    """Preview (dry_run) or commit a sheet. The first sheet with a recognisable header is used.
    `name` is the file's name as the user knows it (uploads are stored under a random name).
    `acting_user` is recorded as who made every change."""
    path = Path(path)
    name = name or path.name
    table = _choose(read_sheets(path, name, limits), kind, name)
    kind, header, sheet = table.kind, table.header, table.sheet
    preview = Preview(file=name, kind=kind)
    if table.unit:
        preview.declared["unit"] = table.unit
    if table.period:
        preview.declared["period"] = f"{table.period[0]}-{table.period[1]:02d}"
    model, keys = MODELS[kind]
    preview.absent = _absent(kind, header, table.period)
    ctx = Context(Lookups(), timezone.localdate(), table.period)
    parsed = _Parsed()

    def label(key: str) -> str:
        return header.labels.get(key) or next((c.header for c in SPECS[kind] if c.key == key), key)

    fast = FAST_PARSERS[kind](header, ctx) if kind in FAST_PARSERS else None  # the plain rows, without a Row each
    record_key = operator.itemgetter(*keys) if len(keys) > 1 else lambda fields: (fields[keys[0]],)
    for number, cells in _data_rows(_chain(table.head, sheet.rows), header):
        preview.rows += 1
        if progress and preview.rows % 5000 == 0:
            progress(preview.rows)
        fields = fast(cells) if fast is not None else None
        if fields is None:
            row = Row(number, cells, header)
            fields = PARSERS[kind](row, ctx)
            if row.errors:  # the model's field rules too, so that the row's every error is listed at once
                for name, reason in field_errors(model, fields).items():
                    row.error(FIELD_COLUMN.get(name, name), reason)
            for key, reason in row.errors.items():
                preview.add_error(CellError(sheet.name, number, label(key), reason))
            if row.errors:
                parsed.bad_rows.add(number)
                continue
        record = record_key(fields)
        if record in parsed.fields:
            column = "project" if kind == "projects" else ("month" if kind == "reports" else "year")
            reason = _("the same record as row %(row)s") % {"row": parsed.rows[record]}
            preview.add_error(CellError(sheet.name, number, label(column), reason))
            continue
        parsed.fields[record], parsed.rows[record] = fields, number
    if progress:
        progress(preview.rows)

    def check() -> tuple[WritePlan, dict]:
        stored = _stored(model, kind, parsed.fields)
        records = _complete(kind, parsed, stored, ctx, preview, sheet.name, label)
        _validate(model, records, parsed, preview, sheet.name, label, set(header.columns), ctx.today)
        if kind == "reports":
            _check_series(records, parsed, stored, preview, sheet.name, label, set(header.columns))
            _check_status(records, parsed, stored, preview, sheet.name)
        _check_access(model, kind, records, parsed, stored, preview, sheet.name, acting_user)
        return _diff(preview, model, kind, records, parsed, stored, ctx.look), stored

    if dry_run or preview.errors_total:
        check()
        return preview
    # The commit checks again what it writes, in its own transaction, with the projects it touches locked: what
    # it compares with and checks against cannot change before it is written.
    with transaction.atomic():
        _lock_projects(kind, parsed.fields)
        plan, stored = check()
        if preview.errors_total:
            return preview
        commit(model, plan, f"import {name}", acting_user, stored=stored)
    preview.committed = True
    return preview


def _lock_projects(kind: str, parsed: dict[tuple, dict]) -> None:
    """Take the row locks of the projects the file writes (PostgreSQL; SQLite serialises writers)."""
    if not parsed:
        return
    if kind == "projects":
        query = Project.objects.filter(code__in=[key[0] for key in parsed])
    else:
        query = Project.objects.filter(pk__in={key[0] for key in parsed})
    list(query.order_by("pk").select_for_update().values_list("pk", flat=True))


def _absent(kind: str, header: Header, period) -> list[str]:
    """The labels of the fields this file does not carry (left as stored when updating)."""
    model = MODELS[kind][0]
    skip = {"project", "project_name", "year"} if kind != "plans" else {"project", "project_name"}
    if period:
        skip.add("month")
    names = {"project": "code", "project_name": "name"} if kind == "projects" else {}
    out = []
    for column in SPECS[kind]:
        if column.key in header.columns or column.key in skip:
            continue
        field_name = names.get(column.key, column.key)
        out.append(_field_label(model, field_name))
    return out


def _stored(model, kind: str, parsed: dict[tuple, dict]) -> dict:
    """What is stored for the file's records, as plain values: by record key; for reports every
    stored report of the file's projects (the cross-row rules and carried-forward values need them)."""
    if not parsed:
        return {}
    if kind == "projects":
        codes = [k[0] for k in parsed]
        rows = []
        for start in range(0, len(codes), CHUNK):
            rows += Project.objects.filter(code__in=codes[start : start + CHUNK]).values()
        return {(r["code"],): r for r in rows}
    projects = sorted({k[0] for k in parsed})
    query = model.objects.all() if kind == "reports" else model.objects.filter(year__in={k[1] for k in parsed})
    found = {}
    for start in range(0, len(projects), CHUNK):
        for r in query.filter(project_id__in=projects[start : start + CHUNK]).values():
            found[tuple(r[k] for k in MODELS[kind][1])] = r
    return found


def _complete(kind, parsed: _Parsed, stored: dict, ctx: Context, preview: Preview, sheet: str, label) -> dict:
    """Every record as it will be: the stored values overlaid with what the file gives; a new
    record gets what it needs from the rules below (never a guess: when there is no rule, an error)."""
    records: dict[tuple, dict] = {}
    if kind == "reports":
        return _complete_reports(parsed, stored, ctx, preview, sheet, label)
    for key, fields in parsed.fields.items():
        current = stored.get(key)
        if current is not None:
            records[key] = {**current, **fields}
        elif kind == "plans":
            records[key] = {"plans_start": False, "plans_production": False, **fields}
        else:
            records[key] = {"owner": "", "contact_leader": "", "platform_id": None, "department_id": None,
                            "industry_id": None, "category": Category.INDUSTRIAL, "stage": Stage.PREPARATION,
                            "planned_start": None, "actual_start": None, "planned_completion": None,
                            "actual_completion": None, "description": "", **fields}  # fmt: skip
    return records


def _complete_reports(parsed: _Parsed, stored: dict, ctx: Context, preview: Preview, sheet: str, label) -> dict:
    """Reports, per project in month order so a new month can carry from the one before it:
    since-start (自开工累计) not given = the previous month's since-start + what the year to date grew
    by since then (the whole year to date in January), or the year to date for a project that
    started this year and has no earlier report;
    progress and stage not given = carried from the latest earlier report (else 0 and the
    project's stage); problems not given = none."""
    starts = dict(Project.objects.filter(pk__in={k[0] for k in parsed.fields}).values_list("pk", "actual_start"))
    stages = dict(Project.objects.filter(pk__in={k[0] for k in parsed.fields}).values_list("pk", "stage"))
    by_project: dict[int, dict[tuple, dict]] = defaultdict(dict)
    for key, row in stored.items():
        by_project[key[0]][key] = row
    records: dict[tuple, dict] = {}
    # A project without stored reports: its months so far are this file's, in order (the keys are sorted), so the
    # latest earlier report is the last record made (`last`), with no list of the earlier ones.
    last: dict[int, dict] = {}
    for key in sorted(parsed.fields):
        fields = parsed.fields[key]
        pid, year, month = key
        current = stored.get(key)
        series = by_project.get(pid)
        if current is not None:
            record = {**current, **fields}
        else:
            if series is not None:
                before = [series[k] for k in series if (k[1], k[2]) < (year, month)]
                latest = max(before, key=lambda r: (r["year"], r["month"])) if before else None
            else:
                latest = last.get(pid)
                before = [latest] if latest is not None else []
            previous_month = (year, month - 1) if month > 1 else (year - 1, 12)
            record = {"progress_pct": latest["progress_pct"] if latest else Decimal(0),
                      "stage": latest["stage"] if latest else stages.get(pid, Stage.CONSTRUCTION),
                      "problems": "", **fields}  # fmt: skip
            if "invest_cumulative" not in fields:
                if series is not None:
                    prior = series.get((pid, *previous_month))
                else:
                    prior = (
                        latest if latest is not None and (latest["year"], latest["month"]) == previous_month else None
                    )
                start = starts.get(pid)
                if prior is not None:  # what was invested since the previous report, by the year to date
                    since = fields["invest_ytd"] - (prior["invest_ytd"] if prior["year"] == year else 0)
                    record["invest_cumulative"] = prior["invest_cumulative"] + since
                elif not before and start is not None and start.year == year:
                    record["invest_cumulative"] = fields["invest_ytd"]
                else:
                    preview.add_error(CellError(sheet, parsed.rows[key], label("invest_cumulative"), _(
                        "a new report needs the since-start figure: the file gives none and there is no report for "
                        "%(year)s-%(month)02d to carry it from") % {"year": previous_month[0],
                                                                     "month": previous_month[1]}))  # fmt: skip
                    continue
        records[key] = record
        if series is not None:
            series[key] = record  # a later month in the file carries from this one
        else:
            last[pid] = record
    return records


def field_errors(model, fields: dict) -> dict[str, str]:
    """The model's field validation of the plain fields given (the others are not looked at)."""
    given = {name: value for name, value in fields.items() if value is not None and not name.endswith("_id")}
    exclude = [f.name for f in model._meta.concrete_fields if f.name not in given]
    try:
        model(**given).clean_fields(exclude=exclude)
    except ValidationError as exc:
        return {name: " ".join(messages) for name, messages in exc.message_dict.items()}
    return {}


def _validate(model, records: dict, parsed: _Parsed, preview: Preview, sheet: str, label, carried: set[str],
              today=None) -> None:  # fmt: skip
    """The model's own rules for every record: field validation (bounds, lengths, choices) and clean().
    Foreign keys were resolved by the lookups; the model's cross-row check is left to `_check_series`
    (set-based, over the file and the stored rows together), so the instance is cleaned without its
    project. The field rules are compiled once (`validation.RecordChecker`); a record they are not sure of is
    cleaned by the model's own `clean_fields()`, which words the errors."""
    exclude = [f.name for f in model._meta.concrete_fields if f.is_relation or f.primary_key]
    columns = {name: FIELD_COLUMN.get(name, name) for name in (f.attname for f in model._meta.concrete_fields)}
    # `_status_checked_by_caller`: `_check_status` checks the status rules against the stored rows, set-based;
    # `_today`: the day the import reads as today, once (not per record).
    checker = RecordChecker(model, exclude, {"_status_checked_by_caller": True, "_today": today})
    sure = checker.columns_ok(list(records.values()))  # else the field rules are tested record by record
    plain = {name for name in columns if not name.endswith("_id") and name != "id"}
    bad = []
    for key, record in records.items():
        values = {k: v for k, v in record.items() if k in plain}
        instance = checker.instance(values)
        steps = [instance.clean]
        if not sure and not checker.fields_ok(instance.__dict__):
            instance = model(**values)
            for name, value in checker.attributes.items():
                setattr(instance, name, value)
            steps = [lambda instance=instance: instance.clean_fields(exclude=exclude), instance.clean]
        found: dict[str, list[str]] = {}
        for step in steps:
            try:
                step()
            except ValidationError as exc:
                for name, messages in exc.message_dict.items():
                    found.setdefault(name, []).extend(messages)
        for name, messages in found.items():
            column = columns.get(name, name)
            text = label(column) if column in carried else _field_label(model, name)
            preview.add_error(CellError(sheet, parsed.rows[key], text, " ".join(messages)))
        if found:
            bad.append(key)
    for key in bad:
        del records[key]


def _check_series(records: dict, parsed: _Parsed, stored: dict, preview: Preview, sheet: str, label,
                  carried: set[str]) -> None:  # fmt: skip
    """The cross-row report rules, set-based: per project, the stored reports overlaid with the
    file's, in month order (`report_rules.series_errors`, one call per project)."""
    by_project: dict[int, dict[tuple, tuple]] = defaultdict(dict)
    for key, row in stored.items():
        by_project[key[0]][key] = (row["invest_ytd"], row["invest_cumulative"])
    for key, record in records.items():
        by_project[key[0]][key] = (record["invest_ytd"], record["invest_cumulative"])
    found: dict[tuple, list] = defaultdict(list)
    keys = set(records)  # once: a set of every record per project made this quadratic
    for pid in {key[0] for key in records}:
        series = by_project[pid]
        if _never_falls(series):  # no rule can fail: the figures only rise
            continue
        rows = [SeriesRow(key, key[1], key[2], ytd, cumulative) for key, (ytd, cumulative) in series.items()]
        for error in series_errors(rows, check=keys & series.keys()):
            found[error.key].append(error)
    for key, errors in found.items():
        given = [e for e in errors if e.field in parsed.fields[key]]
        for error in given or errors:  # a derived since-start is wrong only because a given figure is
            column = label(error.field) if error.field in carried else _field_label(MonthlyReport, error.field)
            preview.add_error(CellError(sheet, parsed.rows[key], column, series_message(error)))
    bad = set(found)
    for key in bad:
        records.pop(key, None)


def _never_falls(series: dict[tuple, tuple]) -> bool:
    """One project's reports (key → (year to date, since start)) in month order: the year to date never falls
    within a year and the since-start figure never falls — then `series_errors` finds nothing (its rules compare
    each figure with its nearest neighbours only)."""
    year = ytd_before = cumulative_before = None
    for (_pid, y, _m), (ytd, cumulative) in sorted(series.items()):
        if y != year:
            year, ytd_before = y, None
        if ytd is not None:
            if ytd_before is not None and ytd < ytd_before:
                return False
            ytd_before = ytd
        if cumulative is not None:
            if cumulative_before is not None and cumulative < cumulative_before:
                return False
            cumulative_before = cumulative
    return True


def _check_status(records: dict, parsed: _Parsed, stored: dict, preview: Preview, sheet: str) -> None:
    """Rows that would file into a month the city has closed, or change a report a reviewer has
    approved (or the close has locked), are errors; rows equal to what is stored are not."""
    from guatu.reporting.models import ReportingMonth

    closed = set(ReportingMonth.objects.closed().values_list("year", "month"))
    bad = []
    for key, record in records.items():
        current = stored.get(key)
        changes = current is None or any(current.get(n) != v for n, v in record.items() if n in MonthlyReport.FIGURES)
        if not changes:
            continue
        if current is not None and current["status"] not in MonthlyReport.EDITABLE:
            status = ReportStatus(current["status"]).label
            reason = (_("the report is locked (the month is closed); a reviewer corrects it with a reason")
                      if current["status"] == ReportStatus.LOCKED
                      else _("the report is %(status)s; its figures change after a reviewer returns it")
                      % {"status": status})  # fmt: skip
        elif (key[1], key[2]) in closed:
            reason = _("%(year)s-%(month)02d is closed: the city has locked its figures.") % {
                "year": key[1], "month": key[2]}  # fmt: skip
        else:
            continue
        preview.add_error(CellError(sheet, parsed.rows[key], "", reason))
        bad.append(key)
    for key in bad:
        records.pop(key, None)


def _check_access(model, kind: str, records: dict, parsed: _Parsed, stored: dict, preview: Preview, sheet: str,
                  user) -> None:  # fmt: skip
    """Every row must be in the importing user's scope (set-based for plans and reports)."""
    from guatu.accounts.access import allows, restrict_as

    bad = []
    if kind == "projects":
        for key, record in records.items():
            current = stored.get(key)
            obj = Project(**{**({k: v for k, v in current.items() if k != "id"} if current else {}), **record})
            if not allows(user, "change" if current else "add", obj):
                bad.append(key)
    else:
        ids = {key[0] for key in records}
        for action in ("add", "change"):
            allowed = set(restrict_as(Project.objects.filter(pk__in=ids), user, action, model).values_list(
                "pk", flat=True))  # fmt: skip
            bad += [key for key in records if key[0] not in allowed and (key in stored) == (action == "change")]
    for key in bad:
        preview.add_error(CellError(sheet, parsed.rows[key], "", _("outside your scope: you may not write this row")))
        records.pop(key, None)


@dataclass
class WritePlan:
    create: list[dict] = field(default_factory=list)
    update: dict[int, dict] = field(default_factory=dict)  # pk → the fields that change


def _record_label(kind: str, key: tuple, look: Lookups) -> str:
    if kind == "projects":
        return key[0]
    code, name = look.project_names.get(key[0], ("?", "?"))
    when = f"{key[1]}-{key[2]:02d}" if kind == "reports" else str(key[1])
    return f"{code} {name} · {when}"


def _diff(preview: Preview, model, kind: str, records: dict, parsed: _Parsed, stored: dict, look) -> WritePlan:
    """Compare with what is stored (as plain values: 100,000 rows stay cheap). Only the fields the
    file gives are compared and written on an update."""
    plan = WritePlan()
    for key, record in records.items():
        given = parsed.fields[key]
        current = stored.get(key)
        text = _record_label(kind, key, look) if kind != "projects" else f"{key[0]} {record.get('name', '')}"
        if current is None:
            preview.created += 1
            plan.create.append(record if "id" not in record else {k: v for k, v in record.items() if k != "id"})
            if len(preview.changes) < MAX_CHANGES:
                preview.changes.append(Change(text, "create"))
            continue
        changes = {name: (current[name], value) for name, value in given.items() if current[name] != value}
        if changes:
            preview.updated += 1
            plan.update[current["id"]] = {name: new for name, (_old, new) in changes.items()}
            if len(preview.changes) < MAX_CHANGES:
                labels = {name: _field_label(model, name) for name in changes}
                preview.changes.append(Change(text, "update", changes, labels))
        else:
            preview.unchanged += 1
    return plan


def commit(model, plan: WritePlan, reason: str, user, *, stored: dict | None = None) -> None:
    """Write a checked plan set-based, in the caller's transaction: new rows inserted in bulk (COPY on
    PostgreSQL), changed rows updated with one statement per set of changed fields, every row's version bumped
    and its change record written set-based — the same record the tracked queryset writes (who, request,
    reason, object, scope ids, before → after) — then the write hooks (the rollups). New reports come in as
    submitted: an import is a filing. `stored`: the stored rows the plan was made against, by record key."""
    from guatu.audit.context import acting
    from guatu.exchange.commit import write_plan

    with transaction.atomic(), acting(**({"user": user} if user is not None else {}), reason=reason):
        extra = {}
        if model is MonthlyReport:
            extra = {"status": ReportStatus.SUBMITTED, "submitted_at": timezone.now(),
                     "submitted_by": user.get_username() if user else "system"}  # fmt: skip
        write_plan(model, plan.create, plan.update, extra, stored or {})
