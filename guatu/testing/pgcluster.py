"""Run a command against a throwaway PostgreSQL cluster: `python -m guatu.testing.pgcluster -- CMD…`.

initdb in a temporary folder, start on a free loopback port, create the database, run CMD with
DATABASE_URL pointing at it, then stop the cluster and delete the folder. Without PostgreSQL
installed this is a loud skip, except under CI=true, where it is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from guatu.testing.requirements import missing


def find_bin(name: str) -> str | None:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=lambda p: int(p.split("/")[4]))
    return candidates[-1] if candidates else shutil.which(name)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_with_cluster(command: list[str]) -> int:
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        return missing("PostgreSQL (initdb/pg_ctl)", "apt-get install postgresql")
    root = Path(tempfile.mkdtemp(prefix="guatu-pg-"))
    data, log = root / "data", root / "postgres.log"
    # PostgreSQL refuses to run as root: run the server as the `postgres` user when we are root.
    user = None
    if os.geteuid() == 0:
        account = pwd.getpwnam("postgres")
        user = account.pw_uid
        os.chown(root, account.pw_uid, account.pw_gid)
    port = free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        subprocess.run(
            [initdb, "-D", str(data), "-U", "guatu", "--auth=trust", "-E", "UTF8", "--no-locale"],
            check=True,
            user=user,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        # Throwaway: no durability. Room for bulk loads (`guatu synth` of a million projects): fewer checkpoints,
        # a bigger buffer cache, more memory to build indexes.
        options = (
            f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_wal_size=8GB -c checkpoint_timeout=30min "
            "-c shared_buffers=512MB -c maintenance_work_mem=256MB"
        )
        subprocess.run(
            [pg_ctl, "-D", str(data), "-o", options, "-l", str(log), "-w", "start"],
            check=True,
            user=user,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        url = f"postgres://guatu@127.0.0.1:{port}/guatu"
        subprocess.run(
            [find_bin("createdb") or "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "guatu", "guatu"],
            check=True,
            env=env,
        )
        print(f"guatu: throwaway PostgreSQL at {url}", flush=True)
        return subprocess.run(command, env={**os.environ, "DATABASE_URL": url}).returncode
    finally:
        if (data / "postmaster.pid").exists():
            subprocess.run(
                [pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                user=user,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv and argv[0] == "--":
        argv = argv[1:]
    if not argv:
        print("usage: python -m guatu.testing.pgcluster -- COMMAND [ARGS…]", file=sys.stderr)
        return 2
    return run_with_cluster(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))


OPTIONS = "-c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off"


class Replicated:
    """A throwaway primary and a streaming replica of it on loopback (see `replicated_copy`)."""

    def __init__(self, root: Path, user: int | None) -> None:
        self.root, self.user = root, user
        self.ports: dict[str, int] = {}

    def url(self, which: str, database: str) -> str:
        return f"postgres://guatu@127.0.0.1:{self.ports[which]}/{database}"

    def _run(self, argv: list[str]) -> None:
        subprocess.run(argv, check=True, user=self.user, env={**os.environ, "LC_ALL": "C.UTF-8"},
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # fmt: skip

    def copy(self, which: str, host: str, port: int, *, standby: bool) -> None:
        """A base backup of the cluster at host:port, started as `which` (a standby follows its source)."""
        data = self.root / which
        argv = [find_bin("pg_basebackup"), "-h", host, "-p", str(port), "-U", "guatu", "-D", str(data),
                "--checkpoint=fast", "--wal-method=stream"]  # fmt: skip
        self._run([*argv, "-R"] if standby else argv)
        self.ports[which] = free_port()
        options = f"-p {self.ports[which]} -k {self.root} {OPTIONS}"
        self._run([find_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", str(self.root / f"{which}.log"),
                   "-w", "start"])  # fmt: skip

    def stop(self) -> None:
        for which in ("replica", "primary"):
            if (self.root / which / "postmaster.pid").exists():
                subprocess.run([find_bin("pg_ctl"), "-D", str(self.root / which), "-m", "immediate", "stop"],
                               user=self.user, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def replicated_copy(source_url: str):
    """A context manager: a new primary copied (pg_basebackup) from the cluster at `source_url` — its
    databases, as committed — and a streaming replica of that primary (pg_basebackup -R), both started
    on free loopback ports; stopped and deleted afterwards. Writes to them never reach the source."""
    import contextlib
    from urllib.parse import urlsplit

    @contextlib.contextmanager
    def cluster():
        if not find_bin("pg_basebackup") or not find_bin("pg_ctl"):
            raise FileNotFoundError("pg_basebackup")
        root = Path(tempfile.mkdtemp(prefix="guatu-pg-replica-"))
        user = None
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            user = account.pw_uid
            os.chown(root, account.pw_uid, account.pw_gid)
        pair = Replicated(root, user)
        try:
            source = urlsplit(source_url)
            pair.copy("primary", source.hostname, source.port or 5432, standby=False)
            pair.copy("replica", "127.0.0.1", pair.ports["primary"], standby=True)
            yield pair
        finally:
            pair.stop()
            shutil.rmtree(root, ignore_errors=True)

    return cluster()
