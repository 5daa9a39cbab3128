"""Set-based writes for the paths that write many rows at once (`guatu synth`, the import's commit, the
rollups): rows inserted with one `executemany` (SQLite) or `COPY` (PostgreSQL), ids allocated in one
statement, and the change record written the same way — the same content `TrackedQuerySet` writes (who,
username, request id, reason, action, object, scope ids, before → after as `snapshot` gives them), then the
write hooks (`guatu.audit.tracking.run_write_hooks`) so the rollups follow.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.utils import timezone

from guatu.audit.context import current_actor
from guatu.audit.models import ChangeRecord


@functools.lru_cache(maxsize=4096)  # bulk rows repeat a few stamps (a month's submission time, the load's time)
def _sqlite_datetime(value: dt.datetime | None) -> str | None:
    """As Django's SQLite backend stores a datetime: naive UTC text."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    return value.isoformat(sep=" ")


def _sqlite_date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _sqlite_bool(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _sqlite_json(value) -> str | None:
    return value if value is None or isinstance(value, str) else json.dumps(value)  # as Django's JSONField writes


def sqlite_converters(model: type[models.Model], columns: Sequence[str]) -> dict[int, object]:
    """Per column index, how SQLite wants a value of `model`'s field (dates as text, booleans as 0/1 …)."""
    by_column = {f.column: f for f in model._meta.concrete_fields}
    out = {}
    for i, column in enumerate(columns):
        f = by_column.get(column)
        if isinstance(f, models.DateTimeField):
            out[i] = _sqlite_datetime
        elif isinstance(f, models.DateField):
            out[i] = _sqlite_date
        elif isinstance(f, models.BooleanField):
            out[i] = _sqlite_bool
        elif isinstance(f, models.JSONField):
            out[i] = _sqlite_json
    return out


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Sequence], *,
                model: type[models.Model] | None = None) -> None:  # fmt: skip
    """INSERT every row (values in `columns` order): COPY on PostgreSQL, executemany on SQLite (with `model`'s
    fields saying which columns need converting)."""
    columns = list(columns)
    quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        converters = list(sqlite_converters(model, columns).items()) if model is not None else []
        sql = f'INSERT INTO "{table}" ({quoted}) VALUES ({", ".join(["?"] * len(columns))})'
        raw = cursor.cursor
        for batch in _batched(rows, 10000):
            raw.executemany(sql, _converted(batch, converters) if converters else batch)


def _batched(rows: Iterable, n: int) -> Iterable[list]:
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _converted(batch: Sequence[Sequence], converters: list) -> list[tuple]:
    """The rows of `batch` with the columns `converters` names converted, a column at a time (a column of dates,
    times or booleans by a lookup of its distinct values)."""
    columns = list(zip(*batch, strict=True))
    for i, convert in converters:
        column = columns[i]
        try:
            found = {value: convert(value) for value in set(column)} if convert is not _sqlite_json else None
        except TypeError:  # a value that cannot be hashed
            found = None
        columns[i] = list(map(convert, column) if found is None else map(found.__getitem__, column))
    return list(zip(*columns, strict=True))


def allocate_ids(model: type[models.Model], n: int) -> list[int]:
    """`n` fresh primary keys for `model`: from its sequence on PostgreSQL (safe beside other writers); on
    SQLite after the largest id (the writing transaction holds the database's write lock)."""
    if n <= 0:
        return []
    from guatu.audit.tracking import hold_transaction_id

    table = model._meta.db_table
    pk = model._meta.pk.column
    hold_transaction_id(connection.alias)  # a transaction id before the ids (PostgreSQL)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [table, pk])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [sequence, n])
            return [row[0] for row in cursor.fetchall()]
        # Django's SQLite tables are AUTOINCREMENT: never reuse an id, even of a deleted row.
        cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{table}"')
        largest = cursor.fetchone()[0]
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        seq = cursor.fetchone()
        start = max(largest, seq[0] if seq else 0) + 1
        return list(range(start, start + n))


