"""Start the real product (`guatu demo --no-serve`, then `guatu serve`) in a child process for
browser tests: a temporary data directory on SQLite, or a fresh database in the same PostgreSQL
cluster when DATABASE_URL points at one."""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@functools.cache
def static_root() -> Path:
    """One folder of collected static files for every server this test run starts: the first collects
    (hashing, gzip, brotli: a few seconds), the others find it done (guatu.core.staticfiles.collect)."""
    path = Path(tempfile.mkdtemp(prefix="guatu-test-static-"))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@contextlib.contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new, empty database next to the one `url` names; dropped afterwards."""
    import psycopg

    name = f"guatu_browser_{uuid.uuid4().hex[:8]}"
    parts = urlsplit(url)
    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class ServedURL(str):
    """The served demo's base URL, with the environment its processes run in (to run `guatu …` beside it)."""

    env: dict

    def cli(self, *args: str, input: str | None = None) -> str:
        """Run a `guatu` command against the served instance's database; its standard output."""
        done = subprocess.run([sys.executable, "-m", "guatu.cli", *args], env=self.env, input=input, text=True,
                              capture_output=True, check=True)  # fmt: skip
        return done.stdout


@contextlib.contextmanager
def demo_server(data_dir: Path) -> Iterator[str]:
    """Yield the base URL of a served, freshly loaded demo."""
    with contextlib.ExitStack() as stack:
        env = {**os.environ, "GUATU_DATA_DIR": str(data_dir), "GUATU_STATIC_ROOT": str(static_root())}
        env.setdefault("GUATU_WORKERS", "2")  # gunicorn: two processes are plenty for one browser
        env.pop("DJANGO_SETTINGS_MODULE", None)
        if os.environ.get("DATABASE_URL"):
            env["DATABASE_URL"] = stack.enter_context(scratch_database(os.environ["DATABASE_URL"]))
        cli = [sys.executable, "-m", "guatu.cli"]
        subprocess.run([*cli, "demo", "--no-serve"], env=env, check=True, stdout=subprocess.DEVNULL)
        port = free_port()
        # The server's log goes to a file: a pipe nobody reads fills up and blocks the server mid-request.
        log = stack.enter_context(open(Path(data_dir) / "serve.log", "w+b"))
        server = subprocess.Popen(
            [*cli, "serve", "--port", str(port), "--with-worker"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        stack.callback(server.wait, 10)
        stack.callback(server.terminate)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
            if server.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"guatu serve exited: {log.read().decode(errors='replace')}")
            time.sleep(0.2)
        else:
            raise RuntimeError("guatu serve did not start within 60 s")
        url = ServedURL(f"http://127.0.0.1:{port}")
        url.env = env
        yield url


def logged_in_page(browser, base: str, viewport: dict, username: str = "demo"):
    """A new chromium context and page on the served demo, logged in as `username` (a demo user)."""
    from guatu.demo.people import DEMO_PASSWORD

    context = browser.new_context(locale="zh-CN", viewport=viewport)
    page = context.new_page()
    page.goto(f"{base}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
    return context, page
