"""gunicorn, configured by guatu: `python -m guatu.core.gunicorn_app --bind HOST:PORT --workers N --threads T`.

`guatu serve` starts this as its child (see guatu.core.serving). The app is loaded once in gunicorn's
master and forked into the workers (quick start, shared memory); gthread workers run a few requests
each at once. SIGTERM: stop accepting, let requests in flight finish (--graceful-timeout), exit.
"""

from __future__ import annotations

import argparse
import os

from gunicorn.app.base import BaseApplication


def _close_connections(server) -> None:
    """Before forking: no database connection may be shared by the workers."""
    from django.db import connections

    connections.close_all()


class GuatuGunicorn(BaseApplication):
    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guatu.settings")
        from guatu.core.proxy import wrap
        from guatu.wsgi import application

        return wrap(application)


def options(bind: str, workers: int, threads: int, graceful: int) -> dict:
    return {
        "bind": [bind],
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "preload_app": True,
        "graceful_timeout": graceful,
        "timeout": 60,
        "keepalive": 5,
        "proc_name": "guatu",
        # Client addresses and schemes are taken from a trusted proxy by guatu.core.proxy, not here.
        "forwarded_allow_ips": "",
        "control_socket_disable": True,  # else gunicorn 25+ opens ~/.gunicorn/gunicorn.ctl, shared by every instance
        "when_ready": _close_connections,
        "errorlog": "-",
        "loglevel": "warning",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bind", default="127.0.0.1:8000")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--graceful-timeout", type=int, default=20)
    args = parser.parse_args(argv)
    GuatuGunicorn(options(args.bind, args.workers, args.threads, args.graceful_timeout)).run()


if __name__ == "__main__":
    main()
