"""Write generated rows of a tracked model set-based, each with its change record (as `snapshot` gives it).

`TableWriter` takes rows as dicts (the tables of thousands of rows); the monthly reports, millions of rows,
come as tuples in column order with their record's JSON text made by `Records.add` callers directly.
Either way the change record is the one `guatu.audit.setbased.RecordWriter` writes: the acting loader,
its reason, action "create", the object, its scope ids, no before and the `snapshot` JSON after.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from django.db import connection, models

from guatu.audit.models import Action, ChangeRecord
from guatu.audit.setbased import RECORD_COLUMNS, RecordWriter, allocate_ids, insert_rows
from guatu.audit.tracking import tracked_fields


def fen_text(fen: int) -> str:
    """Integer fen → the decimal text of a 2-place amount ("123.45")."""
    return f"{fen // 100}.{fen % 100:02d}"


def stamp(value):
    """A datetime as the database takes it in bulk: naive UTC text on SQLite (as Django stores it), as is
    on PostgreSQL."""
    if value is None or connection.vendor != "sqlite":
        return value
    from guatu.audit.setbased import _sqlite_datetime

    return _sqlite_datetime(value)


class Records:
    """Change records (action "create", no before) of rows of `model`, written in one set-based insert per
    flush with the acting user of the block — the content `RecordWriter` gives, without a dict per row."""

    def __init__(self, model: type[models.Model]):
        template = RecordWriter(model)  # the actor, reason and kind, read once
        self.head = (stamp(template.time), template.user_id, template.username, template.request_id,
                     template.reason, str(Action.CREATE), template.content_type_id)  # fmt: skip
        self.rows: list[tuple] = []

    def add(self, object_id: int, object_repr: str, scope: Sequence, after_json: str) -> None:
        """`scope`: (project, region, platform, department) ids; `after_json`: `json.dumps(snapshot)`."""
        self.rows.append((object_id, object_repr[:200], *scope, None, after_json))

    def flush(self) -> int:
        rows, self.rows = self.rows, []
        if not rows:
            return 0
        ids = allocate_ids(ChangeRecord, len(rows))
        insert_records(self.head, ((pk, *row) for pk, row in zip(ids, rows, strict=True)))
        return len(rows)


HEAD_COLUMNS = RECORD_COLUMNS[1:8]  # time, user, username, request id, reason, action, content type: `Records.head`


def _literal(value) -> str:
    """A constant of the head as an SQL literal (SQLite)."""
    if value is None:
        return "NULL"
    if isinstance(value, int):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def insert_records(head: Sequence, rows: Iterable[Sequence]) -> None:
    """Change records sharing `head` (the values of `HEAD_COLUMNS`), `rows` giving the other columns (id, object,
    its text, the scope ids, before, after). On SQLite the head is written into the statement as literals, bound
    once instead of once a row (binding seven constants took about as long as inserting the row); on PostgreSQL
    the rows are copied whole."""
    if connection.vendor != "sqlite":
        insert_rows(ChangeRecord._meta.db_table, RECORD_COLUMNS, ((row[0], *head, *row[1:]) for row in rows))
        return
    rest = [c for c in RECORD_COLUMNS if c not in HEAD_COLUMNS]
    columns = ", ".join(f'"{c}"' for c in [*HEAD_COLUMNS, *rest])
    values = ", ".join([*(_literal(v) for v in head), *(["?"] * len(rest))])
    sql = f'INSERT INTO "{ChangeRecord._meta.db_table}" ({columns}) VALUES ({values})'
    with connection.cursor() as cursor:
        cursor.cursor.executemany(sql, rows)


class TableWriter:
    """Rows of `model` as dicts of attnames (decimals given as their text with the field's places) → one
    insert with allocated ids and one change record per row (action "create", no before)."""

    def __init__(self, model: type[models.Model], scope_of, repr_of):
        self.model = model
        self.columns = [f.column for f in model._meta.concrete_fields]
        self.attnames = [f.attname for f in model._meta.concrete_fields]
        self.tracked = [f.attname for f in tracked_fields(model)]
        self.dated = {f.attname for f in tracked_fields(model) if isinstance(f, models.DateField)}
        self.scope_of, self.repr_of = scope_of, repr_of
        self.rows: list[dict] = []

    def add(self, row: dict) -> dict:
        self.rows.append(row)
        return row

    def flush(self, records: Records | None) -> list[int]:
        if not self.rows:
            return []
        ids = allocate_ids(self.model, len(self.rows))
        for row, pk in zip(self.rows, ids, strict=True):
            row["id"] = pk
            row.setdefault("version", 1)
        insert_rows(self.model._meta.db_table, self.columns, ([row[a] for a in self.attnames] for row in self.rows),
                    model=self.model)  # fmt: skip
        if records is not None:
            tracked, dated = self.tracked, self.dated
            for row in self.rows:
                after = {name: row[name] for name in tracked}
                for name in dated:
                    if after[name] is not None:
                        after[name] = after[name].isoformat()
                records.add(row["id"], self.repr_of(row), self.scope_of(row), json.dumps(after))
        self.rows = []
        return ids
