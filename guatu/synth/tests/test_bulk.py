"""A bulk load defers the secondary indexes, PostgreSQL's foreign keys and its data-version trigger inside the
loading transaction, and leaves the database's schema exactly as it found it — also when the load fails."""

from types import SimpleNamespace

import pytest
from django.db import connection

from guatu.audit.models import ChangeRecord
from guatu.projects.models import Project
from guatu.synth import bulk
from guatu.synth.generate import synth

pytestmark = pytest.mark.django_db


def schema() -> set:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = 'public'")
            indexes = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint")
            cursor_rows = set(cursor.fetchall())
            cursor.execute("SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal")
            return indexes | cursor_rows | set(cursor.fetchall())
        cursor.execute("SELECT type, name, sql FROM sqlite_master")
        return set(cursor.fetchall())


def test_the_database_keeps_its_indexes_keys_and_triggers():
    before = schema()
    synth(5, 3, seed=11, defer_indexes=True)
    assert schema() == before


def test_a_failed_load_leaves_nothing_behind(monkeypatch):
    before, projects, records = schema(), Project.objects.count(), ChangeRecord.objects.count()

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("guatu.rollups.facts.apply_groups", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        synth(5, 3, seed=12, defer_indexes=True)
    assert (Project.objects.count(), ChangeRecord.objects.count()) == (projects, records)
    assert schema() == before


def test_deferring_is_done_inside_the_loading_transaction_only(monkeypatch):
    monkeypatch.setattr(bulk, "connection", SimpleNamespace(in_atomic_block=False, vendor=connection.vendor))
    with pytest.raises(RuntimeError, match="inside the loading transaction"), bulk.deferred([], indexes=True):
        pass


def sqlite_pragmas() -> dict:
    with connection.cursor() as cursor:
        found = {}
        for name in ("threads", "cache_size", "mmap_size", "synchronous", "journal_mode"):
            cursor.execute(f"PRAGMA {name}")
            found[name] = cursor.fetchone()  # mmap_size: no row for a database in memory
        return found


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's sorter")
def test_on_sqlite_the_indexes_are_built_by_a_threaded_sorter_in_small_runs_and_the_settings_restored():
    before = sqlite_pragmas()
    during = []

    def watch(execute, sql, params, many, context):
        if sql.startswith("CREATE INDEX"):
            raw = connection.connection
            during.append((raw.execute("PRAGMA threads").fetchone()[0], raw.execute("PRAGMA cache_size").fetchone()[0]))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        synth(5, 3, seed=13, defer_indexes=True)
    assert len(during) > 20
    assert set(during) == {(bulk.SORTER_THREADS, -bulk.SORTER_RUN_KIB)} == {(2, -4096)}
    assert sqlite_pragmas() == before
