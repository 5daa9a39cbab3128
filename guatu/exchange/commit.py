"""The import's commit, set-based: what `TrackedQuerySet.bulk_create/bulk_update` do row by row, in a few
statements — the rows inserted with allocated ids (COPY on PostgreSQL), updates grouped by the fields they
change, every version bumped, the change record written set-based with the same content (who, request,
reason, object, scope ids, before → after as `snapshot` gives them), and the write hooks run (the rollups).

The rules were checked by the importer inside the same transaction, with the projects locked: field rules
and `clean()` per record, the report series and status rules and the user's scope set-based.
"""

from __future__ import annotations

from collections import defaultdict
from operator import itemgetter

from django.db import connection

from guatu.audit.models import Action
from guatu.audit.setbased import (
    CompiledSnapshot,
    CreatedRows,
    RecordWriter,
    allocate_ids,
    insert_rows,
    row_snapshotter,
)
from guatu.audit.tracking import VersionConflict, run_write_hooks, tracked_fields
from guatu.projects.models import MonthlyReport, Project

RECORD_BATCH = 10_000


def _names_and_scopes(project_ids) -> dict[int, tuple]:
    """Project id → (name, region, platform, department) in one query per 5,000."""
    ids = sorted(set(project_ids))
    out = {}
    for start in range(0, len(ids), 5000):
        rows = Project._base_manager.filter(pk__in=ids[start : start + 5000]).values_list(
            "pk", "name", "region_id", "platform_id", "department_id")  # fmt: skip
        out.update({pk: rest for pk, *rest in rows})
    return out


def _describe(model, row: dict, projects: dict) -> tuple[str, tuple]:
    """The object's text (its `__str__`) and scope ids (project, region, platform, department)."""
    if model is Project:
        return row["name"], (row["id"], row["region_id"], row["platform_id"], row["department_id"])
    name, region, platform, department = projects[row["project_id"]]
    when = f"{row['year']}-{row['month']:02d}" if model is MonthlyReport else str(row["year"])
    return f"{name} {when}", (row["project_id"], region, platform, department)


def _row_describer(model, at: dict[str, int], projects: dict):
    """`_describe` for rows as sequences (values in the places `at` gives)."""
    if model is Project:
        name, pk, region, platform, department = (at[n] for n in ("name", "id", "region_id", "platform_id",
                                                                   "department_id"))  # fmt: skip
        return lambda row: (row[name], (row[pk], row[region], row[platform], row[department]))
    project, year = at["project_id"], at["year"]
    month = at.get("month") if model is MonthlyReport else None

    def describe(row) -> tuple[str, tuple]:
        name, region, platform, department = projects[row[project]]
        when = f"{row[year]}-{row[month]:02d}" if month is not None else str(row[year])
        return f"{name} {when}", (row[project], region, platform, department)

    return describe


def _row_maker(template: list, given: dict[str, int], keys: tuple):
    """A function making a new row (a list in `template`'s order) of a dict with `keys`: `template` with the values
    of the keys that `given` places put in their places, by two `itemgetter`s (no loop per field)."""
    places = [(given[key], j) for j, key in enumerate(keys) if key in given]
    if len(keys) < 2 or len(template) < 2:

        def slow(fields_: dict) -> list:
            row = template.copy()
            for name, value in fields_.items():
                if name in given:
                    row[given[name]] = value
            return row

        return slow
    base, n = tuple(template), len(template)
    picks = list(range(n))
    for i, j in places:
        picks[i] = n + j
    values, pick = itemgetter(*keys), itemgetter(*picks)
    return lambda fields_: list(pick(base + values(fields_)))


def write_plan(model, creates: list[dict], updates: dict[int, dict], extra: dict, stored: dict) -> None:
    """Insert `creates` (attname dicts, with `extra` added) and apply `updates` (pk → changed attnames) to the
    `stored` rows (record key → the row as read in this transaction)."""
    fields = tracked_fields(model)
    concrete = [f for f in model._meta.concrete_fields]
    defaults = {f.attname: f.get_default() for f in concrete if not f.primary_key}
    stored_by_pk = {row["id"]: row for row in stored.values()}
    projects = {} if model is Project else _names_and_scopes(
        [row["project_id"] for row in creates] + [stored_by_pk[pk]["project_id"] for pk in updates])  # fmt: skip
    # The created rows' records (the hooks get the rows themselves at once, below), then the updates' (a record is
    # added after its row is written: the hooks read it).
    records = RecordWriter(model, batch=RECORD_BATCH, hooks=False)
    snap = row_snapshotter(model, fields)
    names = [f.attname for f in concrete]
    at = {name: i for i, name in enumerate(names)}
    template = [{**defaults, **extra, "version": 1}.get(name) for name in names]  # a new row before its fields
    given = {name: i for name, i in at.items() if name not in extra and name != "version"}  # `extra` prevails
    rows, pk_at = [], at[model._meta.pk.attname]
    makers: dict[tuple, object] = {}  # per set of names given (in their order): how a row is made of them
    for fields_, pk in zip(creates, allocate_ids(model, len(creates)), strict=True):
        keys = tuple(fields_)
        make = makers.get(keys)
        if make is None:
            make = makers[keys] = _row_maker(template, given, keys)
        row = make(fields_)
        row[pk_at] = pk
        rows.append(row)
    insert_rows(model._meta.db_table, [f.column for f in concrete], rows, model=model)
    varying = {pk_at, *(given[name] for name in set().union(*creates) if name in given)}  # the rest: the template's
    compiled = CompiledSnapshot(model, fields, at, template, varying)
    describe = _row_describer(model, at, projects)
    for start in range(0, len(rows), RECORD_BATCH):  # the snapshots' texts of a batch at a time, a column at a time
        batch = rows[start : start + RECORD_BATCH]
        texts = compiled.texts(batch)
        records.add_many(Action.CREATE, ((row[pk_at], *describe(row), None, text)
                                         for row, text in zip(batch, texts, strict=True)))  # fmt: skip
    records.flush()
    if rows:
        run_write_hooks([CreatedRows(records.content_type_id, names, rows)])
    records = RecordWriter(model, batch=RECORD_BATCH)
    _update(model, updates, stored_by_pk, snap, records, projects)
    records.flush()


def _update(model, updates: dict[int, dict], stored_by_pk: dict, snap, records: RecordWriter, projects) -> None:
    by_fields: dict[tuple, list[int]] = defaultdict(list)
    for pk, changes in updates.items():
        by_fields[tuple(sorted(changes))].append(pk)
    table, quote = model._meta.db_table, connection.ops.quote_name
    for names, pks in by_fields.items():
        model_fields = [model._meta.get_field(n.removesuffix("_id") if n.endswith("_id") else n) for n in names]
        sets = ", ".join(f"{quote(f.column)} = %s" for f in model_fields)
        sql = f"UPDATE {quote(table)} SET {sets}, version = version + 1 WHERE id = %s AND version = %s"
        params = [[*(f.get_db_prep_save(updates[pk][n], connection) for f, n in zip(model_fields, names, strict=True)),
                   pk, stored_by_pk[pk]["version"]] for pk in pks]  # fmt: skip
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
            if cursor.rowcount not in (-1, len(pks)):  # someone changed a row since it was read: nothing is written
                first = model._base_manager.get(pk=pks[0])
                raise VersionConflict(first, None, stored_by_pk[pks[0]]["version"])
        for pk in pks:
            old = stored_by_pk[pk]
            new = {**old, **updates[pk]}
            text, scope = _describe(model, new, projects)
            records.add(Action.UPDATE, pk, text, scope, snap(old), snap(new))
