"""Exchange kinds of the other parts (招商, 基金, 科创, 安全 …): one registry, one generic import.

An app describes a sheet as an `ExchangeKind` — its columns (with the header labels people use),
the model, the natural key, how one row's cells become model fields, and how an object becomes an
export row — and registers it (in its AppConfig.ready). The import page, the API and the CLI then
offer template, import (preview → commit, all or nothing) and export for it, through the same
safe reader, header finder and writers as the ledger, under the same rules: every row validated by
the model (`full_clean`), checked against the user's scope, written by the tracked queryset with
the change record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models, transaction

from guatu.exchange.export import OutColumn, write_csv, write_xlsx
from guatu.exchange.tables import Column, Header, _key, _merged_labels
from guatu.exchange.values import header_unit, normalise_text, parse_date, parse_decimal


class RowError(ValueError):
    """A row cannot be read; `column` is the column key it is about (None: the row)."""

    def __init__(self, message: str, column: str | None = None):
        super().__init__(message)
        self.column = column


@dataclass
class ExchangeKind:
    """A sheet guatu reads and writes for one model."""

    name: str  # "leads"
    title: str  # "招商线索"
    model: type[models.Model]
    columns: list[Column]
    key: tuple[str, ...]  # model attnames that identify a row (natural key)
    to_fields: Callable[[dict[str, object]], dict]  # cells by column key → model attnames; RowError on bad input
    to_row: Callable[[models.Model], list]  # an object → export cells in column order
    queryset: Callable[[object], models.QuerySet] | None = None  # rows a user may export (default: restricted)
    note: str = ""  # a line of instructions for the template

    def rows_for(self, user) -> models.QuerySet:
        from guatu.accounts.access import restrict

        base = self.queryset(user) if self.queryset else self.model.objects.all()
        return restrict(base, user, "view")


REGISTRY: dict[str, ExchangeKind] = {}


def register(kind: ExchangeKind) -> None:
    REGISTRY[kind.name] = kind


def get(name: str) -> ExchangeKind:
    try:
        return REGISTRY[name]
    except KeyError:
        raise ValueError(f"unknown kind {name!r}; one of {', '.join(sorted(REGISTRY))}") from None


# --- cell parsers an app's `to_fields` uses --------------------------------------------------


def text(cells: dict, key: str, *, required: bool = False, max_length: int | None = None) -> str:
    value = normalise_text(cells.get(key))
    if required and not value:
        raise RowError("this column is required", key)
    if max_length is not None and len(value) > max_length:
        raise RowError(f"longer than {max_length} characters", key)
    return value


def number(cells: dict, key: str, *, required: bool = False, unit_factor: Decimal = Decimal(1)) -> Decimal | None:
    try:
        value = parse_decimal(cells.get(key))
    except ValueError as exc:
        raise RowError(str(exc), key) from None
    if value is None:
        if required:
            raise RowError("this column is required", key)
        return None
    if not value.is_finite():
        raise RowError("not a number", key)
    return value * unit_factor


UNITS = "__units__"  # in the cells: column key → factor to 万元 from the unit its header names (亿元 → 10000)


def money(cells: dict, key: str, *, required: bool = False) -> Decimal | None:
    """An amount in 万元, converted from the unit the column's header names ("(亿元)", "(元)")."""
    value = number(cells, key, required=required, unit_factor=cells.get(UNITS, {}).get(key, Decimal(1)))
    if value is not None and value < 0:
        raise RowError("an amount cannot be negative", key)
    return None if value is None else value.quantize(Decimal("0.01"))


def date(cells: dict, key: str, *, required: bool = False) -> dt.date | None:
    try:
        value = parse_date(cells.get(key))
    except ValueError as exc:
        raise RowError(str(exc), key) from None
    if value is None and required:
        raise RowError("this column is required", key)
    return value


def choice(cells: dict, key: str, choices, *, default=None) -> str | None:
    """A TextChoices value by its value or its label (any language)."""
    raw = normalise_text(cells.get(key))
    if not raw:
        if default is None:
            raise RowError("this column is required", key)
        return default
    for value, label in choices.choices:
        if raw in (value, str(label)):
            return value
    raise RowError(f"“{raw}” is not one of {'、'.join(str(label) for label in choices.labels)}", key)


def reference(cells: dict, key: str, model, *, required: bool = False):
    """A reference-table row by code or name (regions, platforms, industries, departments …)."""
    raw = normalise_text(cells.get(key))
    if not raw:
        if required:
            raise RowError("this column is required", key)
        return None
    try:
        return model.objects.lookup(raw)
    except (model.DoesNotExist, model.MultipleObjectsReturned) as exc:
        raise RowError(str(exc), key) from None


# --- reading ----------------------------------------------------------------------------------


