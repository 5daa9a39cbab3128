"""SQLite drops a table's triggers when a migration rebuilds the table (SQLite cannot ALTER most columns, so
Django copies the table into a new one). After every `migrate` this puts back the triggers guatu relies on:
the change record's append-only guard and the data version's counters (a reference table's change raises both
the counter and `reference_changes`). PostgreSQL keeps triggers through ALTER TABLE, so there is nothing to do
there."""

from __future__ import annotations

from django.db import connections

APPEND_ONLY = "change records are append-only"


def sqlite_trigger_statements() -> list[str]:
    from guatu.core.cache import REFERENCE_TABLES

    statements = [
        f"CREATE TRIGGER IF NOT EXISTS audit_changerecord_no_{event.lower()} BEFORE {event} ON audit_changerecord "
        f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
        for event in ("UPDATE", "DELETE")
    ]
    for table in REFERENCE_TABLES:
        statements += [
            f"CREATE TRIGGER IF NOT EXISTS guatu_data_version_{table}_{op.lower()} AFTER {op} ON {table} "
            "BEGIN UPDATE core_dataversion SET counter = counter + 1, reference_changes = reference_changes + 1 "
            "WHERE id = 1; END"
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
        for sql in sqlite_trigger_statements():
            if sql.split(" ON ", 1)[1].split()[0] in tables:
                cursor.execute(sql)
