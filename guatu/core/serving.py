"""Serving the web app with waitress (a production WSGI server that needs no compiler), and the
background worker for big imports beside it."""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Iterator


@contextlib.contextmanager
def worker() -> Iterator[subprocess.Popen]:
    """`guatu db_worker` as a child process for as long as the block runs."""
    process = subprocess.Popen([sys.executable, "-m", "guatu.cli", "db_worker", "--interval", "1", "--no-reload"],
                               env={**os.environ}, stdout=subprocess.DEVNULL)  # fmt: skip
    try:
        yield process
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


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
    with worker() if with_worker else contextlib.nullcontext():
        try:
            waitress_serve(application, host=host, port=port, threads=threads, ident="guatu", **proxy_options())
        except KeyboardInterrupt:
            sys.exit(0)
