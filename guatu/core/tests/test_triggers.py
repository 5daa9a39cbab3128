"""SQLite loses a table's triggers when a migration rebuilds it; `migrate` puts them back."""

from __future__ import annotations

import pytest
from django.db import connection

from guatu.core.cache import REFERENCE_TABLES
from guatu.core.triggers import restore_sqlite_triggers

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL keeps triggers through ALTER TABLE"),
]


def triggers() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        return {row[0] for row in cursor.fetchall()}


def test_after_migrate_every_reference_table_and_the_change_record_has_its_triggers():
    names = triggers()
    assert {"audit_changerecord_no_update", "audit_changerecord_no_delete"} <= names
    for table in REFERENCE_TABLES:
        assert {f"guatu_data_version_{table}_{op}" for op in ("insert", "update", "delete")} <= names, table


def test_a_trigger_dropped_by_a_table_rebuild_comes_back_on_the_next_migrate():
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER guatu_data_version_indicators_indicator_update")
        cursor.execute("DROP TRIGGER audit_changerecord_no_delete")
    restore_sqlite_triggers(using="default")
    assert {"guatu_data_version_indicators_indicator_update", "audit_changerecord_no_delete"} <= triggers()
