"""Serving the web app with waitress (a production WSGI server that needs no compiler), and the
background worker for big imports beside it, supervised: restarted if it dies, stopped when the
server stops (SIGTERM or Ctrl+C), and told by the kernel to stop if the server is killed outright."""

from __future__ import annotations

import contextlib
import ctypes
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


def serve(
    host: str = "127.0.0.1", port: int = 8000, threads: int = 8, banner: str = "", with_worker: bool = False
) -> None:
    from waitress import serve as waitress_serve

    from guatu.wsgi import application

    print(f"guatu is serving at http://{host}:{port}/ {banner}".rstrip(), flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)  # so that the worker is stopped, not orphaned
    with worker() if with_worker else contextlib.nullcontext():
        try:
            waitress_serve(application, host=host, port=port, threads=threads, ident="guatu", **proxy_options())
        except KeyboardInterrupt:
            sys.exit(0)