def find_header(rows: list[list[object]], columns: list[Column], merged=(), scan: int = 30) -> Header | None:
    """The header row (or two rows under a merged group header) whose labels name most columns;
    None unless every required column is present."""
    table = {}
    for column in columns:
        for label in (column.label, column.header, *column.synonyms):
            table[_key(label)] = column.key
    best, best_score = None, 0
    for r in range(min(scan, len(rows))):
        top = _merged_labels(rows[r], r, list(merged))
        below = [normalise_text(v) for v in rows[r + 1]] if r + 1 < len(rows) else []
        for two in (False, True):
            found, units, labels = {}, {}, {}
            for c, label in enumerate(top):
                sub = below[c] if two and c < len(below) else ""
                for candidate in [f"{label}|{sub}", sub, label] if sub else [label]:
                    key = table.get(_key(candidate))
                    if key and key not in found:
                        found[key], labels[key] = c, candidate
                        units[key] = header_unit(sub) or header_unit(label) or ""
                        break
            score = len(found) - (1 if two else 0)
            if score > best_score:
                best, best_score = Header(r + 1 if two else r, found, units, labels), score
    if best is None or not {c.key for c in columns if c.required} <= set(best.columns):
        return None
    return best


def _money_factor(header: Header, key: str) -> Decimal:
    from guatu.exchange.values import TO_WAN

    return TO_WAN.get(header.units.get(key) or "万元", Decimal(1))


@dataclass
class KindPreview:
    """What an import of a registered kind would do, or did."""

    file: str
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)  # {sheet, row, column, reason}
    changes: list[dict] = field(default_factory=list)  # {key, action, changes: {label: [old, new]}}
    committed: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def can_commit(self) -> bool:
        return not self.errors and not self.committed and bool(self.created or self.updated)

    def as_json(self) -> dict:
        return {**self.__dict__, "errors_total": len(self.errors)}

    def as_job_json(self, limit: int = 500) -> dict:
        """The shape of the ledger importer's preview (the import page, the job API)."""
        from guatu.exchange.importer import action_labels

        labels = action_labels()
        changes = [{"record": c["key"], "action": c["action"], "action_label": labels[c["action"]],
                    "changes": [{"field": name, "label": name, "old": old, "new": new}
                                for name, (old, new) in c["changes"].items()]}
                   for c in self.changes[:limit]]  # fmt: skip
        return {"file": self.file, "kind": self.kind, "rows": self.rows, "created": self.created,
                "updated": self.updated, "unchanged": self.unchanged, "committed": self.committed,
                "can_commit": self.can_commit, "absent": [], "declared": {}, "errors": self.errors[:limit],
                "errors_total": len(self.errors), "changes": changes}  # fmt: skip


def _rows_of(path: Path, label: str, kind: ExchangeKind) -> Iterator[tuple[str, Header, int, dict]]:
    from guatu.exchange.importer import ImportError_, _data_rows
    from guatu.exchange.reader import read_sheets

    found = False
    for sheet in read_sheets(path, label):
        rows = list(sheet.rows)
        header = find_header(rows, kind.columns, sheet.merged)
        if header is None:
            continue
        found = True
        for number_, cells in _data_rows(rows, header):
            by_key = {key: (cells[c] if c < len(cells) else None) for key, c in header.columns.items()}
            by_key[UNITS] = {key: _money_factor(header, key) for key in header.columns}
            yield sheet.name, header, number_, by_key
    if not found:
        labels = "、".join(c.label for c in kind.columns if c.required)
        raise ImportError_(f"{label}: no header row with the columns {labels} was found in any sheet")


def _label_of(kind: ExchangeKind, header: Header, key: str | None) -> str:
    if key is None:
        return ""
    if key in header.labels:
        return header.labels[key]
    column = next((c for c in kind.columns if c.key == key), None)
    if column is not None:
        return column.label
    try:
        return str(kind.model._meta.get_field(key.removesuffix("_id")).verbose_name)
    except Exception:  # a model field without a column: name it as it is
        return key


