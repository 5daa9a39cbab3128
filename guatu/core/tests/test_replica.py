"""Reads from a streaming replica, with read-your-writes for the writer — on a real primary and replica.

The PostgreSQL run copies its cluster (the test database with the demo, as committed) into a throwaway
primary with pg_basebackup, starts a streaming replica of that primary (pg_basebackup -R), and runs the
app against both in a child process (GUATU_REPLICA_URL set, as in production). The replica's replay is
paused to stand for replication lag: the writer still sees their change at once, another user reads
the replica and sees the old value until replay resumes. The router's rules are tested in-process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from django.db import connection

from guatu.core import routers
from guatu.core.routers import PrimaryReplicaRouter, routing
from guatu.projects.models import Project

SCENARIO = r"""
import json, time
from django.contrib.auth import get_user_model
from django.db import connections
from django.test import Client
from guatu.projects.forms import ProjectForm
from guatu.projects.models import Project

served_by = []

for alias in ("default", "replica"):
    def trace(execute, sql, params, many, context, alias=alias):
        if "projects_project" in sql:
            served_by.append(alias)
        return execute(sql, params, many, context)
    connections[alias].execute_wrappers.append(trace)

def replica(sql):
    with connections["replica"].cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0] if cursor.description else None

def page(client, path):
    served_by.clear()
    text = client.get(path).content.decode()
    return {"new": "复制测试新名" in text, "served_by": sorted(set(served_by))}

users = get_user_model().objects
writer, other = Client(), Client()
writer.force_login(users.get(username="demo"))
other.force_login(users.get(username="lingdao"))
project = Project.objects.get(code=CODE)
path = f"/projects/{CODE}/"
seen = {"before": page(other, path)}

replica("SELECT pg_wal_replay_pause()")
form = ProjectForm(instance=project, user=users.get(username="demo"))
data = {name: form[name].value() for name in form.fields}
data = {k: ("" if v is None else v) for k, v in data.items()}
data.update(name="复制测试新名", seen_version=project.version)
response = writer.post(f"/projects/{CODE}/edit/", data)
seen["post"] = response.status_code
seen["writer_during_lag"] = page(writer, path)
seen["other_during_lag"] = page(other, path)
seen["replica_paused"] = replica("SELECT pg_is_wal_replay_paused()")

replica("SELECT pg_wal_replay_resume()")
with connections["default"].cursor() as cursor:
    cursor.execute("SELECT pg_current_wal_lsn()::text")
    target = cursor.fetchone()[0]
