"""The real worker in its own process: supervised by `guatu serve --with-worker`, and killed in the
middle of a large import — nothing written, the job failed when a worker starts, the next import runs."""

from __future__ import annotations

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from guatu.testing.server import free_port, scratch_database

ROWS = 20_000
CLI = [sys.executable, "-m", "guatu.cli"]


@dataclass
class Site:
    env: dict
    data: Path

    def shell(self, code: str) -> str:
        done = subprocess.run([*CLI, "shell", "-c", code], env=self.env, capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""

    def query(self, sql: str) -> list[tuple]:
        if self.env.get("DATABASE_URL"):
            import psycopg

            with psycopg.connect(self.env["DATABASE_URL"], autocommit=True) as conn:
                return conn.execute(sql).fetchall()
        with contextlib.closing(sqlite3.connect(self.data / "guatu.sqlite3", timeout=5)) as conn:
            return conn.execute(sql).fetchall()

    def writing(self) -> bool:
        """Someone holds an open write transaction on the project table."""
        if self.env.get("DATABASE_URL"):
            return bool(self.query("SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                   "WHERE c.relname = 'projects_project' AND l.mode = 'RowExclusiveLock'"))  # fmt: skip
        conn = sqlite3.connect(self.data / "guatu.sqlite3", timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True
        finally:
            conn.close()

    def job(self, pk: int) -> tuple[str, int, str]:
        return self.query(f"SELECT status, rows_read, error FROM exchange_importjob WHERE id = {pk}")[0]

    def enqueue(self, source: Path) -> int:
        return int(self.shell(
            "import shutil, uuid\n"
            "from guatu.exchange.jobs import run_import\nfrom guatu.exchange.models import ImportJob\n"
            "from guatu.exchange.uploads import upload_dir\nfrom django.contrib.auth import get_user_model\n"
            "user = get_user_model().objects.get(username='boss')\ntoken = uuid.uuid4().hex\n"
            f"shutil.copy({str(source)!r}, upload_dir() / f'{{token}}.csv')\n"
            "job = ImportJob.objects.create(token=token, file_name='p.csv', kind='projects', requested_by=user)\n"
            "run_import.enqueue(job.pk, True)\nprint(job.pk)"
        ))  # fmt: skip


def wait_for(condition, seconds: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    data = tmp_path_factory.mktemp("worker-site")
    with contextlib.ExitStack() as stack:
        env = {**os.environ, "GUATU_DATA_DIR": str(data)}
        env.pop("DJANGO_SETTINGS_MODULE", None)
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = stack.enter_context(scratch_database(os.environ["DATABASE_URL"]))
        subprocess.run([*CLI, "migrate", "-v0"], env=env, check=True)
        site = Site(env, data)
        site.shell("from django.contrib.auth import get_user_model\n"
                   "get_user_model().objects.create_superuser('boss', 'b@example.org', 'boss-pass-1')")  # fmt: skip
        yield site


def projects_csv(path: Path, rows: int, prefix: str) -> Path:
    lines = ["项目代码,项目名称,行政区划,总投资"] + [f"{prefix}{i:06d},项目{prefix}{i},330802,{i}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def workers(pid: int) -> list[int]:
    """The `guatu worker` children of a server (gunicorn is its other child)."""
    found = []
    for child in children(pid):
        with contextlib.suppress(FileNotFoundError):
            if b"worker" in Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0"):
                found.append(child)
    return found


def gone(pid: int) -> bool:
    return not Path(f"/proc/{pid}").exists()


def test_a_worker_killed_during_a_large_import_writes_nothing_and_the_next_import_runs(site, tmp_path):
    job = site.enqueue(projects_csv(tmp_path / "big.csv", ROWS, "K"))
    worker = subprocess.Popen([*CLI, "worker", "--verbosity", "0"], env=site.env)
    try:
        wait_for(lambda: site.job(job)[:2] == ("committing", ROWS), what="the file to be read")
        wait_for(site.writing, what="the commit to start")
        worker.kill()
        worker.wait()
        assert site.job(job)[0] == "committing"  # what the dead worker left behind
        assert site.query("SELECT count(*) FROM projects_project WHERE code LIKE 'K%'") == [(0,)]
    finally:
        worker.kill()
    worker = subprocess.Popen([*CLI, "worker", "--verbosity", "0"], env=site.env)
    try:
        wait_for(lambda: site.job(job)[0] == "failed", 30, "the stale job to be failed")
        assert "未写入任何数据" in site.job(job)[2]
        small = site.enqueue(projects_csv(tmp_path / "small.csv", 3, "S"))
        wait_for(lambda: site.job(small)[0] == "committed", 60, "the next import")
        assert site.query("SELECT count(*) FROM projects_project WHERE code LIKE 'S%'") == [(3,)]
        assert site.query("SELECT count(*) FROM projects_project WHERE code LIKE 'K%'") == [(0,)]
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(20)


def test_serve_restarts_a_dead_worker_and_stops_it_on_sigterm(site):
    server = subprocess.Popen([*CLI, "serve", "--port", str(free_port()), "--with-worker"], env=site.env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip
    try:
        wait_for(lambda: workers(server.pid), 30, "the worker to start")
        first = workers(server.pid)[0]
        os.kill(first, signal.SIGKILL)
        wait_for(lambda: [c for c in workers(server.pid) if c != first], 30, "the worker to be restarted")
        second = next(c for c in workers(server.pid) if c != first)
        server.send_signal(signal.SIGTERM)
        assert server.wait(20) == 0
        wait_for(lambda: gone(second), 10, "the worker to stop with the server")
        assert b"restarting" in server.stderr.read()
    finally:
        if server.poll() is None:
            server.kill()
