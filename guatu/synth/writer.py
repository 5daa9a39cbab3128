"""Write generated rows of a tracked model set-based, each with its change record (as `snapshot` gives it)."""

from __future__ import annotations

import json

from django.db import models

from guatu.audit.models import Action
from guatu.audit.setbased import RecordWriter, allocate_ids, insert_rows
from guatu.audit.tracking import tracked_fields


def fen_text(fen: int) -> str:
    """Integer fen → the decimal text of a 2-place amount ("123.45")."""
    return f"{fen // 100}.{fen % 100:02d}"


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

    def flush(self, records: RecordWriter | None) -> list[int]:
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
                after = json.dumps(after)
                records.add(Action.CREATE, row["id"], self.repr_of(row), self.scope_of(row), None, after)
        self.rows = []
        return ids
