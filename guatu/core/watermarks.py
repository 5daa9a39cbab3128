"""What changed since a result was computed: a watermark read before computing it, and the projects whose change
records came after it — so a large result (a province's warning levels) is patched project by project after a
write instead of computed again.

A watermark holds the latest change-record id, the data version's counter and the reference tables' own counter
(`DataVersion.reference_changes`, raised by their triggers), and whether it is `complete`: every change record with
an id up to the latest one was committed (or will never be) when it was read. Every write to a project's figures,
milestones, memberships, hazards … creates a change record naming the project in the writing transaction
(guatu.audit.tracking), so from a complete watermark on, what a result read can only have changed through a change
record with a later id:

- SQLite runs one writer at a time: ids are handed out in commit order, and a watermark is always complete.
- PostgreSQL hands out ids at insert time: a transaction holding id 100 may commit after one holding 101.
  `_pg_watermark` tells a complete watermark by looking at the other sessions first; when a write elsewhere is in
  flight it is not complete, and nothing is patched from it: the result is computed again.

`changed_projects` answers None — compute everything again — when it cannot name the projects: a reference row
changed (a county moved to another city moves every project in it), an object moved from one project to another
(its record names only the new one), or more changed than patching is worth.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import connections

from guatu.core.cache import COUNTERS_SQL, figures_alias, version_row

# More change records than this since a watermark (an import, a reporting rush): computing again is cheaper.
MOST_RECORDS = 2000


@dataclass(frozen=True)
class Watermark:
    latest: int  # the latest change-record id
    counter: int  # the data version's counter (on PostgreSQL it moves with every commit that wrote records)
    references: int  # the reference tables' counter
    complete: bool  # no earlier change record was still uncommitted when it was read


def watermark(using: str | None = None) -> Watermark:
    """The watermark as seen on `using` (default: where figures are read from)."""
    alias = figures_alias(using)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        return _pg_watermark(connection, alias)
    latest, counter, references = version_row(alias)
    return Watermark(latest or 0, _counted(counter), _counted(references), True)


def _counted(value) -> int:
    """A counter as read; -1 when the data version's row is missing (the triggers then count nothing)."""
    return -1 if value is None else value


# What may hold an uncommitted change record: another session of this database with a transaction id, or one
# whose details this role may not read; a prepared transaction. And what would make the second look unsound: a
# snapshot kept for the whole transaction (not READ COMMITTED), ids cached per session (a sequence CACHE above 1).
# Then the change-record ids handed out so far.
_PG_BEFORE = (
    "SELECT (SELECT COUNT(*) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND backend_type = 'client backend' "
    "AND datname = current_database() AND (backend_xid IS NOT NULL OR query = '<insufficient privilege>')) "
    "+ (SELECT COUNT(*) FROM pg_prepared_xacts WHERE database = current_database()) "
    "+ (CASE WHEN current_setting('transaction_isolation') = 'read committed' THEN 0 ELSE 1 END) "
    "+ (SELECT COUNT(*) FROM pg_sequence WHERE seqcache > 1 "
    "AND seqrelid = pg_get_serial_sequence('audit_changerecord', 'id')::regclass), "
    "pg_sequence_last_value(pg_get_serial_sequence('audit_changerecord', 'id')::regclass)"
)
# A moment's write elsewhere (a report, a session, an entry of the cache table) is usually over a few milliseconds
# later. Measured on the demo with writers saving projects in a loop: with 3 looks back to back the watermark was
# complete 72% of the time at 150 writes/s and 50% at 210; with 5 looks 2 ms apart, 100% and 86% (at most 8 ms
# more, where computing the province again takes about a second).
_PG_ATTEMPTS = 5
_PG_PAUSE = 0.002


def _pg_watermark(connection, alias: str) -> Watermark:
    """On PostgreSQL `complete` needs two looks. First: no other session holds a transaction id (every writer takes
    one before it takes a record id: `audit.tracking.hold_transaction_id`), no transaction is prepared, and the
    last id handed out, L. Then, in the next statement's snapshot: the latest id W and every id in (L, W] present
    — an id taken after the first look and missing could still commit below W. A replica shows its own sessions,
    not the primary's: there a watermark is never complete."""
    from guatu.core.routers import PRIMARY

    with connection.cursor() as cursor:
        for _attempt in range(_PG_ATTEMPTS):
            cursor.execute("SELECT pg_stat_clear_snapshot()")  # inside a transaction the view would stay as first read
            cursor.execute(_PG_BEFORE)
            busy, handed_out = cursor.fetchone()
            cursor.execute(
                f"SELECT m.latest, {COUNTERS_SQL}, (SELECT COUNT(*) FROM audit_changerecord WHERE id > %s AND id <= "
                "m.latest) FROM (SELECT COALESCE(MAX(id), 0) AS latest FROM audit_changerecord) m",
                [handed_out or 0],
            )
            latest, counter, references, present = cursor.fetchone()
            complete = alias == PRIMARY and not busy and present == max(latest - (handed_out or 0), 0)
            if complete:
                break
            time.sleep(_PG_PAUSE)
    return Watermark(latest, _counted(counter), _counted(references), complete)


