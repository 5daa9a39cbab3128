"""SQLite drops a table's triggers when a migration rebuilds the table (SQLite cannot ALTER most columns, so
Django copies the table into a new one). After every `migrate` this puts back the triggers guatu relies on:
the change record's append-only guard and the data version's counters (a reference table's change raises both
the counter and `reference_changes`). PostgreSQL keeps triggers through ALTER TABLE, so there is nothing to do
there."""

from __future__ import annotations

from django.db import connections

APPEND_ONLY = "change records are append-only"


def sqlite_trigger_statements(references: bool = True) -> list[str]:
    """`references`: the data version has its `reference_changes` column (core 0004 applied)."""
    from guatu.core.cache import REFERENCE_TABLES

    sets = "counter = counter + 1, reference_changes = reference_changes + 1" if references else "counter = counter + 1"
    statements = [
        f"CREATE TRIGGER IF NOT EXISTS audit_changerecord_no_{event.lower()} BEFORE {event} ON audit_changerecord "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        for event in ("UPDATE", "DELETE")
    ]
    for table in REFERENCE_TABLES:
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS guatu_data_version_{table}_{op.lower()} AFTER {op} ON {table} "
            f"BEGIN UPDATE core_dataversion SET {sets} WHERE id = 1; END"
            for op in ("INSERT", "UPDATE", "DELETE")
        ]
    return statements


def restore_sqlite_triggers(using: str = "default", **_kwargs) -> None:
    """A post_migrate receiver: (re)create the triggers on SQLite; tables not migrated yet are skipped."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        return
    tables = set(connection.introspection.table_names())
    if "audit_changerecord" not in tables or "core_dataversion" not in tables:
        return
    with connection.cursor() as cursor:
        for sql in sqlite_trigger_statements(_has_reference_changes(connection)):
            if sql.split(" ON ", 1)[1].split()[0] in tables:
                cursor.execute(sql)


def _has_reference_changes(connection) -> bool:
    with connection.cursor() as cursor:
        columns = connection.introspection.get_table_description(cursor, "core_dataversion")
    return any(column.name == "reference_changes" for column in columns)


def restore_data_version(using: str = "default", **_kwargs) -> None:
    """A post_migrate receiver: the data version's row back if a `flush` removed it (the triggers would count
    nothing), and both its counters raised — a data migration writes through historical models, which keep no
    change record, so nothing cached or kept from before a `migrate` is read after it."""
    from guatu.core.cache import everything_changed

    connection = connections[using]
    if "core_dataversion" not in connection.introspection.table_names() or not _has_reference_changes(connection):
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_dataversion (id, counter, reference_changes) SELECT 1, 0, 0 "
            "WHERE NOT EXISTS (SELECT 1 FROM core_dataversion WHERE id = 1)"
        )
    everything_changed(using)