def row_snapshotter(model: type[models.Model], fields: Sequence[models.Field]):
    """A function making `tracking._row_snapshot(model, row, fields)` of a row dict, compiled once: decimals
    quantized to their field's places by one `quantize`, the plain types kept as they are, anything else (and a
    model with masked fields) by `_row_snapshot` itself — the same snapshot, value for value."""
    from guatu.audit.tracking import _field_json, _row_snapshot

    if getattr(model, "audit_masked", ()):
        return lambda row: _row_snapshot(model, row, fields)
    columns = [(f.attname, _converter(f, _field_json)) for f in fields]

    def make(row: dict) -> dict:
        return {attname: convert(row[attname]) for attname, convert in columns}

    return make


_PLAIN = (str, int, bool, float, type(None))
_DATES = (dt.datetime, dt.date, dt.time)


def _converter(f: models.Field, field_json):
    """One field's value → its snapshot value, as `tracking._field_json` gives it."""
    if isinstance(f, models.DecimalField):
        places = Decimal(1).scaleb(-f.decimal_places)

        def decimal(value):
            if value.__class__ is Decimal:
                try:
                    return str(value.quantize(places))
                except ArithmeticError:
                    pass
            return field_json(f, value)

        return decimal

    def plain(value):
        cls = value.__class__
        if cls in _PLAIN or isinstance(value, str):  # a TextChoices member too: kept as it is
            return value
        if cls in _DATES:
            return value.isoformat()
        return field_json(f, value)

    return plain


class Snapshot(dict):
    """A `snapshot` dict that carries its JSON text (`text`, equal to `json.dumps` of it): the write hooks read
    the dict, the change record keeps the text."""

    __slots__ = ("text",)


class CompiledSnapshot:
    """`snapshot` of many rows held as sequences (values in the places `positions` gives), made a column at a
    time (`many`): each field's values converted in one pass — a decimal column by one `quantize` per value, a
    column of plain texts and whole numbers kept as it is — and each row's JSON text put together from the
    columns' JSON texts; a column of any other values goes value by value through the field's own conversion
    (`tracking._field_json`'s rules). `constant`: a row whose values in every place but `varying` are those of
    every row given (encoded once)."""

    def __init__(self, model: type[models.Model], fields: Sequence[models.Field], positions: dict[str, int],
                 constant: Sequence | None = None, varying: set[int] | None = None) -> None:  # fmt: skip
        from guatu.audit.tracking import _field_json, _row_snapshot

        self.masked = bool(getattr(model, "audit_masked", ()))
        self.model, self.fields, self.positions = model, list(fields), positions
        self._row_snapshot = _row_snapshot
        self.names = [f.attname for f in fields]
        self.columns = []  # per field: (place, decimal places or None, convert, encode, constant snapshot or None)
        parts = []
        for f in fields:
            at, convert = positions[f.attname], _converter(f, _field_json)
            encode = _json_encoder(f, convert)
            places = Decimal(1).scaleb(-f.decimal_places) if isinstance(f, models.DecimalField) else None
            key = json.encoder.encode_basestring_ascii(f.attname)
            if constant is not None and varying is not None and at not in varying:
                parts.append(f"{key}: {encode(constant[at])}".replace("%", "%%"))
                self.columns.append((at, places, convert, encode, (convert(constant[at]),)))
            else:
                parts.append(f"{key}: %s")
                self.columns.append((at, places, convert, encode, None))
        self._parts = parts  # `texts` puts a template together from them, a decimal column's quotes in it

    def many(self, rows: Sequence[Sequence]) -> list[Snapshot]:
        """The snapshots of `rows`, in order, each with its JSON text (the text `texts` gives)."""
        if self.masked:
            return [self._masked(row) for row in rows]
        n = len(rows)
        values_by_field = [constant * n if constant is not None else _column_values([row[at] for row in rows], places,
                                                                                      convert)
                           for at, places, convert, _encode, constant in self.columns]  # fmt: skip
        out = []
        for values, text in zip(zip(*values_by_field, strict=True), self.texts(rows), strict=True):
            found = Snapshot(zip(self.names, values, strict=True))
            found.text = text
            out.append(found)
        return out

    def texts(self, rows: Sequence[Sequence]) -> list[str]:
        """The JSON texts of `rows`' snapshots, in order (`json.dumps` of each): what a change record keeps."""
        if self.masked:
            return [self._masked(row).text for row in rows]
        n = len(rows)
        parts, columns = list(self._parts), []
        for i, (at, places, _convert, encode, constant) in enumerate(self.columns):
            if constant is not None:
                continue
            texts, quoted = _column_texts([row[at] for row in rows], places, encode)
            if quoted:  # the quotes in the template, not added to every value
                parts[i] = parts[i].removesuffix("%s") + '"%s"'
            columns.append(texts)
        template = "{" + ", ".join(parts) + "}"
        if not columns:
            return [template % ()] * n
        return [template % texts for texts in zip(*columns, strict=True)]

    def _masked(self, row: Sequence) -> Snapshot:
        """A masked model's snapshot, by `_row_snapshot` itself."""
        found = Snapshot(self._row_snapshot(self.model, {n: row[at] for n, at in self.positions.items()},
                                            self.fields))  # fmt: skip
        found.text = dumps(dict(found))
        return found


