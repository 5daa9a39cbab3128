"""Reads from a PostgreSQL streaming replica, writes to the primary, and every writer reads their own writes.

With GUATU_REPLICA_URL set (settings.DATABASES["replica"]), a web request that only reads (GET, HEAD,
OPTIONS) reads from the replica. Everything else uses the primary ("default"):

- requests that may write (POST, PUT, PATCH, DELETE): their validation reads what their write will see;
- a request once it has written, and anything inside a transaction on the primary;
- what has no business on a replica: sessions, the cache table, log-in attempts, the job queue and
  import jobs (a worker polls them; a page shows their progress);
- anything outside a web request: the CLI, the background worker, migrations.

Read-your-writes, exactly: when a request has written, `ReadYourWritesMiddleware` notes the primary's
WAL position after the commit (`pg_current_wal_lsn()`) in the shared cache, under the writer's session
(or API token). The writer's next requests read from the primary until the replica has replayed that
position (`pg_last_wal_replay_lsn() >= it`, asked once per request), then from the replica again.
Another user is never held back: they may read from a replica a moment behind.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Apps and models read and written on the primary only.
PRIMARY_ONLY = frozenset({"sessions", "django_cache", "axes", "django_tasks_db", "exchange"})
PENDING_SECONDS = 600  # a pending write older than this is long replayed (or the replica is gone)


@dataclass
class Routing:
    """What the router knows about the web request being served."""

    method: str
    identity: str | None  # the writer: a session or an API token (hashed); None: anonymous
    pending_lsn: str | None = None
    wrote: bool = False
    caught_up: bool | None = None  # has the replica replayed `pending_lsn`? (asked once)

    def may_read_replica(self) -> bool:
        if self.method not in SAFE_METHODS or self.wrote:
            return False
        if connections[PRIMARY].in_atomic_block:
            return False
        if self.pending_lsn is not None and self.caught_up is None:
            self.caught_up = replica_has_replayed(self.pending_lsn)
        return self.pending_lsn is None or bool(self.caught_up)


_current: contextvars.ContextVar[Routing | None] = contextvars.ContextVar("guatu_routing", default=None)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


def replica_has_replayed(lsn: str) -> bool:
    """True once the replica has replayed the primary's WAL up to `lsn`."""
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn])
            return bool(cursor.fetchone()[0])
    except Exception:  # the replica is unreachable or not a replica: stay on the primary
        return False


def primary_lsn() -> str:
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        return cursor.fetchone()[0]


class PrimaryReplicaRouter:
    """settings.DATABASE_ROUTERS: see the module docstring."""

    def _on_primary_only(self, model) -> bool:
        return model._meta.app_label in PRIMARY_ONLY

    def db_for_read(self, model, **hints) -> str:
        if not has_replica() or self._on_primary_only(model):
            return PRIMARY
        routing = _current.get()
        if routing is None or not routing.may_read_replica():
            return PRIMARY
        return REPLICA

    def db_for_write(self, model, **hints) -> str:
        # Not a sign of a write: Django also asks when a related object is assigned to a new instance.
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == PRIMARY


def _identity(request) -> str | None:
    """Who writes, without a database query: the session key, else the API token's digest."""
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if key:
        return f"s:{key}"
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization:
        return "a:" + hashlib.sha256(authorization.encode()).hexdigest()
    return None


def _pending_key(identity: str) -> str:
    return f"guatu:read-your-writes:{identity}"


@contextlib.contextmanager
def routing(method: str, identity: str | None = None) -> Iterator[Routing]:
    """Route this block's reads as a web request with `method` from `identity` (the middleware's job)."""
    state = Routing(method=method.upper(), identity=identity)
    token = _current.set(state)
    try:
        yield state
    finally:
        _current.reset(token)


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)', re.IGNORECASE)


def _primary_only_tables() -> tuple[str, ...]:
    from django.apps import apps

    from guatu.core.cache_config import CACHE_TABLE

    tables = [m._meta.db_table for m in apps.get_models() if m._meta.app_label in PRIMARY_ONLY]
    return (*tables, CACHE_TABLE)


class ReadYourWritesMiddleware:
    """After SessionMiddleware: routes the request's reads and remembers where its writes ended.

    A write is a statement that changes a table outside `PRIMARY_ONLY` (or locks rows to change them),
    seen on the primary's connection while the request runs."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response
        self.ignored = _primary_only_tables()

    def _watch(self, state: Routing):
        def wrapper(execute, sql, params, many, context):
            if not state.wrote:
                match = WRITE.match(sql)
                if (match and match.group(1) not in self.ignored) or "FOR UPDATE" in sql.upper():
                    state.wrote = True
            return execute(sql, params, many, context)

        return wrapper

    def __call__(self, request):
        if not has_replica():
            return self.get_response(request)
        from django.core.cache import cache

        identity = _identity(request)
        with routing(request.method, identity) as state, connections[PRIMARY].execute_wrapper(self._watch(state)):
            if identity and state.method in SAFE_METHODS:
                state.pending_lsn = cache.get(_pending_key(identity))
            response = self.get_response(request)
            if state.wrote:
                identity = _identity(request) or identity  # a log-in gives the session a new key
                if identity:
                    cache.set(_pending_key(identity), primary_lsn(), PENDING_SECONDS)
            elif state.pending_lsn is not None and state.caught_up:
                cache.delete(_pending_key(identity))
        return response
