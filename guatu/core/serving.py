"""Serving the web app: gunicorn on Linux (several worker processes, a few threads each, graceful on
SIGTERM), waitress where gunicorn cannot run (Windows: it needs fork and Unix signals), and the
background worker for big imports beside either, supervised: restarted if it dies, stopped when the
server stops (SIGTERM or Ctrl+C), and told by the kernel to stop if the server is killed outright.

`guatu serve` is a small parent process: it collects the static files (hashed, compressed; quick when
nothing changed), creates the cache table when the cache lives in the database, starts the supervised
worker and then gunicorn as a child (`python -m guatu.core.gunicorn_app`), and on SIGTERM asks gunicorn
to finish the requests in flight before it stops the worker. Keeping gunicorn in a child rather than in
this process keeps gunicorn's master free to reap its own workers (it waits on every child) and the
supervisor free to watch its own.

GUATU_WORKERS  gunicorn worker processes (default 2 × CPUs + 1, at most 9)
GUATU_THREADS  threads per worker (default 4): a request waiting on the database leaves the CPU to another
GUATU_SERVER   gunicorn | waitress (default: gunicorn where it can run)
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib.util
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

PR_SET_PDEATHSIG = 1
RESTART_PAUSE = 1.0  # seconds before restarting a worker that died; doubles while it keeps dying at once
MAX_PAUSE = 60.0


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the worker gets SIGTERM if the server process dies, however it dies."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class Supervisor:
    """Runs `guatu worker` as a child process and restarts it whenever it exits unasked."""

    def __init__(self, argv: list[str] | None = None, log=None) -> None:
        self.argv = argv or [sys.executable, "-m", "guatu.cli", "worker", "--interval", "1", "--verbosity", "0"]
        self.log = log or (lambda text: print(text, file=sys.stderr, flush=True))
        self.process: subprocess.Popen | None = None
        self.restarts = 0
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="worker-supervisor", daemon=True)

    def _spawn(self) -> None:
        preexec = _die_with_parent if sys.platform.startswith("linux") else None
        self.process = subprocess.Popen(self.argv, env={**os.environ}, stdout=subprocess.DEVNULL,
                                        preexec_fn=preexec)  # fmt: skip

    def start(self) -> Supervisor:
        self._spawn()
        self._thread.start()
        return self

    def _watch(self) -> None:
        pause = RESTART_PAUSE
        while not self._stopping.wait(0.5):
            code = self.process.poll()
            if code is None:
                continue
            started = time.monotonic()
            self.log(f"guatu: the background worker exited ({code}); restarting it in {pause:g} s")
            if self._stopping.wait(pause):
                return
            self._spawn()
            self.restarts += 1
            # A worker that keeps dying at once is restarted less and less often.
            pause = min(pause * 2, MAX_PAUSE) if time.monotonic() - started < 10 else RESTART_PAUSE

    def stop(self, timeout: float = 10) -> None:
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@contextlib.contextmanager
def worker() -> Iterator[Supervisor]:
    """A supervised `guatu worker` for as long as the block runs."""
    supervisor = Supervisor().start()
    try:
        yield supervisor
    finally:
        supervisor.stop()


def _exit_on_sigterm(signum, frame) -> None:
    raise SystemExit(0)


def proxy_options() -> dict:
    """waitress's options for a front server at GUATU_TRUSTED_PROXY (its address, e.g. 127.0.0.1): the
    client's address and scheme are then read from its X-Forwarded-For/-Proto, and only from it. Without
    this, every request seems to come from the proxy, and the log-in lockout (per username and address)
    would lock a username for everyone."""
    from guatu.core.env import env_str

    proxy = env_str("GUATU_TRUSTED_PROXY")
    if not proxy:
        return {}
    return {"trusted_proxy": proxy, "trusted_proxy_count": 1, "clear_untrusted_proxy_headers": True,
            "trusted_proxy_headers": {"x-forwarded-for", "x-forwarded-proto"}}  # fmt: skip


GRACEFUL_SECONDS = 20  # gunicorn lets requests in flight finish this long after SIGTERM


def default_workers() -> int:
    """GUATU_WORKERS, else the usual 2 × CPUs + 1 (a worker waiting on the database leaves its CPU to another)."""
    from guatu.core.env import env_int

    return env_int("GUATU_WORKERS", min(2 * (os.cpu_count() or 1) + 1, 9), minimum=1)


def default_threads() -> int:
    from guatu.core.env import env_int

    return env_int("GUATU_THREADS", 4, minimum=1)


def server_kind() -> str:
    """gunicorn where it can run (POSIX: it forks and uses Unix signals), else waitress; GUATU_SERVER chooses."""
    from guatu.core.env import EnvError, env_str

    wanted = env_str("GUATU_SERVER").lower()
    if wanted not in ("", "gunicorn", "waitress"):
        raise EnvError(f"GUATU_SERVER={wanted!r}: expected gunicorn or waitress")
    can_fork = os.name == "posix" and importlib.util.find_spec("gunicorn") is not None
    if wanted == "gunicorn" and not can_fork:
        raise EnvError("GUATU_SERVER=gunicorn: gunicorn cannot run here (it needs a POSIX system); use waitress")
    return wanted or ("gunicorn" if can_fork else "waitress")


def prepare() -> None:
    """What serving needs besides the migrated database: the collected static files, the cache table and,
    on PostgreSQL, the year partitions of the monthly reports."""
    from django.conf import settings
    from django.core.management import call_command

    from guatu.core.staticfiles import collect
    from guatu.projects.partitioning import ensure_partitions

    collect()
    ensure_partitions()  # PostgreSQL: this year's and next year's monthly reports get their own partition
    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", verbosity=0)


def _run_gunicorn(host: str, port: int, workers: int, threads: int) -> int:
    """gunicorn in a child process until it exits; SIGTERM/Ctrl+C here stop it gracefully first."""
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    argv = [sys.executable, "-m", "guatu.core.gunicorn_app", "--bind", bind, "--workers", str(workers),
            "--threads", str(threads), "--graceful-timeout", str(GRACEFUL_SECONDS)]  # fmt: skip
    preexec = _die_with_parent if sys.platform.startswith("linux") else None
    child = subprocess.Popen(argv, env={**os.environ}, preexec_fn=preexec)
    try:
        return child.wait()
    finally:
        if child.poll() is None:
            child.terminate()  # gunicorn: stop accepting, finish the requests in flight, then exit
            try:
                child.wait(GRACEFUL_SECONDS + 5)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    threads: int | None = None,
    banner: str = "",
    with_worker: bool = False,
    workers: int | None = None,
    kind: str | None = None,
) -> None:
    kind = kind or server_kind()
    threads = threads or default_threads()
    prepare()
    if kind == "gunicorn":
        workers = workers or default_workers()
        how = f"(gunicorn: {workers} workers × {threads} threads)"
    else:
        how = f"(waitress: {threads} threads)"
    print(f"guatu is serving at http://{host}:{port}/ {how} {banner}".rstrip(), flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so that the worker is stopped, not orphaned
    with worker() if with_worker else contextlib.nullcontext():
        try:
            if kind == "gunicorn":
                code = _run_gunicorn(host, port, workers, threads)
                if code:
                    sys.exit(code)
            else:
                _run_waitress(host, port, threads)
        except KeyboardInterrupt:
            sys.exit(0)


def _run_waitress(host: str, port: int, threads: int) -> None:
    from waitress import serve as waitress_serve

    from guatu.wsgi import application

    waitress_serve(application, host=host, port=port, threads=threads, ident="guatu", **proxy_options())