def _column_texts(column: list, places: Decimal | None, encode) -> tuple[list[str], bool]:
    """One field's snapshot values of a column as their JSON texts, and whether they are to be quoted still (a
    decimal column's texts: `str` of each value quantized to its places)."""
    classes = set(map(type, column))
    if places is not None:
        if classes == {Decimal}:
            try:
                return list(map(str, map(Decimal.quantize, column, itertools.repeat(places)))), True
            except ArithmeticError:
                pass  # a value too large for its places: value by value, as `_field_json` says
        return [encode(value) for value in column], False
    if classes == {str}:
        return list(map(json.encoder.encode_basestring_ascii, column)), False
    if classes == {int}:
        return list(map(int.__repr__, column)), False
    return [encode(value) for value in column], False


def _column_values(column: list, places: Decimal | None, convert) -> list:
    """One field's snapshot values of a column (decimals quantized to their places and made text; plain texts
    and whole numbers as they are; anything else by the field's own conversion)."""
    classes = set(map(type, column))
    if places is not None and classes == {Decimal}:
        try:
            return list(map(str, map(Decimal.quantize, column, itertools.repeat(places))))
        except ArithmeticError:
            pass  # a value too large for its places: value by value, as `_field_json` says
    elif places is None and classes <= {str, int, type(None)}:
        return column
    return [convert(value) for value in column]


def _json_encoder(f: models.Field, convert):
    """One field's value → its JSON text in the snapshot (`json.dumps` of `convert(value)`), the common types
    without a call of the encoder."""
    if isinstance(f, models.DecimalField):
        places = Decimal(1).scaleb(-f.decimal_places)

        def decimal(value) -> str:
            if value.__class__ is Decimal:
                try:
                    return f'"{value.quantize(places)}"'
                except ArithmeticError:
                    pass
            return dumps(convert(value))

        return decimal
    encode_text = json.encoder.encode_basestring_ascii

    def plain(value) -> str:
        cls = value.__class__
        if cls is str:
            return encode_text(value)
        if cls is int:
            return int.__repr__(value)
        if value is None:
            return "null"
        return dumps(convert(value))

    return plain


# `json.dumps(value)` with its default settings, the C encoder made once (not once per call): the same text.
_encode = json.encoder.c_make_encoder(
    None, json.JSONEncoder().default, json.encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True
) if json.encoder.c_make_encoder else None  # fmt: skip


def dumps(value) -> str:
    """`json.dumps(value)` (a dict of plain values, as a snapshot is)."""
    if _encode is None or value.__class__ is not dict:
        return json.dumps(value)
    return "".join(_encode(value, 0))


RECORD_COLUMNS = ["id", "time", "user_id", "username", "request_id", "reason", "action", "content_type_id",
                  "object_id", "object_repr", "project_id", "region_id", "platform_id", "department_id", "before",
                  "after"]  # fmt: skip