def import_kind(path: Path, kind_name: str, *, user, commit: bool, label: str | None = None) -> KindPreview:
    """Preview (or commit, all or nothing) a sheet of a registered kind."""
    from guatu.accounts.access import require
    from guatu.audit.context import acting
    from guatu.audit.tracking import VersionConflict

    kind = get(kind_name)
    label = label or Path(path).name
    preview = KindPreview(file=label, kind=kind.name)
    parsed: dict[tuple, tuple[dict, str, int]] = {}
    for sheet, header, row_number, cells in _rows_of(Path(path), label, kind):
        preview.rows += 1
        try:
            fields = kind.to_fields(cells)
            obj = kind.model(**fields)
            obj.full_clean(validate_unique=False, validate_constraints=False)
        except RowError as exc:
            preview.errors.append({"sheet": sheet, "row": row_number, "column": _label_of(kind, header, exc.column),
                                   "reason": str(exc)})  # fmt: skip
            continue
        except DjangoValidationError as exc:
            for name, messages in exc.message_dict.items():
                column = name if name != "__all__" else None
                for message in messages:
                    preview.errors.append({"sheet": sheet, "row": row_number,
                                           "column": _label_of(kind, header, column), "reason": message})  # fmt: skip
            continue
        key = tuple(fields.get(k) for k in kind.key)
        if key in parsed:
            preview.errors.append(
                {
                    "sheet": sheet,
                    "row": row_number,
                    "column": "",
                    "reason": f"the same row as row {parsed[key][2]} ({'/'.join(map(str, key))})",
                }
            )
            continue  # fmt: skip
        parsed[key] = (fields, sheet, row_number)
    stored = {tuple(getattr(o, k) for k in kind.key): o for o in _stored(kind, parsed)}
    to_create, to_update = [], []
    for key, (fields, sheet, row_number) in parsed.items():
        current = stored.get(key)
        # A row the user may not write is an error on that row, before any stored value is shown.
        refused = _refused(user, "add", kind.model(**fields)) if current is None else (
            _refused(user, "change", current) or _refused(user, "change", _changed(current, fields)))  # fmt: skip
        if refused:
            preview.errors.append({"sheet": sheet, "row": row_number, "column": "", "reason": refused})
            continue
        if current is None:
            preview.created += 1
            to_create.append(kind.model(**fields))
            preview.changes.append({"key": "/".join(map(str, key)), "action": "create", "changes": {}})
            continue
        diff = {
            name: (getattr(current, name), value) for name, value in fields.items() if getattr(current, name) != value
        }
        if not diff:
            preview.unchanged += 1
            continue
        preview.updated += 1
        for name, (_old, value) in diff.items():
            setattr(current, name, value)
        to_update.append((current, set(diff)))
        preview.changes.append({"key": "/".join(map(str, key)), "action": "update",
                                "changes": {_label_of(kind, Header(0, {}), n): [_plain(o), _plain(v)]
                                            for n, (o, v) in diff.items()}})  # fmt: skip
    if not commit or preview.errors or not (to_create or to_update):
        return preview
    try:
        with transaction.atomic(), acting(**({"user": user} if user is not None else {}), reason=f"import {label}"):
            for obj in to_create:
                require(user, "add", obj)
            for obj, _names in to_update:
                require(user, "change", obj)
            if to_create:
                kind.model.objects.bulk_create(to_create, batch_size=1000)
            if to_update:
                names = sorted({n for _obj, ns in to_update for n in ns})
                kind.model.objects.bulk_update([obj for obj, _ in to_update], names, batch_size=1000)
    except PermissionDenied as exc:
        preview.errors.append({"sheet": "", "row": 0, "column": "", "reason": str(exc)})
        return preview
    except DjangoValidationError as exc:  # a rule that reads the stored row (a workflow) refused it at commit
        preview.errors += [{"sheet": "", "row": 0, "column": "", "reason": m} for m in exc.messages]
        return preview
    except VersionConflict as exc:
        preview.errors.append({"sheet": "", "row": 0, "column": "", "reason": str(exc)})
        return preview
    preview.committed = True
    return preview


def _refused(user, action: str, obj: models.Model) -> str:
    """Why the user may not `action` the object ("" when they may)."""
    from guatu.accounts.access import require

    try:
        require(user, action, obj)
    except PermissionDenied as exc:
        return str(exc)
    return ""


def _changed(current: models.Model, fields: dict) -> models.Model:
    """A copy of the stored object with the row's fields, to check the scope it would move to."""
    import copy

    changed = copy.copy(current)
    for name, value in fields.items():
        setattr(changed, name, value)
    return changed


def _stored(kind: ExchangeKind, parsed: dict) -> Iterable[models.Model]:
    if not parsed:
        return []
    first = kind.key[0]
    values = {key[0] for key in parsed}
    return kind.model.objects.filter(**{f"{first}__in": values})


def _plain(value) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, dt.date) else str(value)


# --- writing ----------------------------------------------------------------------------------

KIND_TO_OUT = {"text": "text", "money": "money", "pct": "pct", "date": "date", "int": "int", "choice": "text",
               "bool": "bool", "number": "money"}  # fmt: skip


def out_columns(kind: ExchangeKind) -> list[OutColumn]:
    return [OutColumn(c.header, KIND_TO_OUT.get(c.kind, "text"), c.width) for c in kind.columns]


def export_kind(kind_name: str, fmt: str, *, user, queryset: models.QuerySet | None = None) -> bytes:
    kind = get(kind_name)
    rows_qs = queryset if queryset is not None else kind.rows_for(user)
    rows = (kind.to_row(obj) for obj in rows_qs.iterator(chunk_size=2000))
    columns = out_columns(kind)
    return write_xlsx(kind.title, columns, rows) if fmt == "xlsx" else write_csv(columns, rows)


def template_kind(kind_name: str) -> bytes:
    """An empty sheet with the header (and the note): what an officer fills in."""
    kind = get(kind_name)
    return write_xlsx(kind.title, out_columns(kind), [], note=kind.note)
