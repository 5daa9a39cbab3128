"""Serving the web app with waitress (a production WSGI server that needs no compiler)."""

from __future__ import annotations

import sys


def serve(host: str = "127.0.0.1", port: int = 8000, threads: int = 8, banner: str = "") -> None:
    from waitress import serve as waitress_serve

    from guatu.wsgi import application

    print(f"guatu is serving at http://{host}:{port}/ {banner}".rstrip(), flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    try:
        waitress_serve(application, host=host, port=port, threads=threads, ident="guatu")
    except KeyboardInterrupt:
        sys.exit(0)