class RecordWriter:
    """Change records for many objects of one model, written set-based with the acting user of the block.

    `add(action, object_id, object_repr, scope, before, after)` with `scope` = (project, region, platform,
    department) ids and before/after the `snapshot` dicts (or their JSON text, or a `Snapshot` with its text, or
    None);
    `flush()` inserts them and runs the write hooks with what they read of the records (`Written`).
    """

    def __init__(self, model: type[models.Model], *, batch: int | None = None, hooks: bool = True):
        """`batch`: flush (records and hooks) every so many records, so that a large write holds no more than
        that many snapshots at once; None: only when `flush()` is called. `hooks=False`: the caller runs the write
        hooks itself (with `CreatedRows`, for rows it created)."""
        self.batch, self.hooks = batch, hooks
        actor = current_actor()
        self.user_id = actor.user.pk if getattr(actor.user, "pk", None) else None
        self.username = actor.name[:150]
        self.request_id = actor.request_id
        self.reason = actor.reason
        self.content_type_id = ContentType.objects.get_for_model(model).pk
        self.time = timezone.now()
        self.rows: list[list] = []

    def add(self, action: str, object_id: int, object_repr: str, scope: Sequence, before: dict | None,
            after: dict | None) -> None:  # fmt: skip
        self.rows.append([None, self.time, self.user_id, self.username, self.request_id, self.reason, action,
                          self.content_type_id, object_id, object_repr[:200], *scope, before, after])  # fmt: skip
        if self.batch and len(self.rows) >= self.batch:
            self.flush()

    def add_many(self, action: str, items: Iterable[tuple]) -> None:
        """`add` of many objects: `items` gives (object_id, object_repr, scope, before, after) tuples."""
        head = (None, self.time, self.user_id, self.username, self.request_id, self.reason, action,
                self.content_type_id)  # fmt: skip
        self.rows.extend([*head, object_id, text[:200], *scope, before, after]
                         for object_id, text, scope, before, after in items)  # fmt: skip
        if self.batch and len(self.rows) >= self.batch:
            self.flush()

    def flush(self, *, hooks: bool | None = None) -> int:
        from guatu.audit.tracking import run_write_hooks

        hooks = self.hooks if hooks is None else hooks
        if not self.rows:
            return 0
        ids = allocate_ids(ChangeRecord, len(self.rows))
        pending = []
        sqlite = connection.vendor == "sqlite"
        stamp = _sqlite_datetime(self.time)
        for row, pk in zip(self.rows, ids, strict=True):
            row[0] = pk
            before, after = row[14], row[15]
            if hooks:
                pending.append(Written(row[6], row[7], row[8], row[10], _loaded(before), _loaded(after)))
            # The snapshots as JSON text (a caller may give the text already), and the time as the database
            # takes it: the rows go in without a conversion per row.
            if before is not None and not isinstance(before, str):
                row[14] = before.text if before.__class__ is Snapshot else dumps(before)
            if after is not None and not isinstance(after, str):
                row[15] = after.text if after.__class__ is Snapshot else dumps(after)
            if sqlite:
                row[1] = stamp if row[1] is self.time else _sqlite_datetime(row[1])
        insert_rows(ChangeRecord._meta.db_table, RECORD_COLUMNS, self.rows, model=None if sqlite else ChangeRecord)
        if hooks:
            run_write_hooks(pending)
        count = len(self.rows)
        self.rows = []
        return count


def _loaded(value):
    return json.loads(value) if isinstance(value, str) else value


class Written(NamedTuple):
    """What the write hooks read of a change record written set-based (a `ChangeRecord` has the same names)."""

    action: str
    content_type_id: int
    object_id: int
    project_id: int | None
    before: dict | None
    after: dict | None


class CreatedRows(NamedTuple):
    """What the write hooks read of many rows of one model created set-based, in one item instead of a record per
    row: the rows (sequences, values in `names` order) as they were inserted. A hook reads a column at a time
    (`column`); each row's record is a creation whose `after` holds these values (`before` is None)."""

    content_type_id: int
    names: Sequence[str]  # attnames
    rows: Sequence[Sequence]
    action: str = "create"

    def column(self, name: str) -> list:
        """The values of field `name` (an attname), row by row."""
        at = list(self.names).index(name)
        return [row[at] for row in self.rows]
