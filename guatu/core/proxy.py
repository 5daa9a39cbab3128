"""The client's address and scheme behind a trusted front server, for any WSGI server.

waitress does this itself (`guatu.core.serving.proxy_options`); gunicorn only trusts a scheme header
and never rewrites REMOTE_ADDR, so under gunicorn this middleware does the same: when the request
comes from GUATU_TRUSTED_PROXY, the client is the last address of X-Forwarded-For and the scheme is
X-Forwarded-Proto; from anyone else those headers are dropped, so a client cannot forge them. Without
it, every request would seem to come from the proxy and the log-in lockout (per username and address)
would lock a username for everyone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from guatu.core.env import env_str

FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO")


class TrustedProxy:
    """WSGI middleware: take the client's address and scheme from `proxy` only (see the module)."""

    def __init__(self, app: Callable, proxy: str) -> None:
        self.app = app
        self.proxy = proxy

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if self.proxy and environ.get("REMOTE_ADDR") == self.proxy:
            forwarded = [a.strip() for a in environ.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
            if forwarded:
                environ["REMOTE_ADDR"] = forwarded[-1]  # the address the proxy itself saw
            scheme = environ.get("HTTP_X_FORWARDED_PROTO", "").strip().lower()
            if scheme in ("http", "https"):
                environ["wsgi.url_scheme"] = scheme
        else:
            for name in FORWARDED:
                environ.pop(name, None)
        return self.app(environ, start_response)


def wrap(app: Callable) -> Callable:
    return TrustedProxy(app, env_str("GUATU_TRUSTED_PROXY"))
