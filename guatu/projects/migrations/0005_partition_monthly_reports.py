"""PostgreSQL: the monthly reports become a table partitioned by year (a no-op on SQLite).

PostgreSQL requires the partition key in every unique constraint, the primary key included. The
model keeps `id` as its primary key (every URL, API route, form and change record names a report by
it); in the database the key becomes (id, year), and `id` stays unique across partitions because
every partition takes it from the one sequence the parent owns. Nothing holds a foreign key to a
report (the change record's object_id is a plain integer), so nothing else changes. The other
unique constraint, (project, year, month), already holds the year; the indexes, checks and the
foreign key to the project are re-created under their old names, so later migrations find them.

Partitions: one per year present, one for the current and the next year, and a default partition
for any other year; `guatu partitions` (run by `guatu serve`) splits a year out of the default.
"""

import datetime as dt

from django.db import migrations

TABLE = "projects_monthlyreport"


def partition(cursor, year: int) -> None:
    cursor.execute(f"CREATE TABLE {TABLE}_y{year} PARTITION OF {TABLE} FOR VALUES FROM ({year}) TO ({year + 1})")


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_partitioned_table WHERE partrelid = %s::regclass", [TABLE])
        if cursor.fetchone():
            return
        cursor.execute(
            "SELECT conname, contype, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype <> 'p' ORDER BY conname",
            [TABLE],
        )
        constraints = cursor.fetchall()
        for name, kind, definition in constraints:
            if kind == "u" and "year" not in definition:
                raise RuntimeError(f"{TABLE}.{name} must include year to be partitioned by year: {definition}")
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename = %s "
            "AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass)",
            [TABLE, TABLE],
        )
        indexes = cursor.fetchall()
        cursor.execute(f"SELECT DISTINCT year FROM {TABLE}")
        today = dt.date.today()
        years = sorted({y for (y,) in cursor.fetchall()} | {today.year, today.year + 1})

        cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {TABLE}_unpartitioned")
        cursor.execute(f"CREATE TABLE {TABLE} (LIKE {TABLE}_unpartitioned INCLUDING DEFAULTS) PARTITION BY RANGE (year)")
        for year in years:
            partition(cursor, year)
        cursor.execute(f"CREATE TABLE {TABLE}_default PARTITION OF {TABLE} DEFAULT")
        cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {TABLE}_unpartitioned")
        cursor.execute(f"DROP TABLE {TABLE}_unpartitioned")
        cursor.execute(f"CREATE SEQUENCE {TABLE}_id_seq OWNED BY {TABLE}.id")
        cursor.execute(f"SELECT setval('{TABLE}_id_seq', COALESCE(MAX(id), 0) + 1, false) FROM {TABLE}")
        cursor.execute(f"ALTER TABLE {TABLE} ALTER COLUMN id SET DEFAULT nextval('{TABLE}_id_seq')")
        cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, year)")
        for name, _kind, definition in constraints:
            cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        for _name, definition in indexes:
            cursor.execute(definition)


class Migration(migrations.Migration):
    dependencies = [("projects", "0004_report_workflow")]

    # Back to 0004 the partitioned table stays: the model reads and writes it the same way.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
