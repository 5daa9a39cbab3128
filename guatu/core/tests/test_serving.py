"""Serving: gunicorn workers that stop on SIGTERM, waitress as the fallback, and behind a trusted front
server the app sees the client's address and scheme, not the proxy's."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from waitress.server import create_server

from guatu.core.env import EnvError
from guatu.core.proxy import TrustedProxy
from guatu.core.serving import default_threads, default_workers, proxy_options, server_kind
from guatu.testing.server import free_port, static_root


def echo(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"addr": environ["REMOTE_ADDR"], "scheme": environ["wsgi.url_scheme"]}).encode()]


@contextlib.contextmanager
def served(**options):
    server = create_server(echo, host="127.0.0.1", port=0, threads=1, **options)

    def run() -> None:
        with contextlib.suppress(OSError, ValueError):  # the loop's sockets close under it at the end
            server.run()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}/"
    finally:
        server.task_dispatcher.shutdown()
        server.close()
        thread.join(5)


def seen(url: str) -> dict:
    request = urllib.request.Request(url, headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


def test_a_trusted_proxy_passes_on_the_clients_address_and_scheme(monkeypatch):
    monkeypatch.setenv("GUATU_TRUSTED_PROXY", "127.0.0.1")
    with served(**proxy_options()) as url:
        assert seen(url) == {"addr": "203.0.113.9", "scheme": "https"}


def test_without_a_trusted_proxy_forwarded_headers_are_ignored(monkeypatch):
    monkeypatch.delenv("GUATU_TRUSTED_PROXY", raising=False)
    assert proxy_options() == {}
    with served(**proxy_options()) as url:
        assert seen(url) == {"addr": "127.0.0.1", "scheme": "http"}


def test_a_proxy_at_another_address_is_not_trusted(monkeypatch):
    monkeypatch.setenv("GUATU_TRUSTED_PROXY", "192.0.2.1")
    with served(**proxy_options()) as url:
        assert seen(url)["addr"] == "127.0.0.1"


# gunicorn: the same trust rule by guatu's own middleware (gunicorn never rewrites REMOTE_ADDR).


def proxied(remote: str, proxy: str, headers: dict) -> dict:
    environ = {"REMOTE_ADDR": remote, "wsgi.url_scheme": "http", **headers}
    seen = {}

    def app(env, start_response):
        seen.update(addr=env["REMOTE_ADDR"], scheme=env["wsgi.url_scheme"], xff=env.get("HTTP_X_FORWARDED_FOR"))
        return []

    TrustedProxy(app, proxy)(environ, lambda *a: None)
    return seen


FORWARDED_HEADERS = {"HTTP_X_FORWARDED_FOR": "198.51.100.7, 203.0.113.9", "HTTP_X_FORWARDED_PROTO": "https"}


def test_under_gunicorn_a_trusted_proxy_passes_on_the_clients_address_and_scheme():
    seen = proxied("127.0.0.1", "127.0.0.1", FORWARDED_HEADERS)
    assert (seen["addr"], seen["scheme"]) == ("203.0.113.9", "https")  # the address the proxy saw


def test_under_gunicorn_forwarded_headers_from_anyone_else_are_dropped():
    assert proxied("127.0.0.1", "", FORWARDED_HEADERS) == {"addr": "127.0.0.1", "scheme": "http", "xff": None}
    assert proxied("127.0.0.1", "192.0.2.1", FORWARDED_HEADERS)["addr"] == "127.0.0.1"


def test_workers_and_threads_default_from_the_cpus_and_read_the_environment(monkeypatch):
    monkeypatch.delenv("GUATU_WORKERS", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    assert default_workers() == 5
    monkeypatch.setattr(os, "cpu_count", lambda: 16)
    assert default_workers() == 9
    monkeypatch.setenv("GUATU_WORKERS", "3")
    monkeypatch.setenv("GUATU_THREADS", "6")
    assert (default_workers(), default_threads()) == (3, 6)
    monkeypatch.setenv("GUATU_WORKERS", "0")
    with pytest.raises(EnvError, match="GUATU_WORKERS"):
        default_workers()


def test_gunicorn_serves_on_linux_and_waitress_stays_the_fallback(monkeypatch):
    monkeypatch.delenv("GUATU_SERVER", raising=False)
    assert server_kind() == "gunicorn"
    monkeypatch.setenv("GUATU_SERVER", "waitress")
    assert server_kind() == "waitress"
    monkeypatch.setenv("GUATU_SERVER", "uwsgi")
    with pytest.raises(EnvError, match="GUATU_SERVER"):
        server_kind()


def processes_under(pid: int) -> list[int]:
    found = []
    for child in children(pid):
        found += [child, *processes_under(child)]
    return found


def children(pid: int) -> list[int]:
    found = []
    with contextlib.suppress(FileNotFoundError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    return found


def cmdline(pid: int) -> str:
    with contextlib.suppress(FileNotFoundError):
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    return ""


def test_serve_runs_gunicorn_workers_and_all_stop_on_sigterm(tmp_path):
    env = {**os.environ, "GUATU_DATA_DIR": str(tmp_path), "GUATU_STATIC_ROOT": str(static_root())}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "guatu.cli", "serve", "--port", str(port), "--workers", "2",
                               "--threads", "2"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            url = f"http://127.0.0.1:{port}/static/guatu/app.css"
            with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as response:
                assert response.status == 200
                break
            assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
            time.sleep(0.2)
        assert b"(gunicorn: 2 workers" in server.stdout.readline()
        (master,) = children(server.pid)
        assert "guatu.core.gunicorn_app" in cmdline(master)
        deadline = time.monotonic() + 30  # gunicorn forks its workers one after the other
        while len(children(master)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(children(master)) == 2
        everyone = processes_under(server.pid)
        server.send_signal(signal.SIGTERM)
        assert server.wait(30) == 0
        deadline = time.monotonic() + 10
        while any(Path(f"/proc/{p}").exists() for p in everyone) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [p for p in everyone if Path(f"/proc/{p}").exists()]
    finally:
        if server.poll() is None:
            server.kill()
