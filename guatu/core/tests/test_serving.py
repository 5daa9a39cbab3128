"""Behind a trusted front server the app sees the client's address and scheme, not the proxy's."""

from __future__ import annotations

import contextlib
import json
import threading
import urllib.request

from waitress.server import create_server

from guatu.core.serving import proxy_options


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
