"""Rendered figures cached until the data changes: the key names who may see what, what was asked,
in which language, and the data version.

The data version is exact, not a time-out. It is two numbers read in one query:

- the latest change-record id: every write to figures or workflow state creates a ChangeRecord in its
  own transaction (guatu.audit.tracking). On SQLite, writers take the database in turn, so ids are
  handed out in commit order and the latest id names everything committed.
- a counter (`core.DataVersion`) that database triggers raise in the writing transaction itself:
  for reference data that keeps no change record (regions, platforms, lists, industries, departments,
  indicators), and on PostgreSQL also for every change record. PostgreSQL hands out ids at insert
  time, not at commit: a transaction holding id 100 may commit after one holding 101, and the latest
  id would not move. Its trigger is deferred to commit time and queued once per transaction, so it
  costs one row update per writing transaction and holds the counter's lock only while committing.

The key also holds the user's role assignments (never the user: two people with the same grants see
the same figures and share the entry; two with different scopes never do), the requested scope and
period as the page's form cleaned them, the query string (the page's links repeat it), the language.

The backend is Django's cache framework (settings.CACHES, see `caches_from_env`): a file-based cache
in the data directory on SQLite, the database's own cache table on PostgreSQL, Redis if configured.
A per-process memory cache would not do: gunicorn runs several processes, and each would compute
every page once per data version and keep its own copy. The file cache is shared by the processes of
one machine without adding a writer to SQLite's single write lock; the database cache table is shared
by every machine in front of one PostgreSQL (the router keeps it on the primary).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connections, router
from django.utils.translation import get_language

from guatu.core.cache_config import TIMEOUT

# Tables that keep no change record but whose rows show on pages (labels, trees, choices): a database
# trigger raises the data version when they change (core migration 0003; test_cache checks the list
# against the models).
REFERENCE_TABLES = (
    "core_region",
    "core_platform",
    "core_industry",
    "core_department",
    "projects_projectlist",
    "indicators_indicator",
    "indicators_reportingunit",
)


def figures_alias(using: str | None = None) -> str:
    """The database figures are read from (the router's choice for a request: a replica, or the primary)."""
    from guatu.projects.models import MonthlyReport

    return using or router.db_for_read(MonthlyReport)


# The data version's counters in one row: the counter, and the reference tables' own (guatu.core.watermarks).
COUNTERS_SQL = (
    "(SELECT counter FROM core_dataversion WHERE id = 1), (SELECT reference_changes FROM core_dataversion WHERE id = 1)"
)


def version_row(alias: str) -> tuple:
    """(latest change-record id, counter, reference counter) as read on `alias` in one statement; None for a
    counter when the data version's row is missing."""
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(id) FROM audit_changerecord), {COUNTERS_SQL}")
        return cursor.fetchone()


def data_version(using: str | None = None) -> str:
    """The data version as seen on `using` (default: where figures are read from): "<change id>.<counter>"."""
    latest, counter, _references = version_row(figures_alias(using))
    return f"{latest or 0}.{counter or 0}"


def everything_changed(using: str = "default") -> None:
    """For a write that keeps no change record and may change any figure (rebuilding the rollups): raise the data
    version and the reference counter, so no cached page is read again and no kept result is patched
    (guatu.core.watermarks) — everything is computed again."""
    with connections[using].cursor() as cursor:
        cursor.execute(
            "UPDATE core_dataversion SET counter = counter + 1, reference_changes = reference_changes + 1 WHERE id = 1"
        )


def access_fingerprint(user) -> str:
    """What the access rules read about a user: superuser or not, and every role assignment's scope."""
    from guatu.accounts.access import grants_of

    if user is None:
        return "system"
    if not getattr(user, "is_authenticated", False):
        return "anonymous"
    grants = sorted((g.role, g.region_path or "", g.platform_path or "", g.department_id or 0) for g in grants_of(user))
    return json.dumps([bool(user.is_superuser), bool(user.is_active), grants])


def _plain(value):
    """A form value as text for the key: model instances by primary key."""
    if hasattr(value, "_meta") and hasattr(value, "pk"):
        return f"{value._meta.label_lower}:{value.pk}"
    return str(value)


def _key(name: str, described: dict) -> str:
    digest = hashlib.sha256(json.dumps(described, sort_keys=True).encode()).hexdigest()
    return f"guatu:{name}:{digest}"


def page_key(name: str, *, request, parts: dict | None = None) -> str:
    """The cache key of a page part for this request: access, `parts` (e.g. a form's cleaned data),
    query string, language and data version."""
    return _key(name, {
        "access": access_fingerprint(request.user),
        "parts": sorted((k, _plain(v)) for k, v in (parts or {}).items()),
        "query": sorted(request.GET.lists()),
        "language": get_language(),
        "data": data_version(),
    })  # fmt: skip


def result_key(name: str, *, user, parts: list) -> str:
    """The cache key of a computed result (no request: pages, API, CLI and briefing share it): who may see
    what, `parts` (what was asked, as JSON-able values) and the data version. Language-free: cache only
    what does not depend on it."""
    return _key(name, {"access": access_fingerprint(user), "parts": parts, "data": data_version()})


def standing_key(name: str, *, user, parts: list) -> str:
    """`result_key` without the data version: for a value that carries its own watermark and is patched after a
    write rather than computed again (guatu.core.watermarks)."""
    return _key(name, {"access": access_fingerprint(user), "parts": parts})


def remembered(key: str, compute: Callable[[], object]):
    """The value cached under `key`, computed (and cached) on a miss."""
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found


@dataclass
class Fragment:
    """A part of a page cached under `key`; `fill()` gives the template the figures when it must render
    (a miss). `{% cached fragment %}` in guatu.core.templatetags.fragments does the rest."""

    key: str
    fill: Callable[[], dict]

    def get(self) -> str | None:
        return cache.get(self.key)

    def put(self, html: str) -> None:
        cache.set(self.key, html, TIMEOUT)