deadline = time.monotonic() + 30
while not replica(f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") and time.monotonic() < deadline:
    time.sleep(0.05)
seen["other_after"] = page(other, path)
seen["writer_after"] = page(writer, path)
seen["writer_after_again"] = page(writer, path)
print(json.dumps(seen))
"""


@pytest.fixture(scope="module")
def pair(django_db_setup, django_db_blocker):
    """A throwaway primary (a copy of this run's cluster) and its streaming replica."""
    from guatu.testing.pgcluster import replicated_copy
    from guatu.testing.requirements import require

    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL run (make test-postgres): it copies that cluster")
    try:
        with replicated_copy(os.environ["DATABASE_URL"]) as cluster:
            yield cluster
    except FileNotFoundError:
        require(False, "PostgreSQL (pg_basebackup)")


def test_the_writer_reads_their_write_while_the_replica_lags_and_others_read_the_replica(pair, tmp_path):
    database = connection.settings_dict["NAME"]
    code = "2024-330802-001"
    env = {
        **os.environ,
        "DATABASE_URL": pair.url("primary", database),
        "GUATU_REPLICA_URL": pair.url("replica", database),
        "GUATU_DATA_DIR": str(tmp_path),
        "GUATU_CACHE_URL": "locmem",
        "GUATU_ALLOWED_HOSTS": "testserver",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    script = SCENARIO.replace("CODE", repr(code))
    done = subprocess.run([sys.executable, "-m", "guatu.cli", "shell", "-c", script], env=env,
                          capture_output=True, text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] == {"new": False, "served_by": ["replica"]}
    assert seen["post"] == 302 and seen["replica_paused"] is True
    # Lag: the writer reads their write from the primary; another user reads the replica, a moment behind.
    assert seen["writer_during_lag"] == {"new": True, "served_by": ["default"]}
    assert seen["other_during_lag"] == {"new": False, "served_by": ["replica"]}
    # Replayed: everyone reads the replica again, and sees the change.
    assert seen["other_after"] == {"new": True, "served_by": ["replica"]}
    assert seen["writer_after"]["new"] and seen["writer_after_again"] == {"new": True,
                                                                           "served_by": ["replica"]}  # fmt: skip


# The router's rules, in-process (a replica alias configured; no query reaches it here).


@pytest.fixture
def router(monkeypatch):
    monkeypatch.setattr(routers, "has_replica", lambda: True)
    return PrimaryReplicaRouter()


def test_reads_in_a_get_go_to_the_replica_and_writes_to_the_primary(router):
    with routing("GET", "s:abc") as state:
        assert router.db_for_read(Project) == "replica"
        assert router.db_for_write(Project) == "default"
        state.wrote = True  # the middleware saw an INSERT, UPDATE or DELETE on the primary
        assert router.db_for_read(Project) == "default"  # once written, read what was written


def test_requests_that_may_write_and_code_outside_a_request_read_the_primary(router):
    with routing("POST", "s:abc"):
        assert router.db_for_read(Project) == "default"
    assert router.db_for_read(Project) == "default"  # CLI, worker, shell


def test_sessions_cache_and_jobs_stay_on_the_primary(router):
    from django.contrib.sessions.models import Session

    from guatu.exchange.models import ImportJob

    with routing("GET", "s:abc"):
        assert router.db_for_read(Session) == router.db_for_read(ImportJob) == "default"


def test_a_pending_write_keeps_the_writer_on_the_primary_until_the_replica_replays_it(router, monkeypatch):
    replayed = {"0/5000": False}
    monkeypatch.setattr(routers, "replica_has_replayed", lambda lsn: replayed[lsn])
    with routing("GET", "s:abc") as state:
        state.pending_lsn = "0/5000"
        assert router.db_for_read(Project) == "default"
    replayed["0/5000"] = True
    with routing("GET", "s:abc") as state:
        state.pending_lsn = "0/5000"
        assert router.db_for_read(Project) == "replica"


def test_without_a_replica_everything_is_the_primary():
    assert not routers.has_replica()  # the suite runs without GUATU_REPLICA_URL
    with routing("GET", "s:abc"):
        assert PrimaryReplicaRouter().db_for_read(Project) == "default"


def test_the_data_version_moves_when_an_earlier_change_record_commits_last(pair):
    """PostgreSQL hands out ids before commit: id 100 may commit after 101. The latest id alone would not
    move then; the counter, raised at commit by the deferred trigger, does (guatu.core.cache)."""
    import psycopg

    url = pair.url("primary", connection.settings_dict["NAME"])
    version_sql = "SELECT (SELECT MAX(id) FROM audit_changerecord), (SELECT counter FROM core_dataversion WHERE id = 1)"
    insert = (
        "INSERT INTO audit_changerecord (time, username, request_id, reason, action, content_type_id, object_id,"
        " object_repr) VALUES (now(), 'test', '', '', 'update', (SELECT MIN(id) FROM django_content_type), 1, 'x')"
        " RETURNING id"
    )
    with psycopg.connect(url) as early, psycopg.connect(url) as late, psycopg.connect(url, autocommit=True) as reader:
        first = early.execute(insert).fetchone()[0]
        second = late.execute(insert).fetchone()[0]
        assert second > first
        late.commit()
        before = reader.execute(version_sql).fetchone()
        early.commit()
        after = reader.execute(version_sql).fetchone()
    assert after[0] == before[0] == second  # the latest id did not move…
    assert after[1] == before[1] + 1  # …the counter did