def _project_link(content_type_id: int) -> str | None:
    """The snapshot key of the field that ties a model's rows to their project ("project_id", "inspection_id" …),
    or None when a row cannot move between projects (a project itself, a model with no project)."""
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    path = getattr(model, "access_paths", {}).get("project")
    if model is None or path in (None, "pk"):
        return None
    return model._meta.get_field(path.split("__")[0]).attname


def changed_projects(since: Watermark, until: Watermark, using: str | None = None) -> set[int] | None:
    """The ids of the projects whose change records came after `since`, up to `until` (read before the result
    being patched is read again); None when they cannot be told (see the module docstring). Nothing committed in
    between (the same latest id and counter): the empty set."""
    if min(since.references, until.references) < 0:
        return None  # no counter row: a reference change would go unseen
    if (until.latest, until.counter, until.references) == (since.latest, since.counter, since.references):
        return set()
    if not since.complete or until.references != since.references or until.latest < since.latest:
        return None
    with connections[figures_alias(using)].cursor() as cursor:
        cursor.execute(
            "SELECT project_id, content_type_id, action, before, after FROM audit_changerecord "
            "WHERE id > %s AND id <= %s ORDER BY id LIMIT %s",
            [since.latest, until.latest, MOST_RECORDS + 1],
        )
        rows = cursor.fetchall()
    if len(rows) > MOST_RECORDS:
        return None
    changed: set[int] = set()
    for project_id, content_type_id, action, before, after in rows:
        link = _project_link(content_type_id) if action == "update" else None
        if link is not None and _value(before, link) != _value(after, link):
            return None  # moved between projects: the record names only where it is now
        if project_id is not None:
            changed.add(project_id)
    return changed


def _value(snapshot, key: str):
    """A field of a change record's snapshot (JSON text on SQLite, already decoded on PostgreSQL)."""
    if isinstance(snapshot, str):
        snapshot = json.loads(snapshot)
    return (snapshot or {}).get(key)


# The last few results kept in this process too: patching one after a write then costs no unpickling of a province.
_IN_PROCESS: OrderedDict[str, tuple[Watermark, dict]] = OrderedDict()
IN_PROCESS = 8  # a province's entry is about 5 MB (9,700 projects with milestones at 100,000 projects)


def forget() -> None:
    """Drop the results kept in this process (the tests do, with the cache, before every test)."""
    _IN_PROCESS.clear()


def _keep(key: str, mark: Watermark, rows: dict) -> None:
    _IN_PROCESS[key] = (mark, rows)
    _IN_PROCESS.move_to_end(key)
    while len(_IN_PROCESS) > IN_PROCESS:
        _IN_PROCESS.popitem(last=False)


def kept_by_project(key: str, compute: Callable[[set[int] | None], dict], *, write_back: int = 8) -> dict:
    """A result keyed by project id — `compute(None)` gives all of it, `compute(ids)` the part of those projects
    — kept across writes under `key` (a key without the data version: `guatu.core.cache.standing_key`) with the
    watermark read before it was computed. After a write only the projects whose change records came since are
    computed again; the patched result is written back to the shared cache once more than `write_back` projects
    were patched (below that the next request patches them again: cheaper than writing a province back after every
    report). When the projects cannot be told (`changed_projects` is None), everything is computed again. Inside a
    transaction of the caller's own, what is computed is not kept.

    The caller returns what it is given and must not change it."""
    from django.core.cache import cache

    from guatu.core.cache_config import TIMEOUT

    now = watermark()
    store = not _in_own_transaction(figures_alias())
    kept = _IN_PROCESS.get(key) or cache.get(key)
    changed = changed_projects(kept[0], now) if kept is not None else None
    if changed is None:
        rows = compute(None)
        if store:
            cache.set(key, (now, rows), TIMEOUT)
            _keep(key, now, rows)
        return rows
    rows = kept[1]
    if changed:
        rows = {pk: row for pk, row in rows.items() if pk not in changed}
        rows.update(compute(changed))
        if store and now.complete:
            _keep(key, now, rows)
            if len(changed) > write_back:
                cache.set(key, (now, rows), TIMEOUT)
    return rows


def _in_own_transaction(alias: str) -> bool:
    """Is the caller inside a transaction it opened (one a test case opens does not count)? What is read there
    may include its own uncommitted writes, and it may still roll back: nothing read there is kept."""
    return any(not getattr(block, "_from_testcase", False) for block in connections[alias].atomic_blocks)
